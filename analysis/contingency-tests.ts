import MT19937 from '@stdlib/random-base-mt19937';
import { chiSquareSurvival, logFactorial } from './distributions';
import type { TestResult } from './test-result';

/**
 * Tables whose margins allow more arrangements than this (by the estimate below, made before any enumeration)
 * are not enumerated; Fisher's p is then simulated. Enumerating this many takes well under a second.
 */
const TABLE_LIMIT = 200_000;
/** A safety net under the estimate: the enumeration gives up (and the p-value is simulated) past this many steps. */
const ENUMERATION_LIMIT = 4_000_000;
/** Random tables for a simulated p-value unless asked otherwise: R's fisher.test default (B = 2000). */
export const SIMULATIONS = 2000;
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
export function associationTest(input: number[][], simulations = SIMULATIONS): TestResult | null {
  const table = compact(input);
  if (table.length < 2 || table[0]!.length < 2) return null;
  const rowTotals = table.map(sum);
  const colTotals = table[0]!.map((_, j) => sum(table.map((row) => row[j]!)));
  const n = sum(rowTotals);
  const expected = rowTotals.map((r) => colTotals.map((c) => (r * c) / n));
  if (expected.some((row) => row.some((e) => e < 5))) return fisherExact(table, rowTotals, colTotals, n, simulations);
  let statistic = 0;
  table.forEach((row, i) =>
    row.forEach((observed, j) => (statistic += (observed - expected[i]![j]!) ** 2 / expected[i]![j]!)),
  );
  const df = (table.length - 1) * (table[0]!.length - 1);
  return { name: 'chi-square', statistic, df, p: chiSquareSurvival(statistic, df) };
}

/**
 * log(k!) for k = 0..n, worked out once per table: the enumeration and the simulation look up millions of them,
 * and each gamma-function call costs far more than a lookup.
 */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 0; k <= n; k += 1) table[k] = logFactorial(k);
  return table;
}

function logProbability(table: number[][], constant: number, lf: Float64Array): number {
  let logP = constant;
  for (const row of table) for (const cell of row) logP -= lf[cell]!;
  return logP;
}

/**
 * Fisher's exact test for an r x c table, two-sided as in R: the sum of the probabilities of every table
 * with the same margins that is no more likely than the observed one. Hand-written because no maintained
 * JavaScript package offers the r x c test; the enumeration is checked against R and scipy in the tests.
 */
function fisherExact(
  table: number[][],
  rowTotals: number[],
  colTotals: number[],
  n: number,
  simulations: number,
): TestResult {
  return remembered(`exact:${simulations}:${JSON.stringify(table)}`, () => {
    // Decided before enumerating: a wide table (14 areas) has far too many arrangements, and finding that out by
    // trying cost seconds per question. The p-value does not change when rows and columns swap; the enumeration
    // walks whichever way round has fewer arrangements per row.
    const byRows = tablesBound(rowTotals, colTotals);
    const byColumns = tablesBound(colTotals, rowTotals);
    if (Math.min(byRows, byColumns) > TABLE_LIMIT) return simulatedFisher(table, simulations);
    const [rows, cols] = byRows <= byColumns ? [rowTotals, colTotals] : [colTotals, rowTotals];
    const { constant, threshold, lf } = fisherTerms(table, rowTotals, colTotals, n);
    const enumerated = enumerate(rows, cols, constant, threshold, lf);
    if (enumerated !== null) return { name: 'fisher', statistic: null, df: null, p: Math.min(1, enumerated) };
    return simulatedFisher(table, simulations);
  });
}

/**
 * An upper bound on the number of tables with these margins: each row but the last filled on its own within
 * the column totals, the ways multiplied. Exact for two rows (then the second row follows from the first).
 */
export function tablesBound(rowTotals: number[], colTotals: number[]): number {
  return rowTotals.slice(0, -1).reduce((product, total) => product * boundedCompositions(total, colTotals), 1);
}

/** Ways to write `total` as a sum of one whole number per cap, each from 0 to its cap (counted by dynamic programming). */
function boundedCompositions(total: number, caps: number[]): number {
  let ways: number[] = Array.from({ length: total + 1 }, (_, t) => (t === 0 ? 1 : 0));
  for (const cap of caps) {
    const next = new Array<number>(total + 1).fill(0);
    let window = 0;
    for (let t = 0; t <= total; t += 1) {
      // next[t] = ways[t] + ways[t-1] + ... + ways[t-cap], kept as a running window.
      window += ways[t]!;
      if (t - cap - 1 >= 0) window -= ways[t - cap - 1]!;
      next[t] = window;
    }
    ways = next;
  }
  return ways[total]!;
}

/** Results by table: the same data asked again (every page view, API call, report) costs nothing. */
const results = new Map<string, TestResult>();
const RESULTS_KEPT = 256;

function remembered(key: string, compute: () => TestResult): TestResult {
  const known = results.get(key);
  if (known) return known;
  const result = compute();
  if (results.size >= RESULTS_KEPT) results.delete(results.keys().next().value!);
  results.set(key, result);
  return result;
}

function fisherTerms(table: number[][], rowTotals: number[], colTotals: number[], n: number) {
  const lf = logFactorials(n);
  const constant = sum(rowTotals.map((total) => lf[total]!)) + sum(colTotals.map((total) => lf[total]!)) - lf[n]!;
  return { constant, threshold: logProbability(table, constant, lf) + Math.log(RELATIVE_TOLERANCE), lf };
}

/** Fisher's test by simulation, whatever the table's size; exported so tests can hold it against enumeration. */
export function simulatedFisher(table: number[][], simulations = SIMULATIONS): TestResult {
  return remembered(`simulated:${simulations}:${JSON.stringify(table)}`, () => {
    const rowTotals = table.map(sum);
    const colTotals = table[0]!.map((_, j) => sum(table.map((row) => row[j]!)));
    const { constant, threshold, lf } = fisherTerms(table, rowTotals, colTotals, sum(rowTotals));
    return {
      name: 'fisher-simulated',
      statistic: null,
      df: null,
      p: simulate(rowTotals, colTotals, constant, threshold, simulations, lf),
      note: `Monte Carlo p-value from ${simulations} tables with the same margins (seeded)`,
    };
  });
}

/** Sum of probabilities of tables no more likely than the observed one, or null past the enumeration limit. */
function enumerate(
  rowTotals: number[],
  colTotals: number[],
  constant: number,
  threshold: number,
  lf: Float64Array,
): number | null {
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
      for (let j = 0; j < cols; j += 1) p -= lf[colLeft[j]!]!;
      if (p <= threshold) total += Math.exp(p);
      return true;
    }
    if (col === cols - 1) {
      if (rowLeft > colLeft[col]!) return true;
      colLeft[col]! -= rowLeft;
      const ok = fill(row + 1, 0, rowTotals[row + 1]!, logP - lf[rowLeft]!);
      colLeft[col]! += rowLeft;
      return ok;
    }
    const laterCapacity = colLeft.slice(col + 1).reduce((a, b) => a + b, 0);
    const low = Math.max(0, rowLeft - laterCapacity);
    const high = Math.min(rowLeft, colLeft[col]!);
    for (let x = low; x <= high; x += 1) {
      colLeft[col]! -= x;
      const ok = fill(row, col + 1, rowLeft - x, logP - lf[x]!);
      colLeft[col]! += x;
      if (!ok) return false;
    }
    return true;
  };
  return fill(0, 0, rowTotals[0]!, constant) ? total : null;
}

/**
 * Monte Carlo p-value over random tables with the observed margins, drawn by Patefield's method (AS 159, as R's
 * fisher.test uses): each cell in turn from its hypergeometric distribution given what is left of its row and
 * column. The cost per table grows with the number of cells, not with n, so a table of thousands of answers
 * costs what one of dozens does. Hand-written: no maintained JavaScript package samples r x c tables, and
 * stdlib's hypergeometric sampler overflows beyond 170 answers.
 */
function simulate(
  rowTotals: number[],
  colTotals: number[],
  constant: number,
  threshold: number,
  simulations: number,
  lf: Float64Array,
): number {
  // The generator has `normalized` (uniform on [0, 1)) at run time; its published types leave it out.
  const uniform = (MT19937.factory({ seed: 20240501 }) as unknown as { normalized: () => number }).normalized;
  const table = rowTotals.map(() => colTotals.map(() => 0));
  let asExtreme = 0;
  for (let s = 0; s < simulations; s += 1) {
    randomTable(uniform, rowTotals, colTotals, table, lf);
    if (logProbability(table, constant, lf) <= threshold) asExtreme += 1;
  }
  return (1 + asExtreme) / (simulations + 1);
}

/** Fills `table` with a random table with these margins, each table as likely as under random labelling. */
function randomTable(
  uniform: () => number,
  rowTotals: number[],
  colTotals: number[],
  table: number[][],
  lf: Float64Array,
): void {
  const colLeft = [...colTotals];
  let totalLeft = sum(rowTotals);
  const last = colTotals.length - 1;
  rowTotals.forEach((rowTotal, i) => {
    let rowLeft = rowTotal;
    // Of the answers left, `poolLeft` are in this column or a later one.
    let poolLeft = totalLeft;
    for (let j = 0; j < last; j += 1) {
      const x = i === rowTotals.length - 1 ? colLeft[j]! : hypergeometric(uniform, poolLeft, colLeft[j]!, rowLeft, lf);
      table[i]![j] = x;
      poolLeft -= colLeft[j]!;
      colLeft[j]! -= x;
      rowLeft -= x;
    }
    table[i]![last] = rowLeft;
    colLeft[last]! -= rowLeft;
    totalLeft -= rowTotal;
  });
}

/**
 * How many of `draws` taken from `population` (of which `successes` count) are successes: inversion starting at
 * the mode and stepping outwards, so the expected number of steps grows with the spread, not the population.
 */
function hypergeometric(
  uniform: () => number,
  population: number,
  successes: number,
  draws: number,
  lf: Float64Array,
): number {
  const low = Math.max(0, draws - (population - successes));
  const high = Math.min(draws, successes);
  if (low === high) return low;
  const logPmf = (x: number) =>
    lf[successes]! -
    lf[x]! -
    lf[successes - x]! +
    lf[population - successes]! -
    lf[draws - x]! -
    lf[population - successes - draws + x]! -
    (lf[population]! - lf[draws]! - lf[population - draws]!);
  const mode = Math.min(high, Math.max(low, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  let u = uniform();
  let pUp = Math.exp(logPmf(mode));
  let pDown = pUp;
  if (u <= pUp) return mode;
  u -= pUp;
  let up = mode;
  let down = mode;
  while (up < high || down > low) {
    if (up < high) {
      pUp *= ((successes - up) * (draws - up)) / ((up + 1) * (population - successes - draws + up + 1));
      up += 1;
      if (u <= pUp) return up;
      u -= pUp;
    }
    if (down > low) {
      pDown *= (down * (population - successes - draws + down)) / ((successes - down + 1) * (draws - down + 1));
      down -= 1;
      if (u <= pDown) return down;
      u -= pDown;
    }
  }
  return mode; // only reached through rounding in the last digits
}
