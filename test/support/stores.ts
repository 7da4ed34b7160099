import { mongoUriFromEnv } from '../../server/config';
import { tempSqlitePath } from './temp-files';

/** A store every store-dependent test runs on: a fresh, empty store location on each call of `fresh`. */
export interface StoreTarget {
  name: 'SQLite' | 'MongoDB';
  fresh(): string;
}

const mongoBase = mongoUriFromEnv();
let databases = 0;

/** A database of its own on the MongoDB server, so test files and runs never see each other's data. */
export function freshMongoUri(base: string): string {
  const url = new URL(base);
  databases += 1;
  url.pathname = `/canvass_test_${process.pid}_${Date.now()}_${databases}`;
  return url.toString();
}

const sqlite: StoreTarget = { name: 'SQLite', fresh: () => `sqlite:${tempSqlitePath()}` };

/**
 * SQLite always; MongoDB whenever MONGODB_URI is set (CI starts FerretDB and sets it). When it is set and the
 * server cannot be reached, the tests on it fail: opening the store throws.
 */
export const storeTargets: StoreTarget[] = mongoBase
  ? [sqlite, { name: 'MongoDB', fresh: () => freshMongoUri(mongoBase) }]
  : [sqlite];

if (!mongoBase) console.info('MONGODB_URI is not set: store-dependent tests run on SQLite only (see docs/storage.md)');
