import type { AnalysisConfig } from './analysis-config';
import { associationTest } from './contingency-tests';
import { AnsweredTally, EntriesTally, PartsTally, RankingTally, type AnyTally } from './part-tallies';
import { percent, wilsonInterval } from './proportions';
import { rankTest } from './rank-tests';
import { scaleFigures, type ScaleFigures } from './scales';
import type { StatsQuestion } from './stats-questions';
import {
  ChoiceTally,
  NumberTally,
  ScaleTally,
  TextTally,
  valueKey,
  type ChoiceBlock,
  type NumberBlock,
  type TextBlock,
} from './tallies';
import type { TestResult } from './test-result';

const QUARTILE_METHOD = 'Hyndman-Fan type 7 (linear interpolation; R and numpy default)';

type ChoiceGroupBlock = ChoiceBlock & Partial<ScaleFigures>;

export type ChoiceStats = {
  type: string;
  title: string;
  kind: 'choice' | 'multi';
  groups?: Record<string, ChoiceGroupBlock>;
  test: TestResult | null;
} & ChoiceGroupBlock;
export type NumberStats = {
  type: 'number';
  title: string;
  kind: 'number';
  quartileMethod: string;
  groups?: Record<string, NumberBlock>;
  test: TestResult | null;
} & NumberBlock;
export type TextStats = { type: string; title: string; kind: 'text'; groups?: Record<string, TextBlock> } & TextBlock;

interface Counted {
  answered: number;
  skipped: number;
  notShown: number;
}

/** A matrix: one choice block per row (with its own groups, test and scale), under the question's own counts. */
export type MatrixStats = {
  type: string;
  title: string;
  kind: 'matrix';
  rows: Array<{ value: string; label: string } & ChoiceStats>;
} & Counted;
/** Multiple text, or a matrix whose cells are not choices: each item analysed as the question it is. */
export type ItemsStats = { type: string; title: string; kind: 'items'; items: Record<string, QuestionStats> } & Counted;
/** A dynamic panel or matrix: its questions counted per entry; `entries` says how many each respondent gave. */
export type EntriesStats = {
  type: string;
  title: string;
  kind: 'entries';
  entries: { total: number; perRespondent: number | null; most: number };
  items: Record<string, QuestionStats>;
} & Counted;
export type RankingStats = {
  type: string;
  title: string;
  kind: 'ranking';
  options: Array<{
    value: unknown;
    label: string;
    meanRank: number | null;
    first: number;
    firstPercent: number;
    places: number[];
  }>;
} & Counted;
export type UnsupportedStats = { type: string; title: string; kind: 'unsupported'; note: string } & Counted;

export type QuestionStats =
  ChoiceStats | NumberStats | TextStats | MatrixStats | ItemsStats | EntriesStats | RankingStats | UnsupportedStats;

export interface GroupTally {
  /** The group's label as the by-question's value. */
  key: string;
  respondents: number;
  tally: AnyTally;
}

/** The figures of one question from its tally (and one tally per group when split by a question). */
export function questionStats(
  question: StatsQuestion,
  tally: AnyTally,
  groups: GroupTally[] | null,
  respondents: number,
  analysis: AnalysisConfig | null,
  simulations?: number,
): QuestionStats {
  const base = { type: question.type, title: question.title };
  if (tally instanceof NumberTally) {
    const bands = analysis?.bands?.[question.name] ?? [];
    const stats = {
      ...base,
      type: 'number' as const,
      kind: 'number' as const,
      quartileMethod: QUARTILE_METHOD,
      ...tally.block(bands),
    };
    if (!groups) return { ...stats, test: null };
    const groupTallies = groups.map((g) => g.tally as NumberTally);
    return {
      ...stats,
      groups: Object.fromEntries(groups.map((g, i) => [g.key, groupTallies[i]!.block(bands)])),
      test: rankTest(groupTallies.map((t) => t.frequencies)),
    };
  }
  if (tally instanceof TextTally) {
    const stats = { ...base, kind: 'text' as const, ...tally.block(respondents) };
    if (!groups) return stats;
    return {
      ...stats,
      groups: Object.fromEntries(groups.map((g) => [g.key, (g.tally as TextTally).block(g.respondents)])),
    };
  }
  const counted = (t: { answered: number; skipped: number; notShown: number }) => ({
    answered: t.answered,
    skipped: t.skipped,
    notShown: t.notShown,
  });
  if (tally instanceof PartsTally && question.kind === 'matrix') {
    const rows = (question.parts ?? []).map((row, r) => ({
      value: row.name,
      label: row.title,
      ...(questionStats(
        row,
        tally.parts[r]!,
        partGroups(groups, r),
        respondents,
        analysis,
        simulations,
      ) as ChoiceStats),
    }));
    return { ...base, kind: 'matrix', ...counted(tally), rows };
  }
  if (tally instanceof PartsTally || tally instanceof EntriesTally) {
    const items = Object.fromEntries(
      (question.parts ?? []).map((part, p) => [
        part.name,
        questionStats(part, tally.parts[p]!, partGroups(groups, p), respondents, analysis, simulations),
      ]),
    );
    if (tally instanceof PartsTally) return { ...base, kind: 'items', ...counted(tally), items };
    const entries = {
      total: tally.entries,
      perRespondent: tally.answered > 0 ? tally.entries / tally.answered : null,
      most: tally.mostEntries,
    };
    return { ...base, kind: 'entries', ...counted(tally), entries, items };
  }
  if (tally instanceof RankingTally)
    return { ...base, kind: 'ranking', ...counted(tally), options: rankingOptions(question, tally) };
  if (tally instanceof AnsweredTally) {
    return {
      ...base,
      kind: 'unsupported',
      ...counted(tally),
      note: `A ${question.type} answer cannot be summarised; only how many gave one is counted`,
    };
  }
  return choiceStats(question, tally as ChoiceTally, groups, simulations);
}

/** The groups' tallies of one part of a question. */
function partGroups(groups: GroupTally[] | null, part: number): GroupTally[] | null {
  return groups && groups.map((g) => ({ ...g, tally: (g.tally as PartsTally | EntriesTally).parts[part]! }));
}

function withScale(question: StatsQuestion, tally: ChoiceTally, block: ChoiceBlock): ChoiceGroupBlock {
  return question.scale && tally instanceof ScaleTally
    ? { ...block, ...scaleFigures(tally, question.options, question.scale.nps) }
    : block;
}

function choiceStats(
  question: StatsQuestion,
  choice: ChoiceTally,
  groups: GroupTally[] | null,
  simulations?: number,
): ChoiceStats {
  const kind = question.kind === 'multi' ? ('multi' as const) : ('choice' as const);
  const stats = {
    type: question.type,
    title: question.title,
    kind,
    ...withScale(question, choice, choice.block(question)),
  };
  if (!groups) return { ...stats, test: null };
  const blocks = groups.map((g) => (g.tally as ChoiceTally).block(question));
  // Options in the overall block include values found in any group, so each group lists the same options.
  const aligned = blocks.map((block) =>
    stats.options.map(
      (option) =>
        block.options.find((cell) => valueKey(cell.value) === valueKey(option.value)) ?? {
          ...option,
          count: 0,
          percent: 0,
          ci95: wilsonInterval(0, block.answered),
        },
    ),
  );
  // An ordered scale is compared by rank (Mann-Whitney, Kruskal-Wallis); unordered answers by association.
  const test =
    kind === 'multi'
      ? null
      : question.scale
        ? rankTest(groups.map((g) => (g.tally as ScaleTally).numbers.frequencies))
        : associationTest(
            stats.options.map((_, row) => aligned.map((cells) => cells[row]!.count ?? 0)),
            simulations,
          );
  return {
    ...stats,
    groups: Object.fromEntries(
      groups.map((g, i) => [
        g.key,
        withScale(question, g.tally as ChoiceTally, { ...blocks[i]!, options: aligned[i]! }),
      ]),
    ),
    test,
  };
}

function rankingOptions(question: StatsQuestion, tally: RankingTally): RankingStats['options'] {
  return question.options.map((option) => {
    const places = tally.places.get(valueKey(option.value)) ?? tally.places.get(option.value) ?? [];
    const ranked = places.reduce((sum, count) => sum + count, 0);
    const rankSum = places.reduce((sum, count, place) => sum + count * (place + 1), 0);
    const first = places[0] ?? 0;
    return {
      value: option.value,
      label: option.label,
      meanRank: ranked > 0 ? rankSum / ranked : null,
      first,
      firstPercent: percent(first, tally.answered),
      places: Array.from({ length: question.options.length }, (_, place) => places[place] ?? 0),
    };
  });
}
