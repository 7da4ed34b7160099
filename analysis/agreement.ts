/**
 * Agreement between coders of the same units. Hand-written: these are short closed formulas (Cohen 1960;
 * Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") and no maintained JavaScript package
 * computes alpha with missing values; checked against Krippendorff's own worked example and R's irr.
 */

/** One row per unit, one entry per coder: the value that coder gave, or null when they did not code it. */
export type ReliabilityData = Array<Array<string | null>>;

export interface Agreement {
  /** Units coded by at least two coders. */
  pairableUnits: number;
  /** Share of pairable units on which every coder who coded it gave the same value, in percent. */
  percentAgreement: number | null;
  krippendorffAlpha: number | null;
  /** Only for exactly two coders. */
  cohenKappa: number | null;
}

function pairable(data: ReliabilityData): Array<string[]> {
  return data
    .map((unit) => unit.filter((value): value is string => value !== null))
    .filter((values) => values.length >= 2);
}

export function percentAgreement(data: ReliabilityData): number | null {
  const units = pairable(data);
  if (units.length === 0) return null;
  return (units.filter((values) => values.every((value) => value === values[0])).length / units.length) * 100;
}

/** Krippendorff's alpha for nominal data; any number of coders; missing values allowed. */
export function krippendorffAlphaNominal(data: ReliabilityData): number | null {
  const units = pairable(data);
  const coincidence = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, weight: number) => {
    const row = coincidence.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + weight);
    coincidence.set(c, row);
  };
  for (const values of units) {
    const weight = 1 / (values.length - 1);
    values.forEach((c, i) => values.forEach((k, j) => i !== j && add(c, k, weight)));
  }
  const totals = new Map([...coincidence].map(([c, row]) => [c, [...row.values()].reduce((a, b) => a + b, 0)]));
  const n = [...totals.values()].reduce((a, b) => a + b, 0);
  if (n <= 1) return null;
  let observed = 0;
  for (const [c, row] of coincidence) for (const [k, o] of row) if (c !== k) observed += o;
  let expected = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expected += nc * nk;
  // Every value the same: no variation to agree about, and alpha is undefined (Krippendorff 2011).
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** Cohen's kappa for two coders over the units both coded. */
export function cohenKappa(data: ReliabilityData): number | null {
  const pairs = data.filter((unit) => unit.length === 2 && unit[0] !== null && unit[1] !== null) as Array<
    [string, string]
  >;
  if (pairs.length === 0) return null;
  const n = pairs.length;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  for (const [a, b] of pairs) {
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [value, count] of first) expected += (count / n) * ((second.get(value) ?? 0) / n);
  // Both coders used one and the same value throughout: kappa is undefined.
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

export function agreement(data: ReliabilityData): Agreement {
  const coders = Math.max(0, ...data.map((unit) => unit.length));
  return {
    pairableUnits: pairable(data).length,
    percentAgreement: percentAgreement(data),
    krippendorffAlpha: krippendorffAlphaNominal(data),
    cohenKappa: coders === 2 ? cohenKappa(data) : null,
  };
}

/**
 * Agreement for coding where a unit may carry several codes (cells like "admin;time"): overall, each cell's
 * set of codes is one nominal value; per code, each coder's cell says whether that code applies (yes/no),
 * and a coder who left the unit uncoded is missing, not "no".
 */
export function codingAgreement(cells: Array<Array<string[] | null>>) {
  const setValue = (codes: string[] | null) => (codes === null ? null : [...new Set(codes)].sort().join(';'));
  const overall = agreement(cells.map((unit) => unit.map(setValue)));
  const codes = [...new Set(cells.flatMap((unit) => unit.flatMap((codes) => codes ?? [])))].sort();
  const perCode = Object.fromEntries(
    codes.map((code) => [
      code,
      agreement(
        cells.map((unit) => unit.map((applied) => (applied === null ? null : applied.includes(code) ? 'yes' : 'no'))),
      ),
    ]),
  );
  return { overall, perCode };
}
