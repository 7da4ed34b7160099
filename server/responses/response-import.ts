import type { ProgressCallback } from '../../analysis/progress';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { canonicalJson } from '../store/canonical-json';
import { AppError, ValidationError, type FieldIssue } from '../errors';
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

/**
 * Where a file stops being UTF-8: the first byte that starts no valid UTF-8 sequence, by line and byte within
 * the line (both from 1), and whether any valid multi-byte sequence came before or after it in the file.
 * Hand-written: TextDecoder's fatal mode says only that a file is invalid, not where, and a file's bytes are
 * all we need to walk (one pass, streaming).
 */
interface Utf8Scan {
  firstInvalid: { line: number; byte: number; value: number } | null;
  multiByte: boolean;
}

/** Length of the valid UTF-8 sequence starting at buffer[i], or 0 (needs up to 3 more bytes after i). */
function utf8SequenceAt(buffer: Buffer, i: number): number {
  const first = buffer[i]!;
  if (first < 0x80) return 1;
  const [length, low, high] =
    first >= 0xc2 && first <= 0xdf
      ? [2, 0x80, 0xbf]
      : first === 0xe0
        ? [3, 0xa0, 0xbf]
        : first === 0xed
          ? [3, 0x80, 0x9f]
          : first >= 0xe1 && first <= 0xef
            ? [3, 0x80, 0xbf]
            : first === 0xf0
              ? [4, 0x90, 0xbf]
              : first >= 0xf1 && first <= 0xf3
                ? [4, 0x80, 0xbf]
                : first === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0 || i + length > buffer.length) return 0;
  if (buffer[i + 1]! < low! || buffer[i + 1]! > high!) return 0;
  for (let k = 2; k < length!; k += 1) if (buffer[i + k]! < 0x80 || buffer[i + k]! > 0xbf) return 0;
  return length!;
}

async function scanUtf8(file: string): Promise<Utf8Scan> {
  const scan: Utf8Scan = { firstInvalid: null, multiByte: false };
  let line = 1;
  let byteInLine = 0;
  let carry = Buffer.alloc(0);
  const visit = (buffer: Buffer, final: boolean) => {
    let i = 0;
    // A sequence cut by the chunk boundary waits for the next chunk (at most 3 bytes).
    while (i < buffer.length && (final || i < buffer.length - 3)) {
      const length = utf8SequenceAt(buffer, i);
      byteInLine += 1;
      if (length === 0) {
        scan.firstInvalid ??= { line, byte: byteInLine, value: buffer[i]! };
        i += 1;
        continue;
      }
      if (length > 1) scan.multiByte = true;
      if (buffer[i] === 0x0a) {
        line += 1;
        byteInLine = 0;
      } else byteInLine += length - 1;
      i += length;
    }
    return buffer.subarray(i);
  };
  for await (const chunk of fs.createReadStream(file)) {
    carry = Buffer.from(visit(Buffer.concat([carry, chunk as Buffer]), false));
    if (scan.firstInvalid && scan.multiByte) return scan;
  }
  visit(carry, true);
  return scan;
}

/**
 * How to read a file: as told (`--encoding`), else UTF-8 when it is valid UTF-8, else Windows-1252 when it has
 * no UTF-8 at all (how Excel on Windows saves). A file mixing valid UTF-8 with invalid bytes is refused,
 * naming the first bad byte: read as Windows-1252 its UTF-8 would turn into mojibake ("CafÃ©") in every row.
 */
async function chooseEncoding(file: string, told: TextEncoding | undefined): Promise<TextEncoding> {
  if (told === 'windows-1252') return told;
  const { firstInvalid, multiByte } = await scanUtf8(file);
  if (!firstInvalid) return 'utf-8';
  if (!told && !multiByte) return 'windows-1252';
  const where = `line ${firstInvalid.line}, byte ${firstInvalid.byte} (0x${firstInvalid.value.toString(16).toUpperCase().padStart(2, '0')})`;
  throw new ValidationError({
    message: `${file} is not valid UTF-8 at ${where}${told ? '' : ', yet other lines are UTF-8'}: nothing was imported. Correct that byte, or save the whole file as UTF-8, or say how to read it with --encoding windows-1252`,
    details: [{ field: 'file', message: `not valid UTF-8 at ${where}` }],
  });
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
  if (
    (info.type === 'text' || info.type === 'rating' || numericChoices) &&
    !Number.isNaN(number) &&
    info.value.safeParse(number).success
  ) {
    return number;
  }
  if (info.type === 'boolean') {
    const word = cell.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  if (['checkbox', 'tagbox', 'ranking'].includes(info.type)) {
    return cell
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean);
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
    if (!Array.isArray(parsed))
      throw new ValidationError({
        message: `${file} cannot be imported`,
        details: [{ field: 'file', message: 'must hold a JSON array of answer objects' }],
      });
    yield* parsed;
    return;
  }
  const parser = decodedText(file, encoding).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: false }),
  );
  for await (const row of parser) yield csvRowToObject(compiled, row as Record<string, string>);
}

/**
 * The text as a person reads it, whatever the file's encoding or editor did to it: composed accents (NFC; a Mac
 * may save "é" as "e" and an accent) and Windows line ends in multi-line cells. So the same file saved again
 * another way gives the same answers and the same ids; text that needs neither is as before, so earlier imports
 * keep their ids.
 */
function sameText(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').replace(/\r\n?/g, '\n');
  if (Array.isArray(value)) return value.map(sameText);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, sameText(inner)]));
  return value;
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
    else data[key] = sameText(value);
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
  options: {
    encoding?: TextEncoding;
    onProgress?: ProgressCallback;
    /** When a row without its own submitted_at was submitted (by row number, from 1); by default now. */
    submittedAtOf?: (row: number) => string;
  } = {},
): Promise<ImportSummary> {
  const { compiled } = await surveys.get(slug);
  const encoding = await chooseEncoding(file, options.encoding);
  const summary: ImportSummary = { imported: 0, alreadyPresent: 0, rejected: [], encoding };
  const seen = new Map<string, number>();
  const reject = (row: number, issues: FieldIssue[]) =>
    summary.rejected.push(...issues.map((issue) => ({ row, field: issue.field, reason: issue.message })));
  let rowNumber = 0;
  for await (const raw of readRows(file, compiled, encoding)) {
    rowNumber += 1;
    if (rowNumber % 100 === 0) options.onProgress?.('importing rows', rowNumber, 0);
    const envelope = toEnvelope(raw, seen) as Record<string, unknown>;
    const submittedAt =
      typeof envelope.submitted_at === 'string' ? envelope.submitted_at : options.submittedAtOf?.(rowNumber);
    delete envelope.submitted_at;
    const parsed = importRowSchema.safeParse(envelope);
    if (!parsed.success) {
      reject(rowNumber, ValidationError.fieldIssues(parsed.error));
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
  options.onProgress?.('importing rows', rowNumber, 0);
  return summary;
}
