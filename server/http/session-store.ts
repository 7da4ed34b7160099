import session from 'express-session';
import type { SessionRepository } from '../store/repository';

type Callback<T = void> = (error?: unknown, result?: T) => void;

const PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * express-session's Store over our own repository, so sessions live in whichever store the server runs on
 * and any instance behind a load balancer can serve any staff request.
 */
export class RepositorySessionStore extends session.Store {
  private lastPurge = 0;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly fallbackMaxAgeMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.sessions
      .get(sid, new Date().toISOString())
      .then((data) => callback(undefined, data as unknown as session.SessionData | null))
      .catch(callback);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.purgeNowAndThen();
    this.sessions
      .set(sid, JSON.parse(JSON.stringify(data)), this.expiry(data))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.sessions
      .touch(sid, this.expiry(data))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.sessions
      .destroy(sid)
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  private expiry(data: session.SessionData): string {
    const expires = data.cookie?.expires;
    return (expires ? new Date(expires) : new Date(Date.now() + this.fallbackMaxAgeMs)).toISOString();
  }

  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.sessions.purgeExpired(new Date(now).toISOString()).catch(() => undefined);
  }
}
