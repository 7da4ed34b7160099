import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { ForbiddenError } from '../errors';
import type { LoginFormToken } from '../http/login-token';
import { parseBody } from '../http/validate';
import type { Views } from '../http/views';
import { loginFormSchema } from './user-schema';
import type { UserService } from './user-service';

/** Only same-site paths: an open redirect after login would hand a phishing page our credibility. */
function safeNext(next: unknown): string {
  // A repeated ?next= arrives as an array: not a path we can trust, so the staff home.
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/staff';
}

export function userRoutes(users: UserService, views: Views, config: Config, loginToken: LoginFormToken): Router {
  const router = Router();
  // After a failed attempt the e-mail address stays in its box: only the password is typed again.
  const renderLogin = (req: Request, res: Response, status: number, error?: string, next?: string, email?: string) => {
    const csrfToken = loginToken.issue(req, res, req.secure);
    res.status(status).send(
      views.page('login', {
        title: 'Staff sign in',
        error,
        next: safeNext(next ?? req.query.next),
        csrfToken,
        email,
      }),
    );
  };
  const loginLimiter = rateLimit({
    windowMs: config.loginWindowMinutes * 60 * 1000,
    limit: config.loginAttemptsPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count: staff who sign in successfully are never locked out by colleagues on one IP.
    skipSuccessfulRequests: true,
    handler: (req, res) =>
      renderLogin(
        req,
        res,
        429,
        'Too many sign-in attempts. Please wait a few minutes and try again.',
        undefined,
        typeof req.body?.email === 'string' ? req.body.email.slice(0, 320) : undefined,
      ),
  });
  // The same, per account from any address: behind a proxy the address is what X-Forwarded-For says, and a
  // guesser who can rotate it (or many machines) would otherwise guess one account's password without end.
  const accountLimiter = rateLimit({
    windowMs: config.loginWindowMinutes * 60 * 1000,
    limit: config.loginAttemptsPerAccount,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) =>
      `account:${String(req.body?.email ?? '')
        .trim()
        .toLowerCase()
        .slice(0, 254)}`,
    handler: (req, res) =>
      renderLogin(req, res, 429, 'Too many sign-in attempts. Please wait a few minutes and try again.'),
  });

  router.get('/login', (req, res) => {
    if (req.session.user) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    renderLogin(req, res, 200);
  });

  router.post('/login', loginLimiter, accountLimiter, async (req, res) => {
    const { email, password, next, _csrf } = parseBody(loginFormSchema, req);
    if (!loginToken.verify(req, _csrf)) {
      throw new ForbiddenError({
        message: 'The form has expired or did not come from this site. Please go back, reload and try again.',
      });
    }
    const user = await users.authenticate(email, password);
    if (!user) {
      renderLogin(req, res, 401, 'That e-mail address and password do not match an account.', next, email);
      return;
    }
    // A new session id at sign-in, so an id planted before sign-in (session fixation) is worthless.
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((error) => (error ? reject(error) : resolve())),
    );
    req.session.user = user;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    loginToken.clear(res);
    res.redirect(303, safeNext(next));
  });

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
    res.clearCookie('canvass.sid');
    res.redirect(303, '/login');
  });

  return router;
}
