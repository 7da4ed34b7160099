import type { Store } from '../repository';
import { translatingOutages } from '../store-errors';
import { isSqliteOutage } from './sqlite-outage';
import { SqliteConnection } from './sqlite-connection';
import { SqliteSurveyRepository } from './survey-repository';
import { SqliteResponseRepository } from './response-repository';
import { SqliteReportEditRepository } from './report-edit-repository';
import { SqliteCodingRepository } from './coding-repository';
import {
  SqliteUserRepository,
  SqliteSessionRepository,
  SqliteSettingRepository,
  SqliteApiTokenRepository,
} from './account-repositories';

export function openSqliteStore(file: string): Store {
  const connection = new SqliteConnection(file);
  const guarded = <T extends object>(repository: T) => translatingOutages(repository, isSqliteOutage);
  return {
    kind: 'sqlite',
    surveys: guarded(new SqliteSurveyRepository(connection)),
    responses: guarded(new SqliteResponseRepository(connection)),
    users: guarded(new SqliteUserRepository(connection)),
    sessions: guarded(new SqliteSessionRepository(connection)),
    apiTokens: guarded(new SqliteApiTokenRepository(connection)),
    settings: guarded(new SqliteSettingRepository(connection)),
    reportEdits: guarded(new SqliteReportEditRepository(connection)),
    codings: guarded(new SqliteCodingRepository(connection)),
    async ping() {
      connection.prepare('SELECT 1 FROM schema_migrations LIMIT 1').get();
    },
    async reclaim() {
      const truncated = () =>
        (connection.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>)[0]?.busy === 0;
      // The WAL still holds the pages as they were before the delete: copy the new ones into the database and
      // empty it; VACUUM then rewrites the database without free pages (which, written before secure_delete
      // was on, may hold old text), and its own WAL frames are checkpointed away in turn.
      truncated();
      connection.db.exec('VACUUM');
      return { complete: truncated() };
    },
    async close() {
      connection.close();
    },
  };
}
