import type { StatsQuestion } from './stats-questions';
import { ChoiceTally, isEmpty, NumberTally, ScaleTally, Tally, TextTally } from './tallies';

export type AnyTally = ChoiceTally | NumberTally | TextTally | PartsTally | EntriesTally | RankingTally | AnsweredTally;

const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * A matrix (rows), multiple text or matrix of text cells (items): one tally per part, fed the part's answer
 * from the object the question's value is. A respondent who was shown the question but left a part blank
 * skipped that part.
 */
export class PartsTally extends Tally {
  readonly parts: AnyTally[];
  answered = 0;

  private readonly names: string[];
  private readonly byColumn: boolean;

  constructor(question: StatsQuestion) {
    super();
    this.parts = (question.parts ?? []).map(tallyFor);
    this.names = (question.parts ?? []).map((part) => part.name);
    this.byColumn = Boolean(question.byColumn);
  }

  override add(value: unknown, shown: boolean, weight = 1): void {
    super.add(value, shown, weight);
    if (!shown || isEmpty(value)) this.parts.forEach((part) => part.add(undefined, shown, weight));
  }

  protected addAnswer(value: unknown, weight: number): void {
    this.answered += 1;
    const answers = asObject(value);
    this.parts.forEach((part, i) =>
      part.add(this.byColumn ? column(answers, this.names[i]!) : answers[this.names[i]!], true, weight),
    );
  }
}

/** One column of a value kept by row: { row: answer in that column }. */
function column(byRow: Record<string, unknown>, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(byRow).map(([row, cells]) => [row, asObject(cells)[name]]));
}

/**
 * A dynamic panel or dynamic matrix: the same questions answered once per entry. Each part counts entries;
 * the block also says how many respondents gave entries and how many each gave.
 */
export class EntriesTally extends Tally {
  readonly parts: AnyTally[];
  answered = 0;
  entries = 0;
  mostEntries = 0;
  private readonly names: string[];

  constructor(question: StatsQuestion) {
    super();
    this.parts = (question.parts ?? []).map(tallyFor);
    this.names = (question.parts ?? []).map((part) => part.name);
  }

  protected addAnswer(value: unknown, weight: number): void {
    const entries = Array.isArray(value) ? value : [value];
    this.answered += 1;
    this.entries += entries.length;
    this.mostEntries = Math.max(this.mostEntries, entries.length);
    for (const entry of entries) {
      const answers = asObject(entry);
      this.parts.forEach((part, i) => part.add(answers[this.names[i]!], true, weight));
    }
  }
}

/** A ranking: for each option, how many put it at each place (1 = first). */
export class RankingTally extends Tally {
  answered = 0;
  readonly places = new Map<unknown, number[]>();

  constructor(private readonly size: number) {
    super();
  }

  protected addAnswer(value: unknown): void {
    if (!Array.isArray(value)) {
      this.skipped += 1;
      return;
    }
    this.answered += 1;
    value.forEach((item, place) => {
      const counts = this.places.get(item) ?? Array<number>(Math.max(this.size, value.length)).fill(0);
      counts[place] = (counts[place] ?? 0) + 1;
      this.places.set(item, counts);
    });
  }
}

/** A question whose answers cannot be summarised (a signature, a file): only whether it was answered. */
export class AnsweredTally extends Tally {
  answered = 0;

  protected addAnswer(): void {
    this.answered += 1;
  }
}

export function tallyFor(question: StatsQuestion): AnyTally {
  switch (question.kind) {
    case 'number':
      return new NumberTally();
    case 'text':
      return new TextTally();
    case 'matrix':
    case 'items':
      return new PartsTally(question);
    case 'entries':
      return new EntriesTally(question);
    case 'ranking':
      return new RankingTally(question.options.length);
    case 'unsupported':
      return new AnsweredTally();
    default:
      return question.scale ? new ScaleTally() : new ChoiceTally();
  }
}
