import { NumberFrequencies, type Band, type Summary } from './number-frequencies';
import { percent, wilsonInterval } from './proportions';
import type { StatsQuestion } from './stats-questions';

export interface OptionCell {
  value: unknown;
  label: string;
  count?: number;
  percent?: number;
  ci95?: [number, number] | null;
  suppressed?: true;
}

export interface ChoiceBlock {
  answered: number;
  skipped: number;
  notShown: number;
  options: OptionCell[];
}

export interface NumberBlock extends Summary {
  skipped: number;
  notShown: number;
  histogram: Array<{ from: number; to: number; count?: number; suppressed?: true }>;
  bands: Array<{ label: string; count?: number; percent?: number; suppressed?: true }>;
  suppressed?: true;
}

export interface TextBlock {
  answered: number;
  skipped: number;
  notShown: number;
  /** Answered as a percentage of the respondents analysed. */
  share: number;
  medianLength: number | null;
}

/** Not answered: nothing, empty text or no choice ticked. The server's answer checks use the same rule. */
export const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * A Map key for an answer value: the value itself when it is a primitive (Map keeps "1" and 1 apart and no
 * string is built per answer), JSON for anything else.
 */
export const valueKey = (value: unknown): unknown =>
  value !== null && typeof value === 'object' ? JSON.stringify(value) : value;

export abstract class Tally {
  skipped = 0;
  notShown = 0;
  /** Answers given through addShown, so that `settle` can work out how many who were shown it skipped it. */
  private shownAnswers = 0;

  /** `weight` is the response's survey weight (1 unless the figures are weighted); counts stay unweighted. */
  add(value: unknown, shown: boolean, weight = 1): void {
    if (!shown) this.notShown += 1;
    else if (isEmpty(value)) this.skipped += 1;
    else this.addAnswer(value, weight);
  }

  /**
   * The fast path for long scans: only answers to questions the respondent was shown, not empty. How many were
   * not shown it, or skipped it, is settled once at the end from how many respondents were shown it.
   */
  addShown(value: unknown, weight: number): void {
    this.shownAnswers += 1;
    this.addAnswer(value, weight);
  }

  settle(shownTo: number, notShownTo: number): void {
    this.notShown += notShownTo;
    this.skipped += shownTo - this.shownAnswers;
  }

  /** Adds a settled tally of the same question (one group's) to this one, as if its answers had come here. */
  merge(other: this): void {
    this.skipped += other.skipped;
    this.notShown += other.notShown;
  }

  protected abstract addAnswer(value: unknown, weight: number): void;
}

/** Kish's effective sample size of a set of weights: (Σw)² / Σw²; the plain count when every weight is 1. */
export const effectiveSize = (sum: number, squares: number) => (squares > 0 ? (sum * sum) / squares : 0);

export class ChoiceTally extends Tally {
  readonly counts = new Map<unknown, { value: unknown; count: number; weighted: number }>();
  answered = 0;
  private weightSum = 0;
  private weightSquares = 0;

  protected addAnswer(value: unknown, weight: number): void {
    this.answered += 1;
    this.weightSum += weight;
    this.weightSquares += weight * weight;
    if (Array.isArray(value)) for (const item of new Set(value)) this.count(item, weight);
    else this.count(value, weight);
  }

  override merge(other: this): void {
    super.merge(other);
    this.answered += other.answered;
    this.weightSum += other.weightSum;
    this.weightSquares += other.weightSquares;
    for (const [key, entry] of other.counts) {
      const mine = this.counts.get(key);
      if (mine) {
        mine.count += entry.count;
        mine.weighted += entry.weighted;
      } else this.counts.set(key, { ...entry });
    }
  }

  private count(item: unknown, weight: number): void {
    const key = valueKey(item);
    const entry = this.counts.get(key);
    if (entry) {
      entry.count += 1;
      entry.weighted += weight;
    } else this.counts.set(key, { value: item, count: 1, weighted: weight });
  }

  /** Every option of the question in its order, then any other value found in the data. */
  block(question: StatsQuestion): ChoiceBlock {
    const known = question.options.map((option) => ({
      key: valueKey(option.value),
      value: option.value,
      label: option.label,
    }));
    const knownKeys = new Set(known.map((option) => option.key));
    const extra = [...this.counts.entries()]
      .filter(([key]) => !knownKeys.has(key))
      .map(([key, entry]) => ({ key, value: entry.value, label: String(entry.value) }));
    // Weighted: the share is of the weights, and the interval is Wilson's at the effective sample size.
    const effective = effectiveSize(this.weightSum, this.weightSquares);
    const options = [...known, ...extra].map(({ key, value, label }) => {
      const entry = this.counts.get(key);
      const count = entry?.count ?? 0;
      // Nobody answered: no share at all ("0 (–)"), not 0 of 0 written as 0.0%.
      if (this.weightSum <= 0) return { value, label, count, ci95: null };
      const share = (entry?.weighted ?? 0) / this.weightSum;
      return { value, label, count, percent: share * 100, ci95: wilsonInterval(share * effective, effective) };
    });
    return { answered: this.answered, skipped: this.skipped, notShown: this.notShown, options };
  }
}

export class NumberTally extends Tally {
  readonly frequencies = new NumberFrequencies();
  private weightSum = 0;
  private weightedSum = 0;
  private weightedSquares = 0;
  private weighted = false;

  protected addAnswer(value: unknown, weight: number): void {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) {
      this.skipped += 1;
      return;
    }
    this.frequencies.add(number);
    if (weight !== 1) this.weighted = true;
    this.weightSum += weight;
    this.weightedSum += weight * number;
    this.weightedSquares += weight * number * number;
  }

  override merge(other: this): void {
    super.merge(other);
    this.frequencies.merge(other.frequencies);
    this.weightSum += other.weightSum;
    this.weightedSum += other.weightedSum;
    this.weightedSquares += other.weightedSquares;
    this.weighted ||= other.weighted;
  }

  block(bands: Band[]): NumberBlock {
    const summary = this.frequencies.summary();
    if (this.weighted && this.weightSum > 0) {
      // Weighted mean and standard deviation; quartiles, bands and the histogram describe the answers as given.
      const mean = this.weightedSum / this.weightSum;
      summary.mean = mean;
      summary.sd =
        summary.n > 1
          ? Math.sqrt(
              Math.max(0, (this.weightedSquares / this.weightSum - mean * mean) * (summary.n / (summary.n - 1))),
            )
          : summary.sd;
    }
    return {
      ...summary,
      skipped: this.skipped,
      notShown: this.notShown,
      histogram: this.frequencies.histogram(),
      bands: this.frequencies
        .bands(bands)
        .map((band) => (summary.n > 0 ? { ...band, percent: percent(band.count, summary.n) } : band)),
    };
  }
}

export class TextTally extends Tally {
  readonly lengths = new NumberFrequencies();
  answered = 0;

  protected addAnswer(value: unknown): void {
    this.answered += 1;
    this.lengths.add(String(value).trim().length);
  }

  override merge(other: this): void {
    super.merge(other);
    this.answered += other.answered;
    this.lengths.merge(other.lengths);
  }

  block(respondents: number): TextBlock {
    return {
      answered: this.answered,
      skipped: this.skipped,
      notShown: this.notShown,
      share: percent(this.answered, respondents),
      medianLength: this.lengths.quantile(0.5),
    };
  }
}

/** A choice question whose values are numbers: the option table, and the answers as numbers for the scale. */
export class ScaleTally extends ChoiceTally {
  readonly numbers = new NumberTally();

  protected override addAnswer(value: unknown, weight: number): void {
    super.addAnswer(value, weight);
    this.numbers.add(value, true, weight);
  }

  override merge(other: this): void {
    super.merge(other);
    this.numbers.merge(other.numbers);
  }
}
