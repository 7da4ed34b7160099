export interface Band {
  label: string;
  /** Lower bound; absent means no lower bound. */
  from?: number;
  to?: number;
  includeFrom?: boolean;
  includeTo?: boolean;
}

export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

/**
 * The distinct values of a numeric answer with their counts. Memory grows with the number of distinct
 * values (hours in a week: a few hundred at most), not with the number of responses, and quantiles and
 * ranks stay exact.
 */
export class NumberFrequencies {
  // A mutable cell per value: one map lookup per answer on long scans instead of a get and a set.
  private readonly counts = new Map<number, { count: number }>();
  private total = 0;

  add(value: number, times = 1): void {
    const cell = this.counts.get(value);
    if (cell) cell.count += times;
    else this.counts.set(value, { count: times });
    this.total += times;
  }

  get n(): number {
    return this.total;
  }

  /** Adds another set's counts to these. */
  merge(other: NumberFrequencies): void {
    for (const [value, { count }] of other.counts) this.add(value, count);
  }

  /** Distinct values in ascending order with their counts. */
  sorted(): Array<[number, number]> {
    return [...this.counts].map(([value, { count }]): [number, number] => [value, count]).sort((a, b) => a[0] - b[0]);
  }

  /**
   * Quantile by Hyndman and Fan type 7 (the default of R's quantile() and numpy's percentile):
   * linear interpolation between the order statistics around (n - 1) p.
   */
  quantile(p: number): number | null {
    if (this.total === 0) return null;
    const h = (this.total - 1) * p;
    const lower = this.orderStatistic(Math.floor(h));
    const upper = this.orderStatistic(Math.ceil(h));
    return lower + (h - Math.floor(h)) * (upper - lower);
  }

  summary(): Summary {
    const sorted = this.sorted();
    if (this.total === 0) return { n: 0, mean: null, sd: null, median: null, q1: null, q3: null, min: null, max: null };
    let sum = 0;
    for (const [value, count] of sorted) sum += value * count;
    const mean = sum / this.total;
    let squares = 0;
    for (const [value, count] of sorted) squares += count * (value - mean) ** 2;
    return {
      n: this.total,
      mean,
      // Sample standard deviation (n - 1); undefined for a single answer.
      sd: this.total > 1 ? Math.sqrt(squares / (this.total - 1)) : null,
      median: this.quantile(0.5),
      q1: this.quantile(0.25),
      q3: this.quantile(0.75),
      min: sorted[0]![0],
      max: sorted[sorted.length - 1]![0],
    };
  }

  /** Counts in the named bands. */
  bands(bands: Band[]): Array<{ label: string; count: number }> {
    return bands.map((band) => ({
      label: band.label,
      count: this.sorted().reduce((sum, [value, count]) => (inBand(value, band) ? sum + count : sum), 0),
    }));
  }

  /** Equal-width bins from a "nice" width (1, 2, 5 × 10^k) giving at most about 20 bins. */
  histogram(): Array<{ from: number; to: number; count: number }> {
    const sorted = this.sorted();
    if (sorted.length === 0) return [];
    const min = sorted[0]![0];
    const max = sorted[sorted.length - 1]![0];
    const width = niceWidth((max - min) / 20);
    const start = Math.floor(min / width) * width;
    const binCount = Math.max(1, Math.floor((max - start) / width) + 1);
    const bins = Array.from({ length: binCount }, (_, i) => ({
      from: round(start + i * width),
      to: round(start + (i + 1) * width),
      count: 0,
    }));
    for (const [value, count] of sorted)
      bins[Math.min(binCount - 1, Math.floor((value - start) / width))]!.count += count;
    return bins;
  }

  private orderStatistic(index: number): number {
    let seen = 0;
    for (const [value, count] of this.sorted()) {
      seen += count;
      if (index < seen) return value;
    }
    throw new Error(`order statistic ${index} out of range`);
  }
}

function inBand(value: number, band: Band): boolean {
  const aboveFrom = band.from === undefined || (band.includeFrom === false ? value > band.from : value >= band.from);
  const belowTo = band.to === undefined || (band.includeTo === false ? value < band.to : value <= band.to);
  return aboveFrom && belowTo;
}

function niceWidth(raw: number): number {
  if (raw <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((candidate) => candidate * power >= raw)!;
  return step * power;
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;
