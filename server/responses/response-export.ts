import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ResponseRecord } from '../kernel/response-records';
import type { ResponseService } from './response-service';
import type { SurveyService } from '../surveys/survey-service';
import { neutraliseCell } from '../http/csv-safety';

export type ExportFormat = 'json' | 'csv';

function cellFor(value: unknown): string | number | boolean {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return neutraliseCell(value.join(';'));
  if (typeof value === 'object') return neutraliseCell(JSON.stringify(value));
  return neutraliseCell(String(value));
}

/**
 * Until `stream` can take more, or `out` (where it ends up) has closed: a download the reader cancelled closes
 * without ever draining, and waiting for it would hold the store's cursor for good. Whether `out` is still open.
 */
async function room(stream: Writable, out: Writable): Promise<boolean> {
  if (out.destroyed) return false;
  // The listener that loses the race is taken off, or a long export would pile one up on `out` per wait.
  const settled = new AbortController();
  const waits = [once(stream, 'drain', { signal: settled.signal }), once(out, 'close', { signal: settled.signal })].map(
    (wait) => wait.catch(() => null),
  );
  await Promise.race(waits);
  settled.abort();
  return !out.destroyed;
}

async function write(out: Writable, chunk: string): Promise<boolean> {
  return out.destroyed ? false : out.write(chunk) || room(out, out);
}

/**
 * Writes every response (complete and partial) one at a time from the store, so memory does not grow with
 * the number of responses. Returns how many were written.
 */
export async function exportResponses(
  responses: ResponseService,
  surveys: SurveyService,
  slug: string,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  const { compiled } = await surveys.get(slug);
  const questions = [...compiled.questions.keys()];
  const rows = responses.stream(slug, { includePartial: true });
  return format === 'json' ? exportJson(rows, out) : exportCsv(rows, questions, out);
}

async function exportJson(rows: AsyncIterable<ResponseRecord>, out: Writable): Promise<number> {
  let count = 0;
  if (!(await write(out, '['))) return count;
  for await (const row of rows) {
    const item = { id: row.id, submitted_at: row.submittedAt, complete: row.complete, ...row.data };
    if (!(await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`))) return count;
    count += 1;
  }
  await write(out, count === 0 ? ']\n' : '\n]\n');
  return count;
}

async function exportCsv(rows: AsyncIterable<ResponseRecord>, questions: string[], out: Writable): Promise<number> {
  const csv = stringify({
    header: true,
    columns: ['id', 'submitted_at', 'complete', ...questions],
    cast: { boolean: (v) => String(v) },
  });
  csv.pipe(out, { end: false });
  let count = 0;
  for await (const row of rows) {
    const record: Record<string, unknown> = { id: row.id, submitted_at: row.submittedAt, complete: row.complete };
    for (const name of questions) record[name] = cellFor(row.data[name]);
    if (!csv.write(record) && !(await room(csv, out))) {
      csv.destroy();
      return count;
    }
    count += 1;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}
