import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../errors';
import { migrate } from './migrations';

export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a transaction that returned is on disk even after power loss, which is what "acknowledged data is
  // never lost" needs; NORMAL would only survive a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, not just unlinked: a purged answer must not stay readable in the file.
  db.pragma('secure_delete = ON');
  migrate(db);
  return db;
}

const CHECK_EVERY_MS = 1;

function identityOf(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/**
 * The SQLite database behind a file, checked against the file before use. If the file has gone (moved or
 * deleted under the server), writing to the still-open handle would acknowledge answers into a file nobody
 * will read again, so every use fails with 503 instead; when a file is back at the path, work resumes, on a
 * fresh connection if it is a different file. One stat call a millisecond at most: under load a stat per use
 * cost more than the insert, and the check was never closer than the time between it and the commit anyway.
 */
export class SqliteConnection {
  private current: Database.Database;
  private identity: string | null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly derived = new Map<string, unknown>();
  private checkedAt = -Infinity;

  constructor(private readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.current = openDatabase(file);
    this.identity = identityOf(file);
  }

  get db(): Database.Database {
    if (this.file === ':memory:') return this.current;
    const at = performance.now();
    if (at - this.checkedAt < CHECK_EVERY_MS) return this.current;
    const now = identityOf(this.file);
    if (now === null)
      throw new StoreUnavailableError({
        message: 'The database file is missing; please try again shortly',
        retryAfter: 5,
      });
    if (now !== this.identity) this.reopen(now);
    this.checkedAt = at;
    return this.current;
  }

  prepare(sql: string): Database.Statement {
    const db = this.db;
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Something built from the database once (a transaction function), rebuilt after a reopen. */
  once<T>(key: string, make: (db: Database.Database) => T): T {
    const db = this.db;
    if (!this.derived.has(key)) this.derived.set(key, make(db));
    return this.derived.get(key) as T;
  }

  close(): void {
    if (this.current.open) this.current.close();
  }

  private reopen(identity: string): void {
    this.close();
    this.statements.clear();
    this.derived.clear();
    this.current = openDatabase(this.file);
    this.identity = identity;
  }
}
