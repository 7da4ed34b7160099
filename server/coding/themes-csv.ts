import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { discoverThemes, type InductiveResult } from '../../analysis/coding/themes';
import { ValidationError } from '../errors';

/** Reads answers from a CSV and writes candidate codes and themes as JSON (see README: Coding free text). */
export function themesFromCsv(input: string, output: string, columns: { text: string; id?: string }, options: { codes?: number; themes?: number } = {}): InductiveResult {
  const rows = parse(fs.readFileSync(input, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = [columns.text, ...(columns.id ? [columns.id] : [])].filter((column) => !header.includes(column));
  if (missing.length) {
    throw new ValidationError({ message: `${input} has no column ${missing.map((m) => `"${m}"`).join(', ')}`, details: missing.map((field) => ({ field, message: 'is not a column of the file' })) });
  }
  const answers = rows.map((row, i) => ({ id: columns.id ? row[columns.id]! : String(i + 1), text: row[columns.text] ?? '' }));
  const ids = new Set<string>();
  answers.forEach((answer, i) => {
    if (ids.has(answer.id)) throw new ValidationError({ message: `row ${i + 1}: id "${answer.id}" appears twice`, details: [{ field: columns.id ?? 'id', message: `row ${i + 1} repeats "${answer.id}"` }] });
    ids.add(answer.id);
  });
  const result = discoverThemes(answers, options);
  const json = {
    codes: result.codes.map(({ segments: _segments, ...code }) => code),
    themes: result.themes,
    assignments: result.assignments,
  };
  fs.writeFileSync(output, `${JSON.stringify(json, null, 2)}\n`);
  return result;
}
