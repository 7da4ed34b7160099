import mongoose from 'mongoose';
import { z } from 'zod';
import { plain, recordFrom } from './plain';
import { jsonObjectSchema, type JsonObject } from '../../kernel/json';
import {
  apiTokenRecordSchema,
  userRecordSchema,
  type ApiTokenRecord,
  type UserRecord,
} from '../../kernel/user-records';
import type { ApiTokenRepository, SessionRepository, SettingRepository, UserRepository } from '../repository';
import { checkedRecord, storedJson } from '../stored-record';
import type { Models } from './models';

const settingSchema = z.object({ value: z.string() });

/** Accounts written before `disabled` and `changedAt` existed read as enabled and changed when created. */
const toUser = (doc: Record<string, unknown>): UserRecord => {
  const user = plain(userRecordSchema, doc);
  return checkedRecord(
    userRecordSchema,
    { ...user, disabled: user.disabled ?? false, changedAt: user.changedAt ?? user.createdAt },
    `account ${JSON.stringify(doc.email)}`,
  );
};

const toToken = (doc: { id?: unknown }): ApiTokenRecord =>
  recordFrom(apiTokenRecordSchema, doc, `API token ${JSON.stringify(doc.id)}`);

export class MongoUserRepository implements UserRepository {
  constructor(private readonly models: Models) {}

  async put(user: UserRecord): Promise<'created' | 'updated'> {
    const result = await this.models.User.updateOne(
      { email: user.email },
      {
        $set: {
          role: user.role,
          passwordHash: user.passwordHash,
          surveys: user.surveys,
          disabled: user.disabled,
          changedAt: user.changedAt,
        },
        $setOnInsert: { email: user.email, createdAt: user.createdAt },
      },
      { upsert: true },
    );
    return result.upsertedCount === 1 ? 'created' : 'updated';
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const doc = await this.models.User.findOne({ email }).lean();
    return doc ? toUser(doc) : null;
  }

  async list(): Promise<UserRecord[]> {
    const docs = await this.models.User.find({}).sort({ email: 1 }).lean();
    return docs.map(toUser);
  }

  async remove(email: string): Promise<boolean> {
    return (await this.models.User.deleteOne({ email })).deletedCount === 1;
  }
}

export class MongoSessionRepository implements SessionRepository {
  constructor(private readonly models: Models) {}

  async get(sid: string, now: string): Promise<JsonObject | null> {
    // Our own operators are marked trusted: sanitizeFilter would otherwise neutralise them like a user's.
    const doc = await this.models.Session.findOne({ sid, expiresAt: mongoose.trusted({ $gt: new Date(now) }) }).lean();
    return doc ? checkedRecord(jsonObjectSchema, storedJson(doc.data, 'session'), 'session') : null;
  }

  async set(sid: string, data: JsonObject, expiresAt: string): Promise<void> {
    await this.models.Session.updateOne(
      { sid },
      {
        $set: {
          data: JSON.stringify(data),
          expiresAt: new Date(expiresAt),
          userEmail: (data.user as { email?: string } | undefined)?.email ?? null,
        },
        $setOnInsert: { sid },
      },
      { upsert: true },
    );
  }

  async touch(sid: string, expiresAt: string): Promise<void> {
    await this.models.Session.updateOne({ sid }, { $set: { expiresAt: new Date(expiresAt) } });
  }

  async destroy(sid: string): Promise<void> {
    await this.models.Session.deleteOne({ sid });
  }

  async destroyForUser(email: string): Promise<number> {
    return (await this.models.Session.deleteMany({ userEmail: email })).deletedCount;
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.models.Session.deleteMany({ expiresAt: mongoose.trusted({ $lte: new Date(now) }) });
    return result.deletedCount;
  }
}

export class MongoApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly models: Models) {}

  async add(token: ApiTokenRecord): Promise<void> {
    await this.models.ApiToken.create([token]);
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    const doc = await this.models.ApiToken.findOne({ hash }).lean();
    return doc ? toToken(doc) : null;
  }

  async list(userEmail?: string): Promise<ApiTokenRecord[]> {
    const docs = await this.models.ApiToken.find(userEmail ? { userEmail } : {})
      .sort({ createdAt: -1, id: 1 })
      .lean();
    return docs.map(toToken);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (
      (await this.models.ApiToken.updateOne({ id, revokedAt: null }, { $set: { revokedAt: at } })).modifiedCount === 1
    );
  }

  async revokeForUser(userEmail: string, at: string): Promise<number> {
    return (await this.models.ApiToken.updateMany({ userEmail, revokedAt: null }, { $set: { revokedAt: at } }))
      .modifiedCount;
  }

  async removeForUser(userEmail: string): Promise<number> {
    return (await this.models.ApiToken.deleteMany({ userEmail })).deletedCount;
  }
}

export class MongoSettingRepository implements SettingRepository {
  constructor(private readonly models: Models) {}

  async getOrInit(key: string, value: string): Promise<string> {
    const doc = await this.models.Setting.findOneAndUpdate(
      { key },
      { $setOnInsert: { key, value } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    return checkedRecord(settingSchema, doc, `setting "${key}"`).value;
  }
}
