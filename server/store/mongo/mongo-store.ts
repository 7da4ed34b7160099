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
import { translatingOutages } from '../store-errors';
import { isMongoOutage } from './mongo-outage';

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
  const guarded = <T extends object>(repository: T) => translatingOutages(repository, isMongoOutage);
  return {
    kind: 'mongodb',
    surveys: guarded(new MongoSurveyRepository(models)),
    responses: guarded(new MongoResponseRepository(models)),
    users: guarded(new MongoUserRepository(models)),
    sessions: guarded(new MongoSessionRepository(models)),
    apiTokens: guarded(new MongoApiTokenRepository(models)),
    settings: guarded(new MongoSettingRepository(models)),
    reportEdits: guarded(new MongoReportEditRepository(models)),
    codings: guarded(new MongoCodingRepository(models)),
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
