import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Autocoder } from '../../analysis/coding/autocode';
import { ValidationError } from '../errors';
import { neutraliseCell } from '../responses/csv-safety';

export interface AutocodeSummary {
  coded: number;
  suggested: number;
  codes: number;
}

const splitCodes = (cell: string | undefined) => (cell ?? '').split(';').map((code) => code.trim()).filter(Boolean);

/**
 * Rows whose codes cell is filled are a researcher's coding; every row whose codes cell is empty gets
 * suggested codes in that column and a confidence. Nothing is applied anywhere: the output is a file to review.
 */
export function autocodeCsv(input: string, output: string, columns: { text: string; codes: string; id?: string }): AutocodeSummary {
  const rows = parse(fs.readFileSync(input, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = [columns.text, columns.codes, ...(columns.id ? [columns.id] : [])].filter((column) => !header.includes(column));
  if (missing.length) {
    throw new ValidationError({ message: `${input} has no column ${missing.map((m) => `"${m}"`).join(', ')}`, details: missing.map((field) => ({ field, message: 'is not a column of the file' })) });
  }
  const training = rows.filter((row) => splitCodes(row[columns.codes]).length > 0).map((row) => ({ text: row[columns.text] ?? '', codes: splitCodes(row[columns.codes]) }));
  let coder: Autocoder;
  try {
    coder = new Autocoder().train(training);
  } catch (error) {
    throw new ValidationError({ message: (error as Error).message, details: [{ field: columns.codes, message: `${training.length} coded rows are not enough to learn from` }] });
  }
  let suggested = 0;
  const out = rows.map((row) => {
    const copy: Record<string, string> = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, neutraliseCell(value)]));
    if (splitCodes(row[columns.codes]).length > 0) return { ...copy, confidence: '' };
    const suggestion = coder.suggest(row[columns.text] ?? '');
    suggested += 1;
    return { ...copy, [columns.codes]: suggestion.codes.join(';'), confidence: suggestion.confidence.toFixed(3) };
  });
  fs.writeFileSync(output, stringify(out, { header: true, columns: [...header.filter((column) => column !== 'confidence'), 'confidence'] }));
  return { coded: training.length, suggested, codes: new Set(training.flatMap((row) => row.codes)).size };
}
