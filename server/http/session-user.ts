import type { Role } from '../kernel/roles';

/** Who a request acts for: the signed-in account (or a personal API token's), as the session keeps it. */
export interface SessionUser {
  email: string;
  role: Role;
  /** Surveys this user may see; null for all. */
  surveys: string[] | null;
  /** When this session signed in: it ends after the absolute lifetime, however busy. */
  signedInAt: string;
  /** The account's changedAt at sign-in: compared for equality, so no two clocks need agree. */
  accountVersion: string;
}

const RANK: Record<Role, number> = { viewer: 1, researcher: 2, admin: 3 };

/** Admins see every survey; others every survey unless their account lists some. */
export function canSeeSurvey(user: SessionUser | undefined, slug: string): boolean {
  return Boolean(user && (user.role === 'admin' || !user.surveys || user.surveys.includes(slug)));
}

/** Admins can do everything researchers can, and researchers everything viewers can. */
export function hasRole(user: SessionUser | undefined, least: Role): boolean {
  return Boolean(user && RANK[user.role] >= RANK[least]);
}
