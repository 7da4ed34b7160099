import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../errors';

/** Reads a CSV with a header row, refusing it (naming each one) when a column the command needs is missing. */
export function readCsvWithColumns(file: string, required: Array<string | undefined>): Array<Record<string, string>> {
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = required.filter((column): column is string => Boolean(column) && !header.includes(column!));
  if (missing.length) {
    throw new ValidationError({
      message: `${file} has no column ${missing.map((column) => `"${column}"`).join(', ')}`,
      details: missing.map((field) => ({ field, message: 'is not a column of the file' })),
    });
  }
  return rows;
}

/** Codes in a cell are separated by ";"; an empty cell means the row was not coded. */
export const splitCodes = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(';')
    .map((code) => code.trim())
    .filter(Boolean);
