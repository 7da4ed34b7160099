import type { EntriesStats, RankingStats } from './question-stats';
import type { ScaleFigures } from './scales';
import type { AreaResponses, SurveyStats } from './survey-stats';
import type { NumberBlock, OptionCell, TextBlock } from './tallies';
import type { TestResult } from './test-result';

/**
 * The statistics as they leave the analysis: either as computed, or after disclosure control, which withholds
 * measures (they are then absent) and marks what it withheld `suppressed`. Every reader (the statistics page,
 * the CSV tables, the report) takes this shape, so a figure that may be withheld cannot be read as if it were
 * always there, and a misspelt field is a compile error.
 */
export type Withheld<T> = { [K in keyof T]?: T[K] } & { suppressed?: true };

interface Titled {
  type: string;
  title: string;
}

type Counts = Withheld<{ answered: number; skipped: number; notShown: number }>;

export type PublishedChoiceBlock = Counts & Withheld<Partial<ScaleFigures>> & { options: OptionCell[] };
export type PublishedNumberBlock = Withheld<Omit<NumberBlock, 'histogram' | 'bands' | 'suppressed'>> &
  Pick<NumberBlock, 'histogram' | 'bands'>;
export type PublishedTextBlock = Withheld<TextBlock>;

export type PublishedChoiceStats = Titled & {
  kind: 'choice' | 'multi';
  test: TestResult | null;
  groups?: Record<string, PublishedChoiceBlock>;
} & PublishedChoiceBlock;
export type PublishedNumberStats = Titled & {
  kind: 'number';
  quartileMethod: string;
  test: TestResult | null;
  groups?: Record<string, PublishedNumberBlock>;
} & PublishedNumberBlock;
export type PublishedTextStats = Titled & {
  kind: 'text';
  groups?: Record<string, PublishedTextBlock>;
} & PublishedTextBlock;
export type PublishedMatrixStats = Titled & {
  kind: 'matrix';
  rows: Array<{ value: string; label: string } & PublishedChoiceStats>;
} & Counts;
export type PublishedItemsStats = Titled & { kind: 'items'; items: Record<string, PublishedQuestionStats> } & Counts;
export type PublishedEntriesStats = Titled & {
  kind: 'entries';
  entries?: EntriesStats['entries'];
  items: Record<string, PublishedQuestionStats>;
} & Counts;
export type PublishedRankingOption = Pick<RankingStats['options'][number], 'value' | 'label'> &
  Withheld<Omit<RankingStats['options'][number], 'value' | 'label'>>;
export type PublishedRankingStats = Titled & { kind: 'ranking'; options: PublishedRankingOption[] } & Counts;
export type PublishedUnsupportedStats = Titled & { kind: 'unsupported'; note: string } & Counts;

export type PublishedQuestionStats =
  | PublishedChoiceStats
  | PublishedNumberStats
  | PublishedTextStats
  | PublishedMatrixStats
  | PublishedItemsStats
  | PublishedEntriesStats
  | PublishedRankingStats
  | PublishedUnsupportedStats;

export type PublishedArea = Pick<AreaResponses, 'name' | 'practices'> &
  Withheld<Omit<AreaResponses, 'name' | 'practices'>>;
export type PublishedGroup = { value: unknown; label: string } & Withheld<{ respondents: number | null }>;

export type PublishedStats = Omit<SurveyStats, 'questions' | 'responses' | 'groupBy'> & {
  groupBy: { question: string; groups: PublishedGroup[] } | null;
  responses: Omit<SurveyStats['responses'], 'byLmc'> & { byLmc: Record<string, PublishedArea> };
  questions: Record<string, PublishedQuestionStats>;
};

/** The overall block (group null), then one per group by its key, for the kinds read block by block. */
export function blocksOf(question: PublishedChoiceStats): Array<[string | null, PublishedChoiceBlock]>;
export function blocksOf(question: PublishedNumberStats): Array<[string | null, PublishedNumberBlock]>;
export function blocksOf(question: PublishedTextStats): Array<[string | null, PublishedTextBlock]>;
export function blocksOf(
  question: PublishedChoiceStats | PublishedNumberStats | PublishedTextStats,
): Array<[string | null, unknown]> {
  return [[null, question], ...Object.entries<unknown>(question.groups ?? {})];
}

/**
 * Under a disclosure rule, the threshold when the selection itself (the whole survey, or what its filters leave) is
 * a group below it: fewer than that many completed it (a rule's figures are of complete responses), so a selection
 * of some partial responses and none complete is below it too. A selection of no response at all is a group of
 * nobody, which discloses nothing. The one test of the statistics page, its API and CLI and the report.
 */
export function selectionBelowThreshold(stats: Pick<PublishedStats, 'suppression' | 'responses'>): number | null {
  const threshold = stats.suppression?.threshold;
  const { total, complete } = stats.responses;
  return threshold !== undefined && total > 0 && complete < threshold ? threshold : null;
}
