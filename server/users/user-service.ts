import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../errors';
import type { Role, Store } from '../store/repository';
import { newUserSchema, type NewUser } from './user-schema';

export interface SessionUser {
  email: string;
  role: Role;
  /** Surveys this user may see; null for all. */
  surveys: string[] | null;
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

export class UserService {
  /** Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(input: NewUser): Promise<'created' | 'updated'> {
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError({
        message: 'The user is not valid',
        details: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    const { email, role, password, surveys } = parsed.data;
    const kept = surveys === undefined ? ((await this.store.users.findByEmail(email))?.surveys ?? null) : surveys === 'all' ? null : surveys;
    return this.store.users.put({ email, role, passwordHash: await hash(password), createdAt: this.now().toISOString(), surveys: kept });
  }

  async authenticate(email: string, password: string): Promise<SessionUser | null> {
    const user = await this.store.users.findByEmail(email.toLowerCase());
    if (!user) {
      this.decoyHash ??= hash('decoy password that matches nothing');
      await verify(await this.decoyHash, password);
      return null;
    }
    return (await verify(user.passwordHash, password)) ? { email: user.email, role: user.role, surveys: user.surveys } : null;
  }
}
