import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const COOKIE = 'canvass.login';
const LIFETIME_MS = 60 * 60 * 1000;

/**
 * CSRF protection for the sign-in form without a session: a random nonce in a short-lived cookie and its HMAC in
 * the form (a signed double submit). csrf-sync keeps its token in the session, which would store a session row for
 * every anonymous visit to /login; this keeps sessions for people who have signed in. Written here because it is
 * a dozen lines over node:crypto, and csrf-csrf would still need a per-visitor identifier of our own.
 */
export class LoginFormToken {
  constructor(private readonly secret: string) {}

  /** Sets the cookie (reusing a valid one, so two tabs keep working) and returns the token for the form. */
  issue(req: Request, res: Response, secure: boolean): string {
    const existing = this.nonceOf(req);
    const nonce = existing ?? randomBytes(18).toString('base64url');
    if (!existing)
      res.cookie(COOKIE, nonce, { httpOnly: true, sameSite: 'strict', secure, maxAge: LIFETIME_MS, path: '/login' });
    return this.sign(nonce);
  }

  verify(req: Request, token: unknown): boolean {
    const nonce = this.nonceOf(req);
    if (!nonce || typeof token !== 'string') return false;
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  clear(res: Response): void {
    res.clearCookie(COOKIE, { path: '/login' });
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(`login:${nonce}`).digest('base64url');
  }

  private nonceOf(req: Request): string | undefined {
    const header = req.headers.cookie ?? '';
    const match = new RegExp(`(?:^|;\\s*)${COOKIE.replace('.', '\\.')}=([A-Za-z0-9_-]{24})(?:;|$)`).exec(header);
    return match?.[1];
  }
}
