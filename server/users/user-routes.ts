import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { validateBody } from '../http/validate';
import type { Views } from '../http/views';
import { loginFormSchema } from './user-schema';
import type { UserService } from './user-service';

/** Only same-site paths: an open redirect after login would hand a phishing page our credibility. */
function safeNext(next: unknown): string {
  // A repeated ?next= arrives as an array: not a path we can trust, so the staff home.
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/staff';
}

function renderLogin(req: Request, res: Response, views: Views, status: number, error?: string, next?: string) {
  res.status(status).send(
    views.page('login', { title: 'Staff sign in', error, next: safeNext(next ?? req.query.next), csrfToken: req.csrfToken?.() }),
  );
}

export function userRoutes(users: UserService, views: Views, config: Config): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: config.loginWindowMinutes * 60 * 1000,
    limit: config.loginAttemptsPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count: staff who sign in successfully are never locked out by colleagues on one IP.
    skipSuccessfulRequests: true,
    handler: (req, res) => renderLogin(req, res, views, 429, 'Too many sign-in attempts. Please wait a few minutes and try again.'),
  });

  router.get('/login', (req, res) => {
    if (req.session.user) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    renderLogin(req, res, views, 200);
  });

  router.post('/login', loginLimiter, validateBody(loginFormSchema), async (req, res) => {
    const { email, password, next } = req.body as { email: string; password: string; next?: string };
    const user = await users.authenticate(email, password);
    if (!user) {
      renderLogin(req, res, views, 401, 'That e-mail address and password do not match an account.', next);
      return;
    }
    // A new session id at sign-in, so an id planted before sign-in (session fixation) is worthless.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.user = user;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    res.redirect(303, safeNext(next));
  });

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
    res.clearCookie('canvass.sid');
    res.redirect(303, '/login');
  });

  return router;
}
