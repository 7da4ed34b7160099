import type Database from 'better-sqlite3';

/** Append only: a deployed database has applied a prefix of this list, recorded in schema_migrations. */
const migrations: string[] = [
  `CREATE TABLE surveys (
     slug TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     definition TEXT NOT NULL,
     distribution TEXT,
     opens_at TEXT,
     closes_at TEXT,
     closed_at TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE responses (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     survey_slug TEXT NOT NULL,
     id TEXT NOT NULL,
     data TEXT NOT NULL,
     complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
     submitted_at TEXT NOT NULL,
     UNIQUE (survey_slug, id)
   );
   CREATE TABLE users (
     email TEXT PRIMARY KEY,
     role TEXT NOT NULL CHECK (role IN ('admin', 'researcher', 'viewer')),
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     sid TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE INDEX sessions_by_expiry ON sessions (expires_at);
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  `ALTER TABLE surveys ADD COLUMN analysis TEXT;`,
  // Streaming reads pages in arrival order within a survey; without this each page re-sorted the whole survey.
  `CREATE INDEX responses_by_survey_and_arrival ON responses (survey_slug, seq);`,
  // Bumped on every change, so instances can keep a parsed survey until another instance changes it.
  `ALTER TABLE surveys ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`,
  // JSON list of survey slugs a researcher or viewer may see; NULL for every survey.
  `ALTER TABLE users ADD COLUMN surveys TEXT;`,
  `ALTER TABLE surveys ADD COLUMN report TEXT;`,
  // Every change to a report's narrative or final mark; the latest per section is the current text.
  `CREATE TABLE report_edits (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     survey_slug TEXT NOT NULL,
     section TEXT NOT NULL,
     text TEXT NOT NULL,
     edited_by TEXT NOT NULL,
     edited_at TEXT NOT NULL
   );
   CREATE INDEX report_edits_by_survey ON report_edits (survey_slug, section, seq);`,
  `CREATE TABLE codings (
     survey_slug TEXT NOT NULL,
     question TEXT NOT NULL,
     state TEXT NOT NULL,
     version INTEGER NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (survey_slug, question)
   );
   CREATE TABLE coding_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     survey_slug TEXT NOT NULL,
     question TEXT NOT NULL,
     version INTEGER NOT NULL,
     operation TEXT NOT NULL,
     done_by TEXT NOT NULL,
     done_at TEXT NOT NULL,
     before_state TEXT,
     undone INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX coding_audit_by_question ON coding_audit (survey_slug, question, seq);`,
  `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE users ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
   UPDATE users SET changed_at = created_at;`,
  `CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     user_email TEXT NOT NULL,
     name TEXT NOT NULL,
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     expires_at TEXT,
     revoked_at TEXT
   );
   CREATE INDEX api_tokens_by_user ON api_tokens (user_email);`,
];

export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = db.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations').get() as {
    version: number;
  };
  migrations.slice(applied.version).forEach((sql, index) => {
    const version = applied.version + index + 1;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        new Date().toISOString(),
      );
    }).immediate();
  });
}

export const latestSchemaVersion = migrations.length;
