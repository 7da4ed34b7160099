import type { Store } from '../repository';
import { SqliteConnection } from './sqlite-connection';
import { SqliteSurveyRepository } from './survey-repository';
import { SqliteResponseRepository } from './response-repository';
import { SqliteReportEditRepository } from './report-edit-repository';
import { SqliteCodingRepository } from './coding-repository';
import { SqliteUserRepository, SqliteSessionRepository, SqliteSettingRepository, SqliteApiTokenRepository } from './account-repositories';

export function openSqliteStore(file: string): Store {
  const connection = new SqliteConnection(file);
  return {
    kind: 'sqlite',
    surveys: new SqliteSurveyRepository(connection),
    responses: new SqliteResponseRepository(connection),
    users: new SqliteUserRepository(connection),
    sessions: new SqliteSessionRepository(connection),
    apiTokens: new SqliteApiTokenRepository(connection),
    settings: new SqliteSettingRepository(connection),
    reportEdits: new SqliteReportEditRepository(connection),
    codings: new SqliteCodingRepository(connection),
    async ping() {
      connection.prepare('SELECT 1 FROM schema_migrations LIMIT 1').get();
    },
    async close() {
      connection.close();
    },
  };
}
