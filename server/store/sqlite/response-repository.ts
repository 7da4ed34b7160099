import type { SqliteConnection } from './sqlite-connection';
import { GroupCommit } from '../group-commit';
import { responseRecordSchema, type ResponseRecord } from '../../kernel/response-records';
import type { AreaCount, ResponseQuery, ResponseRepository, SaveOutcome, WhichResponses } from '../repository';
import { checkedRecord, notJson, storedJson } from '../stored-record';
import { answersKey, decideSaveOutcome } from '../save-outcome';

interface ResponseRow {
  seq: number;
  survey_slug: string;
  id: string;
  data: string;
  complete: number;
  submitted_at: string;
}

const PAGE_SIZE = 1000;

const nameOf = (response: { id: unknown; surveySlug: unknown }) =>
  `response ${JSON.stringify(response.id)} of survey ${JSON.stringify(response.surveySlug)}`;

/** Read by the million when analysis streams a survey: the record's name is built only for an error. */
function toRecord(row: ResponseRow): ResponseRecord {
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch (error) {
    throw notJson(nameOf({ id: row.id, surveySlug: row.survey_slug }), error);
  }
  return checkedRecord(
    responseRecordSchema,
    { surveySlug: row.survey_slug, id: row.id, data, complete: row.complete === 1, submittedAt: row.submitted_at },
    nameOf,
  );
}

/** A JSON path that addresses one top-level key whatever characters the question name holds. */
function jsonPathFor(question: string): string {
  return `$."${question.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export class SqliteResponseRepository implements ResponseRepository {
  private readonly commits = new GroupCommit<ResponseRecord, SaveOutcome>(async (responses) =>
    this.saveBatch()(responses),
  );

  constructor(private readonly connection: SqliteConnection) {}

  /**
   * One IMMEDIATE transaction for a batch (one fsync), each response in a savepoint of its own, so one that
   * fails fails alone. IMMEDIATE takes the write lock up front, so a second process cannot read "absent" and
   * insert too.
   */
  private saveBatch(): (responses: ResponseRecord[]) => Array<SaveOutcome | Error> {
    return this.connection.once('save-responses', (db) => {
      const find = db.prepare('SELECT data, complete FROM responses WHERE survey_slug = ? AND id = ?');
      const insert = db.prepare(
        'INSERT INTO responses (survey_slug, id, data, complete, submitted_at) VALUES (?, ?, ?, ?, ?)',
      );
      const update = db.prepare(
        'UPDATE responses SET data = ?, complete = ?, submitted_at = ? WHERE survey_slug = ? AND id = ?',
      );
      const one = db.transaction((response: ResponseRecord): SaveOutcome => {
        // Stored as given; the answers are put in canonical form only to compare them with a response already there.
        const data = JSON.stringify(response.data);
        const existing = find.get(response.surveySlug, response.id) as
          Pick<ResponseRow, 'data' | 'complete'> | undefined;
        const outcome = existing
          ? decideSaveOutcome(
              {
                key: answersKey(storedJson(existing.data, nameOf(response))),
                complete: existing.complete === 1,
              },
              { key: answersKey(response.data), complete: response.complete },
            )
          : 'created';
        if (outcome === 'created')
          insert.run(response.surveySlug, response.id, data, response.complete ? 1 : 0, response.submittedAt);
        if (outcome === 'updated')
          update.run(data, response.complete ? 1 : 0, response.submittedAt, response.surveySlug, response.id);
        return outcome;
      });
      const batch = db.transaction((responses: ResponseRecord[]) =>
        responses.map((response) => {
          try {
            return one(response);
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
      return (responses: ResponseRecord[]) => batch.immediate(responses);
    });
  }

  /** Acknowledged once the batch it joined is committed (synchronous = FULL: on disk). */
  async save(response: ResponseRecord): Promise<SaveOutcome> {
    return this.commits.submit(response);
  }

  async get(surveySlug: string, id: string): Promise<ResponseRecord | null> {
    const row = this.connection
      .prepare('SELECT * FROM responses WHERE survey_slug = ? AND id = ?')
      .get(surveySlug, id) as ResponseRow | undefined;
    return row ? toRecord(row) : null;
  }

  async countByAnswer(surveySlug: string, question: string): Promise<AreaCount[]> {
    const rows = this.connection
      .prepare(
        `SELECT json_extract(data, ?) AS value, SUM(complete) AS complete, SUM(1 - complete) AS partial
         FROM responses WHERE survey_slug = ? GROUP BY value ORDER BY value`,
      )
      .all(jsonPathFor(question), surveySlug) as Array<{ value: unknown; complete: number; partial: number }>;
    return rows.map((row) => ({
      value: row.value === null || row.value === undefined ? null : String(row.value),
      complete: row.complete,
      partial: row.partial,
    }));
  }

  async countBefore(surveySlug: string, before: string, which: WhichResponses = {}): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM responses WHERE survey_slug = ? AND submitted_at < ?${which.partialOnly ? ' AND complete = 0' : ''}`;
    return (this.connection.prepare(sql).get(surveySlug, before) as { n: number }).n;
  }

  async deleteBefore(surveySlug: string, before: string, which: WhichResponses = {}): Promise<number> {
    const sql = `DELETE FROM responses WHERE survey_slug = ? AND submitted_at < ?${which.partialOnly ? ' AND complete = 0' : ''}`;
    return this.connection.prepare(sql).run(surveySlug, before).changes;
  }

  async oldestPartial(surveySlug: string): Promise<string | null> {
    const row = this.connection
      .prepare('SELECT id FROM responses WHERE survey_slug = ? AND complete = 0 ORDER BY submitted_at, seq LIMIT 1')
      .get(surveySlug) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async removePartial(surveySlug: string, id: string): Promise<boolean> {
    return (
      this.connection
        .prepare('DELETE FROM responses WHERE survey_slug = ? AND id = ? AND complete = 0')
        .run(surveySlug, id).changes > 0
    );
  }

  async *stream(surveySlug: string, query: ResponseQuery = {}): AsyncIterable<ResponseRecord> {
    // Keyset pages rather than one long-lived iterator: the connection stays free for writes between pages
    // and memory holds one page at a time.
    const page = this.connection.prepare(
      `SELECT * FROM responses WHERE survey_slug = ? AND seq > ? ${query.includePartial ? '' : 'AND complete = 1'}
       ORDER BY seq LIMIT ${PAGE_SIZE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(surveySlug, after) as ResponseRow[];
      for (const row of rows) yield toRecord(row);
      if (rows.length < PAGE_SIZE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
}
