import type { SqliteConnection } from './sqlite-connection';
import { jsonObjectSchema, type JsonObject } from '../../kernel/json';
import {
  apiTokenRecordSchema,
  userRecordSchema,
  type ApiTokenRecord,
  type UserRecord,
} from '../../kernel/user-records';
import type { ApiTokenRepository, SessionRepository, SettingRepository, UserRepository } from '../repository';
import { checkedRecord, storedJson } from '../stored-record';

interface UserRow {
  email: string;
  role: string;
  password_hash: string;
  created_at: string;
  surveys: string | null;
  disabled: number;
  changed_at: string;
}

const toUser = (row: UserRow): UserRecord => {
  const what = `account "${row.email}"`;
  return checkedRecord(
    userRecordSchema,
    {
      email: row.email,
      role: row.role,
      passwordHash: row.password_hash,
      createdAt: row.created_at,
      surveys: row.surveys ? storedJson(row.surveys, what) : null,
      disabled: row.disabled === 1,
      changedAt: row.changed_at,
    },
    what,
  );
};

export class SqliteUserRepository implements UserRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async put(user: UserRecord): Promise<'created' | 'updated'> {
    const surveys = user.surveys ? JSON.stringify(user.surveys) : null;
    const disabled = user.disabled ? 1 : 0;
    const result = this.connection
      .prepare(
        'UPDATE users SET role = ?, password_hash = ?, surveys = ?, disabled = ?, changed_at = ? WHERE email = ?',
      )
      .run(user.role, user.passwordHash, surveys, disabled, user.changedAt, user.email);
    if (result.changes > 0) return 'updated';
    this.connection
      .prepare(
        'INSERT INTO users (email, role, password_hash, created_at, surveys, disabled, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(user.email, user.role, user.passwordHash, user.createdAt, surveys, disabled, user.changedAt);
    return 'created';
  }

  async remove(email: string): Promise<boolean> {
    return this.connection.prepare('DELETE FROM users WHERE email = ?').run(email).changes > 0;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = this.connection.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (this.connection.prepare('SELECT * FROM users ORDER BY email').all() as UserRow[]).map(toUser);
  }
}

export class SqliteSessionRepository implements SessionRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async get(sid: string, now: string): Promise<JsonObject | null> {
    const row = this.connection.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?').get(sid, now) as
      { data: string } | undefined;
    return row ? checkedRecord(jsonObjectSchema, storedJson(row.data, 'session'), 'session') : null;
  }

  async set(sid: string, data: JsonObject, expiresAt: string): Promise<void> {
    this.connection
      .prepare(
        `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
      )
      .run(sid, JSON.stringify(data), expiresAt);
  }

  async touch(sid: string, expiresAt: string): Promise<void> {
    this.connection.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?').run(expiresAt, sid);
  }

  async destroy(sid: string): Promise<void> {
    this.connection.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
  }

  async destroyForUser(email: string): Promise<number> {
    return this.connection.prepare("DELETE FROM sessions WHERE json_extract(data, '$.user.email') = ?").run(email)
      .changes;
  }

  async purgeExpired(now: string): Promise<number> {
    return this.connection.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }
}

export class SqliteSettingRepository implements SettingRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async getOrInit(key: string, value: string): Promise<string> {
    this.connection.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return (this.connection.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value;
  }
}

interface TokenRow {
  id: string;
  user_email: string;
  name: string;
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const toToken = (row: TokenRow): ApiTokenRecord =>
  checkedRecord(
    apiTokenRecordSchema,
    {
      id: row.id,
      userEmail: row.user_email,
      name: row.name,
      hash: row.hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    },
    `API token "${row.id}"`,
  );

export class SqliteApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async add(token: ApiTokenRecord): Promise<void> {
    this.connection
      .prepare(
        'INSERT INTO api_tokens (id, user_email, name, hash, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(token.id, token.userEmail, token.name, token.hash, token.createdAt, token.expiresAt, token.revokedAt);
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    const row = this.connection.prepare('SELECT * FROM api_tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row ? toToken(row) : null;
  }

  async list(userEmail?: string): Promise<ApiTokenRecord[]> {
    const rows = userEmail
      ? this.connection
          .prepare('SELECT * FROM api_tokens WHERE user_email = ? ORDER BY created_at DESC, id')
          .all(userEmail)
      : this.connection.prepare('SELECT * FROM api_tokens ORDER BY created_at DESC, id').all();
    return (rows as TokenRow[]).map(toToken);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (
      this.connection.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
        .changes > 0
    );
  }

  async revokeForUser(userEmail: string, at: string): Promise<number> {
    return this.connection
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_email = ? AND revoked_at IS NULL')
      .run(at, userEmail).changes;
  }

  async removeForUser(userEmail: string): Promise<number> {
    return this.connection.prepare('DELETE FROM api_tokens WHERE user_email = ?').run(userEmail).changes;
  }
}
