import { NumberFrequencies } from '../../analysis/number-frequencies';
import type { QuestionStats } from '../../analysis/survey-stats';
import { valueKey } from '../../analysis/tallies';
import {
  compareChoice,
  compareNumbers,
  type NumberComparison,
  type OptionComparison,
} from '../../analysis/wave-comparison';
import type { ResponseRecord } from '../kernel/response-records';
import type { SurveyService } from '../surveys/survey-service';
import type { StatsService } from './stats-service';
import { minimumBaseOf } from '../../analysis/analysis-config';
import { publishComparison, type PublishedExtras } from './publish-rule';

type ChoiceComparison = {
  kind: 'choice' | 'multi';
  title: string;
  options: OptionComparison[];
  groups?: Record<string, OptionComparison[]>;
};
type NumbersComparison = {
  kind: 'number';
  title: string;
  groups?: Record<string, NumberComparison>;
} & NumberComparison;

export interface WaveComparison {
  a: { slug: string; title: string; responses: number };
  b: { slug: string; title: string; responses: number };
  by: string | null;
  questions: Record<string, ChoiceComparison | NumbersComparison>;
}

export type PublishedComparison = WaveComparison & PublishedExtras;

type ChoiceStats = Extract<QuestionStats, { kind: 'choice' | 'multi' }>;
const counted = (block: { answered: number; options: Array<{ value: unknown; label: string; count?: number }> }) => ({
  answered: block.answered,
  options: block.options.map((option) => ({ value: option.value, label: option.label, count: option.count ?? 0 })),
});

/** Two waves of a survey compared question by question (those with the same name and kind in both): B minus A. */
export class CompareService {
  constructor(
    private readonly surveys: SurveyService,
    private readonly stats: StatsService,
  ) {}

  async compare(slugA: string, slugB: string, by?: string): Promise<WaveComparison> {
    const [a, b] = await Promise.all([this.surveys.get(slugA), this.surveys.get(slugB)]);
    // One pass over each wave: the value counts of numeric answers are gathered as the statistics read them.
    const wave = async (slug: string, record: typeof a.record) => {
      const frequencies = new NumberFrames(by);
      const stats = await this.stats.computeFor(record, {
        by,
        disclosure: { rule: 'none' },
        observe: (response) => frequencies.see(response),
        refusedAs: { prefix: slug },
      });
      return { stats, frames: frequencies.frames };
    };
    const [{ stats: statsA, frames: framesA }, { stats: statsB, frames: framesB }] = await Promise.all([
      wave(slugA, a.record),
      wave(slugB, b.record),
    ]);
    // Choice and numeric questions compare as shares and means; structured questions are left to the statistics.
    const comparable = new Set(['choice', 'multi', 'number']);
    const shared = Object.keys(statsA.questions).filter(
      (name) =>
        statsB.questions[name]?.kind === statsA.questions[name]!.kind &&
        comparable.has(statsA.questions[name]!.kind) &&
        name !== by,
    );

    const questions: WaveComparison['questions'] = {};
    for (const name of shared) {
      const qa = statsA.questions[name]!;
      const qb = statsB.questions[name]!;
      if (qa.kind === 'number') {
        const fa = framesA.get(name) ?? new Map([['', new NumberFrequencies()]]);
        const fb = framesB.get(name) ?? new Map([['', new NumberFrequencies()]]);
        const groups = by
          ? Object.fromEntries(
              [...fa.keys()]
                .filter((key) => key !== '')
                .map((key) => [key, compareNumbers(fa.get(key)!, fb.get(key) ?? new NumberFrequencies())]),
            )
          : undefined;
        questions[name] = {
          kind: 'number',
          title: qb.title,
          ...compareNumbers(fa.get('')!, fb.get('')!),
          ...(groups ? { groups } : {}),
        };
      } else {
        const [ca, cb] = [qa as ChoiceStats, qb as ChoiceStats];
        const groups =
          by && ca.groups && cb.groups
            ? Object.fromEntries(
                Object.entries(ca.groups).map(([key, block]) => [
                  key,
                  compareChoice(counted(block), counted(cb.groups![key] ?? { answered: 0, options: [] })),
                ]),
              )
            : undefined;
        questions[name] = {
          kind: ca.kind,
          title: qb.title,
          options: compareChoice(counted(ca), counted(cb)),
          ...(groups ? { groups } : {}),
        };
      }
    }
    return {
      a: { slug: slugA, title: a.record.title, responses: statsA.responses.analysed },
      b: { slug: slugB, title: b.record.title, responses: statsB.responses.analysed },
      by: by ?? null,
      questions,
    };
  }

  /** The comparison under each survey's publication rule (its minimum base): see publishComparison. */
  async comparePublished(slugA: string, slugB: string, by?: string): Promise<PublishedComparison> {
    const [a, b] = await Promise.all([this.surveys.get(slugA), this.surveys.get(slugB)]);
    const comparison = await this.compare(slugA, slugB, by);
    return publishComparison(comparison, minimumBaseOf(a.record), minimumBaseOf(b.record));
  }
}

/**
 * Value counts of numeric answers in complete responses, by question, overall ('') and per group: memory grows
 * with the distinct values only. Every numeric answer is counted, since which questions both waves share is known
 * only once both are read.
 */
class NumberFrames {
  readonly frames = new Map<string, Map<string, NumberFrequencies>>();

  constructor(private readonly by: string | undefined) {}

  see(response: ResponseRecord): void {
    if (!response.complete) return;
    const by = this.by;
    const group = by && response.data[by] !== undefined ? String(valueKey(response.data[by])) : null;
    for (const [name, value] of Object.entries(response.data)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      let frame = this.frames.get(name);
      if (!frame) this.frames.set(name, (frame = new Map([['', new NumberFrequencies()]])));
      frame.get('')!.add(value);
      if (group !== null) {
        if (!frame.has(group)) frame.set(group, new NumberFrequencies());
        frame.get(group)!.add(value);
      }
    }
  }
}
