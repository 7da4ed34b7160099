import { hash, verify } from '@node-rs/argon2';
import { NotFoundError, ValidationError } from '../errors';
import type { ApiTokenRepository, SessionRepository, UserRepository } from '../store/repository';

/** What the users domain keeps: accounts, their sessions and their API tokens. */
export interface AccountRepositories {
  users: UserRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
}
import { newUserSchema, type NewUser } from './user-schema';
import type { SessionUser } from '../http/session-user';

export class UserService {
  /** Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountRepositories,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(input: NewUser): Promise<'created' | 'updated'> {
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) {
      throw ValidationError.fromZod(parsed.error, 'The user is not valid');
    }
    const { email, role, password, surveys } = parsed.data;
    const existing = await this.accounts.users.findByEmail(email);
    const kept = surveys === undefined ? (existing?.surveys ?? null) : surveys === 'all' ? null : surveys;
    const at = this.now().toISOString();
    // A new password or role is a change like any other: the old sessions end; a disabled account stays disabled.
    const outcome = await this.accounts.users.put({
      email,
      role,
      passwordHash: await hash(password),
      createdAt: at,
      surveys: kept,
      disabled: existing?.disabled ?? false,
      changedAt: at,
    });
    await this.accounts.sessions.destroyForUser(email);
    // A new role, survey list or password ends the account's API tokens too: the owner makes new ones, so no
    // script keeps the access of an account as it was (`users add` always sets a password, so any change counts).
    if (existing) await this.accounts.apiTokens.revokeForUser(email, at);
    return outcome;
  }

  /** Disabling suspends the account's API tokens: refused while it is disabled, working again once re-enabled. */
  async setDisabled(email: string, disabled: boolean): Promise<void> {
    const user = await this.existing(email);
    await this.accounts.users.put({ ...user, disabled, changedAt: this.now().toISOString() });
    await this.accounts.sessions.destroyForUser(user.email);
  }

  async remove(email: string): Promise<void> {
    const user = await this.existing(email);
    // Tokens first: were the account re-added under the same e-mail, an old token must not come back to life.
    await this.accounts.apiTokens.removeForUser(user.email);
    await this.accounts.users.remove(user.email);
    await this.accounts.sessions.destroyForUser(user.email);
  }

  async list() {
    return (await this.accounts.users.list()).map(({ passwordHash: _hidden, ...user }) => user);
  }

  async authenticate(email: string, password: string): Promise<SessionUser | null> {
    const user = await this.accounts.users.findByEmail(email.toLowerCase());
    if (!user) {
      this.decoyHash ??= hash('decoy password that matches nothing');
      await verify(await this.decoyHash, password);
      return null;
    }
    const matches = await verify(user.passwordHash, password);
    if (!matches || user.disabled) return null;
    return {
      email: user.email,
      role: user.role,
      surveys: user.surveys,
      signedInAt: this.now().toISOString(),
      accountVersion: user.changedAt,
    };
  }

  /**
   * Whether a signed-in session may go on: the account still exists, is enabled, has not changed since sign-in
   * (a change also deletes its sessions; this catches one read just before), and the absolute lifetime has not run out.
   */
  async sessionStillValid(user: SessionUser, lifetimeMs: number): Promise<boolean> {
    const signedInAt = Date.parse(user.signedInAt ?? '');
    if (!Number.isFinite(signedInAt) || this.now().getTime() - signedInAt >= lifetimeMs) return false;
    const current = await this.accounts.users.findByEmail(user.email);
    return Boolean(current && !current.disabled && current.changedAt === user.accountVersion);
  }

  private async existing(email: string) {
    const user = await this.accounts.users.findByEmail(email.toLowerCase());
    if (!user) throw new NotFoundError({ message: `There is no user ${email}` });
    return user;
  }
}
