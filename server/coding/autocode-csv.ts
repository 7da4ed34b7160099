import { writeFileAtomically } from '../atomic-file';
import { stringify } from 'csv-stringify/sync';
import { Autocoder } from '../../analysis/coding/autocode';
import { ValidationError } from '../errors';
import { neutraliseCell } from '../http/csv-safety';
import { readCsvWithColumns, splitCodes } from './coding-csv';

export interface AutocodeSummary {
  coded: number;
  suggested: number;
  codes: number;
}

/**
 * Rows whose codes cell is filled are a researcher's coding; every row whose codes cell is empty gets
 * suggested codes in that column and a confidence. Nothing is applied anywhere: the output is a file to review.
 */
export function autocodeCsv(
  input: string,
  output: string,
  columns: { text: string; codes: string; id?: string },
): AutocodeSummary {
  const rows = readCsvWithColumns(input, [columns.text, columns.codes, columns.id]);
  const header = Object.keys(rows[0] ?? {});
  const training = rows
    .filter((row) => splitCodes(row[columns.codes]).length > 0)
    .map((row) => ({ text: row[columns.text] ?? '', codes: splitCodes(row[columns.codes]) }));
  let coder: Autocoder;
  try {
    coder = new Autocoder().train(training);
  } catch (error) {
    throw new ValidationError({
      message: (error as Error).message,
      details: [{ field: columns.codes, message: `${training.length} coded rows are not enough to learn from` }],
    });
  }
  let suggested = 0;
  const out = rows.map((row) => {
    const copy: Record<string, string> = Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, neutraliseCell(value)]),
    );
    if (splitCodes(row[columns.codes]).length > 0) return { ...copy, confidence: '' };
    const suggestion = coder.suggest(row[columns.text] ?? '');
    suggested += 1;
    return { ...copy, [columns.codes]: suggestion.codes.join(';'), confidence: suggestion.confidence.toFixed(3) };
  });
  writeFileAtomically(
    output,
    stringify(out, { header: true, columns: [...header.filter((column) => column !== 'confidence'), 'confidence'] }),
  );
  return { coded: training.length, suggested, codes: new Set(training.flatMap((row) => row.codes)).size };
}
