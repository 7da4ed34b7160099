import MT19937 from '@stdlib/random-base-mt19937';
import { chiSquareSurvival, logFactorial } from './distributions';
import type { TestResult } from './test-result';

/** Tables with more arrangements than this are not enumerated; Fisher's p is then simulated. */
const ENUMERATION_LIMIT = 2_000_000;
const SIMULATIONS = 20_000;
/** R's fisher.test treats probabilities within this relative distance of the observed one as equal. */
const RELATIVE_TOLERANCE = 1 + 1e-7;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Rows and columns with a zero total carry no information and would make expected counts zero. */
function compact(table: number[][]): number[][] {
  const rows = table.filter((row) => sum(row) > 0);
  const columns = rows[0] ? rows[0].map((_, j) => j).filter((j) => rows.some((row) => row[j]! > 0)) : [];
  return rows.map((row) => columns.map((j) => row[j]!));
}

/**
 * Association between answer (rows) and group (columns): Pearson's chi-square without continuity
 * correction, or Fisher's exact test when an expected count is under 5. Null when there is nothing to
 * compare (fewer than two answers or two groups with any responses).
 */
export function associationTest(input: number[][]): TestResult | null {
  const table = compact(input);
  if (table.length < 2 || table[0]!.length < 2) return null;
  const rowTotals = table.map(sum);
  const colTotals = table[0]!.map((_, j) => sum(table.map((row) => row[j]!)));
  const n = sum(rowTotals);
  const expected = rowTotals.map((r) => colTotals.map((c) => (r * c) / n));
  if (expected.some((row) => row.some((e) => e < 5))) return fisherExact(table, rowTotals, colTotals, n);
  let statistic = 0;
  table.forEach((row, i) => row.forEach((observed, j) => (statistic += (observed - expected[i]![j]!) ** 2 / expected[i]![j]!)));
  const df = (table.length - 1) * (table[0]!.length - 1);
  return { name: 'chi-square', statistic, df, p: chiSquareSurvival(statistic, df) };
}

function logProbability(table: number[][], constant: number): number {
  let logP = constant;
  for (const row of table) for (const cell of row) logP -= logFactorial(cell);
  return logP;
}

/**
 * Fisher's exact test for an r x c table, two-sided as in R: the sum of the probabilities of every table
 * with the same margins that is no more likely than the observed one. Hand-written because no maintained
 * JavaScript package offers the r x c test; the enumeration is checked against R and scipy in the tests.
 */
function fisherExact(table: number[][], rowTotals: number[], colTotals: number[], n: number): TestResult {
  const constant = sum(rowTotals.map(logFactorial)) + sum(colTotals.map(logFactorial)) - logFactorial(n);
  const observed = logProbability(table, constant);
  const threshold = observed + Math.log(RELATIVE_TOLERANCE);
  const enumerated = enumerate(rowTotals, colTotals, constant, threshold);
  if (enumerated !== null) return { name: 'fisher', statistic: null, df: null, p: Math.min(1, enumerated) };
  return { name: 'fisher-simulated', statistic: null, df: null, p: simulate(rowTotals, colTotals, constant, threshold), note: `Monte Carlo p-value from ${SIMULATIONS} tables with the same margins (seeded)` };
}

/** Sum of probabilities of tables no more likely than the observed one, or null past the enumeration limit. */
function enumerate(rowTotals: number[], colTotals: number[], constant: number, threshold: number): number | null {
  const rows = rowTotals.length;
  const cols = colTotals.length;
  const colLeft = [...colTotals];
  let visited = 0;
  let total = 0;
  // Walks the cells row by row; the last cell of each row and the whole last row follow from the margins.
  const fill = (row: number, col: number, rowLeft: number, logP: number): boolean => {
    if (++visited > ENUMERATION_LIMIT) return false;
    if (row === rows - 1) {
      let p = logP;
      for (let j = 0; j < cols; j += 1) p -= logFactorial(colLeft[j]!);
      if (p <= threshold) total += Math.exp(p);
      return true;
    }
    if (col === cols - 1) {
      if (rowLeft > colLeft[col]!) return true;
      colLeft[col]! -= rowLeft;
      const ok = fill(row + 1, 0, rowTotals[row + 1]!, logP - logFactorial(rowLeft));
      colLeft[col]! += rowLeft;
      return ok;
    }
    const laterCapacity = colLeft.slice(col + 1).reduce((a, b) => a + b, 0);
    const low = Math.max(0, rowLeft - laterCapacity);
    const high = Math.min(rowLeft, colLeft[col]!);
    for (let x = low; x <= high; x += 1) {
      colLeft[col]! -= x;
      const ok = fill(row, col + 1, rowLeft - x, logP - logFactorial(x));
      colLeft[col]! += x;
      if (!ok) return false;
    }
    return true;
  };
  return fill(0, 0, rowTotals[0]!, constant) ? total : null;
}

function simulate(rowTotals: number[], colTotals: number[], constant: number, threshold: number): number {
  const random = MT19937.factory({ seed: 20240501 });
  const labels: number[] = colTotals.flatMap((count, j) => Array<number>(count).fill(j));
  let asExtreme = 0;
  for (let s = 0; s < SIMULATIONS; s += 1) {
    for (let i = labels.length - 1; i > 0; i -= 1) {
      const k = random() % (i + 1);
      [labels[i], labels[k]] = [labels[k]!, labels[i]!];
    }
    const table = rowTotals.map(() => colTotals.map(() => 0));
    let position = 0;
    rowTotals.forEach((count, i) => {
      for (let c = 0; c < count; c += 1) table[i]![labels[position++]!]! += 1;
    });
    if (logProbability(table, constant) <= threshold) asExtreme += 1;
  }
  return (1 + asExtreme) / (SIMULATIONS + 1);
}
