import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../repository';
import { migrate } from './migrations';
import { SqliteSurveyRepository } from './survey-repository';
import { SqliteResponseRepository } from './response-repository';
import { SqliteUserRepository, SqliteSessionRepository, SqliteSettingRepository } from './account-repositories';

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a transaction that returned is on disk even after power loss, which is what "acknowledged data is
  // never lost" needs; NORMAL would only survive a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return {
    kind: 'sqlite',
    surveys: new SqliteSurveyRepository(db),
    responses: new SqliteResponseRepository(db),
    users: new SqliteUserRepository(db),
    sessions: new SqliteSessionRepository(db),
    settings: new SqliteSettingRepository(db),
    async ping() {
      db.prepare('SELECT 1 FROM schema_migrations LIMIT 1').get();
      if (file !== ':memory:') fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
