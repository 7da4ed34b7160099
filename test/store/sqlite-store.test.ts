import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store';
import { latestSchemaVersion } from '../../server/store/sqlite/migrations';
import { openDatabase } from '../../server/store/sqlite/sqlite-connection';
import { tempSqlitePath } from '../support/temp-files';
import { repositoryContract } from './repository-contract';

repositoryContract('SQLite', async () => openSqliteStore(tempSqlitePath()));

describe('SQLite file', () => {
  test('when a store is opened, then the file uses WAL, full sync and the latest schema', async () => {
    const file = tempSqlitePath();
    const store = openSqliteStore(file);
    await store.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // synchronous is a setting of each connection, not of the file: ask a connection opened as the store opens it
    // (2 is FULL; NORMAL, 1, would lose acknowledged answers in a power cut).
    const connection = openDatabase(file);
    expect(connection.pragma('synchronous', { simple: true })).toBe(2);
    connection.close();
    const again = new Database(file);
    expect((again.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(
      latestSchemaVersion,
    );
    again.close();
  });

  test('when a store is reopened, then migrations do not run twice and data is still there', async () => {
    const file = tempSqlitePath();
    const first = openSqliteStore(file);
    await first.responses.save({
      surveySlug: 's',
      id: 'kept',
      data: { q: 1 },
      complete: true,
      submittedAt: '2024-05-01T00:00:00.000Z',
    });
    await first.close();
    const second = openSqliteStore(file);
    expect(await second.responses.get('s', 'kept')).toMatchObject({ data: { q: 1 } });
    await second.close();
  });

  test('when the unique key on survey and id is tested directly, then SQLite refuses a duplicate', async () => {
    const file = tempSqlitePath();
    (await openSqliteStore(file)).close();
    const db = new Database(file);
    const insert = db.prepare(
      "INSERT INTO responses (survey_slug, id, data, complete, submitted_at) VALUES ('s', 'x', '{}', 1, 'now')",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.close();
  });
});
