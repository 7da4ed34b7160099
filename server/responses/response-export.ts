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

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
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
  await write(out, '[');
  for await (const row of rows) {
    const item = { id: row.id, submitted_at: row.submittedAt, complete: row.complete, ...row.data };
    await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
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
    if (!csv.write(record)) await once(csv, 'drain');
    count += 1;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}
