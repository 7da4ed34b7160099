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
export const valueKey = (value: unknown): unknown => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);

abstract class Tally {
  skipped = 0;
  notShown = 0;

  add(value: unknown, shown: boolean): void {
    if (!shown) this.notShown += 1;
    else if (isEmpty(value)) this.skipped += 1;
    else this.addAnswer(value);
  }

  protected abstract addAnswer(value: unknown): void;
}

export class ChoiceTally extends Tally {
  readonly counts = new Map<unknown, { value: unknown; count: number }>();
  answered = 0;

  protected addAnswer(value: unknown): void {
    this.answered += 1;
    if (Array.isArray(value)) for (const item of new Set(value)) this.count(item);
    else this.count(value);
  }

  private count(item: unknown): void {
    const key = valueKey(item);
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { value: item, count: 1 });
  }

  /** Every option of the question in its order, then any other value found in the data. */
  block(question: StatsQuestion): ChoiceBlock {
    const known = question.options.map((option) => ({ key: valueKey(option.value), value: option.value, label: option.label }));
    const knownKeys = new Set(known.map((option) => option.key));
    const extra = [...this.counts.entries()]
      .filter(([key]) => !knownKeys.has(key))
      .map(([key, entry]) => ({ key, value: entry.value, label: String(entry.value) }));
    const options = [...known, ...extra].map(({ key, value, label }) => {
      const count = this.counts.get(key)?.count ?? 0;
      return { value, label, count, percent: percent(count, this.answered), ci95: wilsonInterval(count, this.answered) };
    });
    return { answered: this.answered, skipped: this.skipped, notShown: this.notShown, options };
  }
}

export class NumberTally extends Tally {
  readonly frequencies = new NumberFrequencies();

  protected addAnswer(value: unknown): void {
    const number = typeof value === 'number' ? value : Number(value);
    if (Number.isFinite(number)) this.frequencies.add(number);
    else this.skipped += 1;
  }

  block(bands: Band[]): NumberBlock {
    const summary = this.frequencies.summary();
    return {
      ...summary,
      skipped: this.skipped,
      notShown: this.notShown,
      histogram: this.frequencies.histogram(),
      bands: this.frequencies.bands(bands).map((band) => ({ ...band, percent: percent(band.count, summary.n) })),
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

export type AnyTally = ChoiceTally | NumberTally | TextTally;

export function tallyFor(question: StatsQuestion): AnyTally {
  if (question.kind === 'number') return new NumberTally();
  if (question.kind === 'text') return new TextTally();
  return new ChoiceTally();
}
