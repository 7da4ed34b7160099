import type { CodingAuditEntry, CodingChange, CodingDocument, StoredCoding } from '../../kernel/coding-records';
import type { CodingRepository } from '../repository';
import type { SqliteConnection } from './sqlite-connection';
import { applyKept, ChainRewriter, codingName, patchBack, storedCoding } from '../coding-patches';
import { UNDO_PREFIX } from '../save-outcome';

interface CodingRow {
  state: string;
  version: number;
  updated_at: string;
}

export class SqliteCodingRepository implements CodingRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async get(surveySlug: string, question: string): Promise<StoredCoding | null> {
    const row = this.connection
      .prepare('SELECT state, version, updated_at FROM codings WHERE survey_slug = ? AND question = ?')
      .get(surveySlug, question) as CodingRow | undefined;
    if (!row) return null;
    // The store checks the envelope (survey and question); the rest of the document is the coding domain's.
    const state = storedCoding(row.state, codingName({ surveySlug, question }));
    return { state, version: row.version, updatedAt: row.updated_at };
  }

  async save(state: CodingDocument, expectedVersion: number, change: CodingChange): Promise<boolean> {
    const save = this.connection.once('save-coding', (db) =>
      db.transaction((next: CodingDocument, expected: number, what: CodingChange): boolean => {
        const current = db
          .prepare('SELECT state, version FROM codings WHERE survey_slug = ? AND question = ?')
          .get(next.surveySlug, next.question) as Pick<CodingRow, 'state' | 'version'> | undefined;
        if ((current?.version ?? 0) !== expected) return false;
        const version = expected + 1;
        db.prepare(
          `INSERT INTO codings (survey_slug, question, state, version, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (survey_slug, question) DO UPDATE SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
        ).run(next.surveySlug, next.question, JSON.stringify(next), version, what.doneAt);
        db.prepare(
          'INSERT INTO coding_audit (survey_slug, question, version, operation, done_by, done_at, before_state) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          next.surveySlug,
          next.question,
          version,
          what.operation,
          what.doneBy,
          what.doneAt,
          patchBack(current ? storedCoding(current.state, codingName(next)) : null, next),
        );
        return true;
      }),
    );
    return save.immediate(state, expectedVersion, change);
  }

  async undo(surveySlug: string, question: string, change: CodingChange): Promise<boolean> {
    const undo = this.connection.once('undo-coding', (db) =>
      db.transaction((slug: string, name: string, what: CodingChange): boolean => {
        const current = db
          .prepare('SELECT state, version FROM codings WHERE survey_slug = ? AND question = ?')
          .get(slug, name) as Pick<CodingRow, 'state' | 'version'> | undefined;
        // The latest change not undone yet: undoing again walks further back, one change at a time.
        const last = db
          .prepare(
            'SELECT seq, before_state FROM coding_audit WHERE survey_slug = ? AND question = ? AND operation NOT LIKE ? AND undone = 0 ORDER BY seq DESC LIMIT 1',
          )
          .get(slug, name, `${UNDO_PREFIX.trim()}%`) as { seq: number; before_state: string | null } | undefined;
        if (!current || !last || last.before_state === null) return false;
        const now = storedCoding(current.state, codingName({ surveySlug: slug, question: name }));
        const before = applyKept(now, last.before_state);
        db.prepare('UPDATE coding_audit SET undone = 1 WHERE seq = ?').run(last.seq);
        const version = current.version + 1;
        db.prepare(
          'UPDATE codings SET state = ?, version = ?, updated_at = ? WHERE survey_slug = ? AND question = ?',
        ).run(JSON.stringify(before), version, what.doneAt, slug, name);
        db.prepare(
          'INSERT INTO coding_audit (survey_slug, question, version, operation, done_by, done_at, before_state) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(slug, name, version, `${UNDO_PREFIX}${what.operation}`, what.doneBy, what.doneAt, patchBack(now, before));
        return true;
      }),
    );
    return undo.immediate(surveySlug, question, change);
  }

  async history(surveySlug: string, question: string, limit: number): Promise<CodingAuditEntry[]> {
    const rows = this.connection
      .prepare(
        'SELECT version, operation, done_by, done_at FROM coding_audit WHERE survey_slug = ? AND question = ? ORDER BY seq DESC LIMIT ?',
      )
      .all(surveySlug, question, limit) as Array<{
      version: number;
      operation: string;
      done_by: string;
      done_at: string;
    }>;
    return rows.map((row) => ({
      version: row.version,
      operation: row.operation,
      doneBy: row.done_by,
      doneAt: row.done_at,
    }));
  }

  async questions(surveySlug: string): Promise<string[]> {
    return (
      this.connection
        .prepare('SELECT question FROM codings WHERE survey_slug = ? ORDER BY question')
        .all(surveySlug) as Array<{ question: string }>
    ).map((row) => row.question);
  }

  async rewriteAll(surveySlug: string, rewrite: (state: CodingDocument) => CodingDocument): Promise<void> {
    const run = this.connection.once('rewrite-codings', (db) =>
      db.transaction((slug: string, change: (state: CodingDocument) => CodingDocument) => {
        for (const row of db.prepare('SELECT question, state FROM codings WHERE survey_slug = ?').all(slug) as Array<{
          question: string;
          state: string;
        }>) {
          const key = { surveySlug: slug, question: row.question };
          const chain = new ChainRewriter(storedCoding(row.state, codingName(key)), change);
          db.prepare('UPDATE codings SET state = ? WHERE survey_slug = ? AND question = ?').run(
            JSON.stringify(chain.rewrittenCurrent),
            slug,
            row.question,
          );
          const audits = db
            .prepare(
              'SELECT seq, before_state FROM coding_audit WHERE survey_slug = ? AND question = ? ORDER BY seq DESC',
            )
            .iterate(slug, row.question) as Iterable<{ seq: number; before_state: string | null }>;
          const rewritten: Array<[number, string | null]> = [];
          for (const audit of audits) {
            rewritten.push([audit.seq, chain.next(audit.before_state).back]);
            if (audit.before_state === null) break;
          }
          for (const [seq, back] of rewritten)
            db.prepare('UPDATE coding_audit SET before_state = ? WHERE seq = ?').run(back, seq);
        }
      }),
    );
    // The store keeps the documents as JSON; the rewrite is the domain's and takes them as its own type.
    run.immediate(surveySlug, rewrite as unknown as (state: CodingDocument) => CodingDocument);
  }
}
