import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { canonicalJson } from '../store/canonical-json';
import { AppError, ValidationError, type FieldIssue } from '../errors';
import { toFieldIssues } from '../http/validate';
import type { CompiledSurvey } from '../surveys/compiled-survey';
import type { SurveyService } from '../surveys/survey-service';
import { importRowSchema } from './response-schema';
import type { ResponseService } from './response-service';

export interface RejectedRow {
  row: number;
  field: string;
  reason: string;
}

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface ImportSummary {
  imported: number;
  alreadyPresent: number;
  rejected: RejectedRow[];
  /** How the file was read: files saved by Excel on Windows are often Windows-1252, not UTF-8. */
  encoding: TextEncoding;
}

/** UTF-8 when every byte sequence is valid UTF-8, else Windows-1252 (which decodes any byte): read once, streaming. */
async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function decodedText(file: string, encoding: TextEncoding): NodeJS.ReadableStream {
  const decoder = new TextDecoder(encoding);
  return fs.createReadStream(file).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        done(null, decoder.decode(chunk, { stream: true }));
      },
      flush(done) {
        done(null, decoder.decode());
      },
    }),
  );
}

/** Columns that describe the response rather than answer a question. */
const META_COLUMNS = new Set(['id', 'complete', 'submitted_at']);
const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** CSV cells are text: turn each into the JSON type its question takes, leaving anything odd for validation to name. */
function fromCsvCell(compiled: CompiledSurvey, column: string, cell: string): unknown {
  if (column === 'complete') {
    const word = cell.trim().toLowerCase();
    return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : cell;
  }
  const info = compiled.questions.get(column);
  if (!info) return cell;
  const number = cell.trim() === '' ? NaN : Number(cell);
  const numericChoices = info.choices.length > 0 && info.choices.every((choice) => typeof choice.value === 'number');
  if ((info.type === 'text' || info.type === 'rating' || numericChoices) && !Number.isNaN(number) && info.value.safeParse(number).success) {
    return number;
  }
  if (info.type === 'boolean') {
    const word = cell.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  if (['checkbox', 'tagbox', 'ranking'].includes(info.type)) {
    return cell.split(';').map((part) => part.trim()).filter(Boolean);
  }
  return cell;
}

function csvRowToObject(compiled: CompiledSurvey, row: Record<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === '') continue;
    result[column] = fromCsvCell(compiled, column, cell);
  }
  return result;
}

async function* readRows(file: string, compiled: CompiledSurvey, encoding: TextEncoding): AsyncIterable<unknown> {
  if (file.toLowerCase().endsWith('.json')) {
    const parsed: unknown = JSON.parse(new TextDecoder(encoding).decode(await fs.promises.readFile(file)));
    if (!Array.isArray(parsed)) throw new ValidationError({ message: `${file} cannot be imported`, details: [{ field: 'file', message: 'must hold a JSON array of answer objects' }] });
    yield* parsed;
    return;
  }
  const parser = decodedText(file, encoding).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: false }));
  for await (const row of parser) yield csvRowToObject(compiled, row as Record<string, string>);
}

/**
 * A row without an id gets one from its content and how many identical rows came before it in the file: the
 * same file imported again gives the same ids (so nothing is doubled), and two respondents who answered alike
 * stay two responses.
 */
function idFor(envelope: Record<string, unknown>, seen: Map<string, number>): string {
  const digest = createHash('sha256').update(canonicalJson(envelope)).digest('hex').slice(0, 24);
  const occurrence = (seen.get(digest) ?? 0) + 1;
  seen.set(digest, occurrence);
  return `import-${digest}-${occurrence}`;
}

function toEnvelope(row: unknown, seen: Map<string, number>): unknown {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
  const data: Record<string, unknown> = {};
  const envelope: Record<string, unknown> = { data };
  for (const [key, value] of Object.entries(row)) {
    if (META_COLUMNS.has(key)) envelope[key] = value;
    else data[key] = value;
  }
  envelope.id ??= idFor(envelope, seen);
  return envelope;
}

/**
 * Imports a JSON array of answer objects or a CSV whose header is question names. Every row goes through the
 * same checks as the submission API; a bad row is reported with its number (1 = first data row) and stored never.
 */
export async function importResponses(
  surveys: SurveyService,
  responses: ResponseService,
  slug: string,
  file: string,
): Promise<ImportSummary> {
  const { compiled } = await surveys.get(slug);
  const encoding = await detectEncoding(file);
  const summary: ImportSummary = { imported: 0, alreadyPresent: 0, rejected: [], encoding };
  const seen = new Map<string, number>();
  const reject = (row: number, issues: FieldIssue[]) =>
    summary.rejected.push(...issues.map((issue) => ({ row, field: issue.field, reason: issue.message })));
  let rowNumber = 0;
  for await (const raw of readRows(file, compiled, encoding)) {
    rowNumber += 1;
    const envelope = toEnvelope(raw, seen) as Record<string, unknown>;
    const submittedAt = typeof envelope.submitted_at === 'string' ? envelope.submitted_at : undefined;
    delete envelope.submitted_at;
    const parsed = importRowSchema.safeParse(envelope);
    if (!parsed.success) {
      reject(rowNumber, toFieldIssues(parsed.error));
      continue;
    }
    try {
      const outcome = await responses.submit(slug, parsed.data, { acceptWhenClosed: true, submittedAt });
      if (outcome === 'unchanged') summary.alreadyPresent += 1;
      else summary.imported += 1;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      reject(rowNumber, error.details ?? [{ field: 'row', message: error.message }]);
    }
  }
  return summary;
}
