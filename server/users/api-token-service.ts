import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';
import type { ApiTokenRecord, UserRecord } from '../kernel/user-records';
import type { AccountRepositories } from './user-service';
import type { SessionUser } from '../http/session-user';

const PREFIX = 'canvass_';

const newTokenSchema = z.object({
  email: z.email('must be an e-mail address').transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(100).default('API token'),
  expires: z.iso.date('must be a date (YYYY-MM-DD)').optional(),
});

export type TokenStatus = 'live' | 'revoked' | 'expired' | 'suspended' | 'orphaned';

/**
 * Whether a token works: not revoked or expired, and its account exists, is enabled (disabled: suspended), and is
 * the account it was made for (a token older than the account belonged to an earlier account of that e-mail).
 */
function statusOf(record: ApiTokenRecord, user: UserRecord | null, now: string): TokenStatus {
  if (record.revokedAt) return 'revoked';
  if (record.expiresAt && record.expiresAt <= now) return 'expired';
  if (!user || record.createdAt < user.createdAt) return 'orphaned';
  if (user.disabled) return 'suspended';
  return 'live';
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Personal API tokens for scripts (R, Python, notebooks): a token acts as its user, with the user's role and
 * survey restrictions as they are at each request, on /api/ routes only. Only its sha256 is kept (the token is
 * 32 random bytes, so a fast hash is enough); it is shown once, when made.
 */
export class ApiTokenService {
  constructor(
    private readonly accounts: Pick<AccountRepositories, 'users' | 'apiTokens'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: z.input<typeof newTokenSchema>): Promise<{ record: ApiTokenRecord; token: string }> {
    const parsed = newTokenSchema.safeParse(input);
    if (!parsed.success) {
      throw ValidationError.fromZod(parsed.error, 'The token is not valid');
    }
    const { email, name, expires } = parsed.data;
    const user = await this.accounts.users.findByEmail(email);
    if (!user || user.disabled) throw new NotFoundError({ message: `There is no active user ${email}` });
    const expiresAt = expires ? new Date(`${expires}T23:59:59.999Z`).toISOString() : null;
    if (expiresAt && expiresAt <= this.now().toISOString()) {
      throw new ValidationError({
        message: 'The token would have expired already',
        details: [{ field: 'expires', message: 'must be a future date' }],
      });
    }
    const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
    const record: ApiTokenRecord = {
      id: randomBytes(6).toString('hex'),
      userEmail: email,
      name,
      hash: hashOf(token),
      createdAt: this.now().toISOString(),
      expiresAt,
      revokedAt: null,
    };
    await this.accounts.apiTokens.add(record);
    return { record, token };
  }

  /** Every token (or one user's) with whether it works now, and if not, why. */
  async list(email?: string): Promise<Array<ApiTokenRecord & { status: TokenStatus }>> {
    const tokens = await this.accounts.apiTokens.list(email?.toLowerCase());
    const users = new Map((await this.accounts.users.list()).map((user) => [user.email, user]));
    const now = this.now().toISOString();
    return tokens.map((record) => ({ ...record, status: statusOf(record, users.get(record.userEmail) ?? null, now) }));
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.accounts.apiTokens.revoke(id, this.now().toISOString())))
      throw new NotFoundError({ message: `There is no live token ${id}` });
  }

  /** The user a token acts for, or null when it is unknown, revoked, expired, or its user is gone or disabled. */
  async authenticate(token: string): Promise<SessionUser | null> {
    if (!token.startsWith(PREFIX)) return null;
    const record = await this.accounts.apiTokens.findByHash(hashOf(token));
    if (!record) return null;
    const now = this.now().toISOString();
    const user = await this.accounts.users.findByEmail(record.userEmail);
    if (statusOf(record, user, now) !== 'live' || !user) return null;
    return {
      email: user.email,
      role: user.role,
      surveys: user.surveys,
      signedInAt: now,
      accountVersion: user.changedAt,
    };
  }
}
