import { codingAgreement } from '../../analysis/agreement';
import { ValidationError } from '../errors';
import { readCsvWithColumns, splitCodes } from './coding-csv';

export interface AgreementReport {
  units: number;
  coders: string[];
  percentAgreement: number | null;
  krippendorffAlpha: number | null;
  cohenKappa?: number | null;
  perCode: Record<
    string,
    { percentAgreement: number | null; krippendorffAlpha: number | null; cohenKappa?: number | null }
  >;
}

/** Reads one row per unit and one column per coder (codes separated by ";", empty = not coded). */
export function agreementFromCsv(file: string, coders: string[], unitColumn?: string): AgreementReport {
  const rows = readCsvWithColumns(file, [...coders, unitColumn]);
  if (coders.length < 2)
    throw new ValidationError({
      message: 'Agreement needs at least two coders',
      details: [{ field: 'coders', message: 'name two or more columns' }],
    });
  if (unitColumn) {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const unit = row[unitColumn]!;
      if (seen.has(unit))
        throw new ValidationError({
          message: `row ${i + 1}: unit "${unit}" appears twice`,
          details: [{ field: unitColumn, message: `row ${i + 1} repeats unit "${unit}"` }],
        });
      seen.add(unit);
    });
  }
  const cells = rows.map((row) =>
    coders.map((coder) => {
      const codes = splitCodes(row[coder]);
      return codes.length ? codes : null;
    }),
  );
  const { overall, perCode } = codingAgreement(cells);
  const twoCoders = coders.length === 2;
  const pick = (a: typeof overall) => ({
    percentAgreement: a.percentAgreement,
    krippendorffAlpha: a.krippendorffAlpha,
    ...(twoCoders ? { cohenKappa: a.cohenKappa } : {}),
  });
  return {
    units: rows.length,
    coders,
    ...pick(overall),
    perCode: Object.fromEntries(Object.entries(perCode).map(([code, a]) => [code, pick(a)])),
  };
}
