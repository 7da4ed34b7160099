import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse';
import { AppError, type FieldIssue } from '../errors';
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

export interface ImportSummary {
  imported: number;
  alreadyPresent: number;
  rejected: RejectedRow[];
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

async function* readRows(file: string, compiled: CompiledSurvey): AsyncIterable<unknown> {
  if (file.toLowerCase().endsWith('.json')) {
    const parsed: unknown = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of answer objects`);
    yield* parsed;
    return;
  }
  const parser = fs.createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: false }));
  for await (const row of parser) yield csvRowToObject(compiled, row as Record<string, string>);
}

function toEnvelope(row: unknown): unknown {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
  const data: Record<string, unknown> = {};
  const envelope: Record<string, unknown> = { data };
  for (const [key, value] of Object.entries(row)) {
    if (META_COLUMNS.has(key)) envelope[key] = value;
    else data[key] = value;
  }
  // Without an id a row cannot be recognised on a second import; it gets a fresh one.
  envelope.id ??= `import-${randomBytes(12).toString('hex')}`;
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
  const summary: ImportSummary = { imported: 0, alreadyPresent: 0, rejected: [] };
  const reject = (row: number, issues: FieldIssue[]) =>
    summary.rejected.push(...issues.map((issue) => ({ row, field: issue.field, reason: issue.message })));
  let rowNumber = 0;
  for await (const raw of readRows(file, compiled)) {
    rowNumber += 1;
    const envelope = toEnvelope(raw) as Record<string, unknown>;
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
