import type { NextFunction, Request, Response } from 'express';
import type { SessionData } from 'express-session';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Role } from '../kernel/roles';
import { canSeeSurvey, hasRole, type SessionUser } from './session-user';

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
  }
}

/**
 * A guard that fits a route of any path: generic in its params, so the route's handler still gets the params its
 * path names (`/staff/surveys/:slug` gives `req.params.slug` as a string) instead of Express's loose dictionary.
 */
export type Guard = <P>(req: Request<P>, res: Response, next: NextFunction) => void;

/** Pages send someone signed out to the login page; the API answers 401. Too low a role gets 403 either way. */
export function requireRole(least: Role): Guard {
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
    const params: unknown = req.params;
    const slug = params && typeof params === 'object' && 'slug' in params ? params.slug : undefined;
    if (typeof slug === 'string' && !canSeeSurvey(user, slug)) {
      throw new ForbiddenError({ message: 'Your account does not have access to this survey' });
    }
    next();
  };
}

/** Who a request acts for, behind requireRole; a request that reached here signed out is refused as unauthenticated. */
export function signedInUser(req: { session?: Partial<SessionData> }): SessionUser {
  const user = req.session?.user;
  if (!user) throw new UnauthorizedError({ message: 'Please sign in as a member of staff' });
  return user;
}
