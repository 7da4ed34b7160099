import mongoose from 'mongoose';
import type { Store } from '../repository';
import {
  MongoApiTokenRepository,
  MongoSessionRepository,
  MongoSettingRepository,
  MongoUserRepository,
} from './account-repositories';
import { MongoCodingRepository } from './coding-repository';
import { defineModels } from './models';
import { MongoReportEditRepository } from './report-edit-repository';
import { MongoResponseRepository } from './response-repository';
import { MongoSurveyRepository } from './survey-repository';

// Filters built from request input can never smuggle query operators; unknown filter paths are refused.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
// Without a connection a write must fail at once, not wait in a buffer the client never hears about.
mongoose.set('bufferCommands', false);

export async function openMongoStore(uri: string): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    writeConcern: { w: 'majority' },
    serverSelectionTimeoutMS: 5000,
    bufferCommands: false,
    autoIndex: true,
  });
  await connection.asPromise();
  const models = defineModels(connection);
  await Promise.all(Object.values(models).map((model) => model.init()));
  return {
    kind: 'mongodb',
    surveys: new MongoSurveyRepository(models),
    responses: new MongoResponseRepository(models),
    users: new MongoUserRepository(models),
    sessions: new MongoSessionRepository(models),
    apiTokens: new MongoApiTokenRepository(models),
    settings: new MongoSettingRepository(models),
    reportEdits: new MongoReportEditRepository(models),
    codings: new MongoCodingRepository(models),
    async ping() {
      if (!connection.db) throw new Error('MongoDB is not connected');
      await connection.db.admin().ping();
    },
    async reclaim() {
      // Deleted documents' bytes stay in WiredTiger's files until reused, and in the journal and oplog until they
      // roll over: the server, not the application, decides (docs/security.md says how long and what to do).
      return { complete: false };
    },
    async close() {
      await connection.close();
    },
  };
}
