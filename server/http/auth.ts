import type { RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Role } from '../kernel/roles';
import { canSeeSurvey, hasRole, type SessionUser } from './session-user';

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
  }
}

/** Pages send someone signed out to the login page; the API answers 401. Too low a role gets 403 either way. */
export function requireRole(least: Role): RequestHandler {
  return (req, res, next) => {
    const user = req.session?.user;
    if (!user) {
      if (req.method === 'GET' && !req.originalUrl.startsWith('/api/')) {
        res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      throw new UnauthorizedError({ message: 'Please sign in as a member of staff' });
    }
    if (!hasRole(user, least)) throw new ForbiddenError({ message: `This needs the ${least} role or higher` });
    const slug = req.params.slug;
    if (typeof slug === 'string' && !canSeeSurvey(user, slug)) {
      throw new ForbiddenError({ message: 'Your account does not have access to this survey' });
    }
    next();
  };
}
