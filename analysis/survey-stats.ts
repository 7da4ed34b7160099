import { Model } from 'survey-core';
import { AnalysisInputError } from './input-error';
import type { AnalysisConfig } from './analysis-config';
import { dayBoundary } from './day-boundary';
import { tallyFor } from './part-tallies';
import { questionStats, type QuestionStats } from './question-stats';
import { responseRate } from './response-rate';
import { statsQuestions, type StatsQuestion } from './stats-questions';
import { effectiveSize, isEmpty, valueKey, type Tally } from './tallies';
import { VisibilityOracle } from './visibility';

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
/** The day (YYYY-MM-DD) an instant falls on in Scotland. */
const londonDay = (iso: string) => LONDON_DAY.format(new Date(iso));

export type { QuestionStats } from './question-stats';

export interface StatsSurvey {
  slug: string;
  title: string;
  definition: Record<string, unknown>;
  distribution: { question: string; areas: Array<{ code: string; name: string; practices: number }> } | null;
  analysis: AnalysisConfig | null;
}

export interface StatsResponse {
  data: Record<string, unknown>;
  complete: boolean;
  submittedAt: string;
}

export interface StatsOptions {
  /** Question whose answers split every figure (e.g. role). */
  by?: string;
  /** question = value pairs; a response must match all of them. */
  where?: Array<[string, string]>;
  /** Submitted on or after this date (YYYY-MM-DD or ISO). */
  from?: string;
  /** Submitted on or before this date; a bare date includes the whole day. */
  to?: string;
  includePartial?: boolean;
  /**
   * Post-stratification weight of each response, from its answers (for weighting by LMC: practices in its
   * area over all practices, divided by responses from its area over all responses). Absent: unweighted.
   */
  weight?: { by: string; of: (data: Record<string, unknown>) => number };
  /** Random tables for a simulated Fisher's test; by default 2000, as R's fisher.test. */
  simulations?: number;
}

export interface AreaResponses {
  name: string;
  responses: number | null;
  practices: number;
  rate: number | null;
  suppressed?: true;
}

export interface SurveyStats {
  survey: string;
  title: string;
  generatedAt: string;
  filters: { where: Record<string, string>; from: string | null; to: string | null; includePartial: boolean };
  groupBy: {
    question: string;
    groups: Array<{ value: unknown; label: string; respondents: number | null; suppressed?: true }>;
  } | null;
  /**
   * Which disclosure rule was applied: `minimum-base` (the survey rule: a figure is withheld when the group it
   * describes has fewer respondents than the threshold) or `cell` (counts from 1 to threshold - 1 hidden).
   */
  suppression: { rule: 'minimum-base' | 'cell'; threshold: number } | null;
  /**
   * Set when figures are weighted: percentages, means and intervals are; counts are not. Kish's design effect
   * n Σw² / (Σw)² and the effective sample size n / design effect.
   */
  weighting: { by: string; designEffect: number; effectiveN: number } | null;
  responses: {
    total: number;
    complete: number;
    partial: number;
    /** Responses the question figures are computed from (complete ones unless partials were asked for). */
    analysed: number;
    practices: number | null;
    rate: number | null;
    /**
     * The days (YYYY-MM-DD, Scotland's time) the first and the last of the responses analysed were submitted, or null
     * for none: the fieldwork period, never a respondent's time of day.
     */
    firstAt: string | null;
    lastAt: string | null;
    /** The question whose answers `byLmc` counts (the survey's distribution question), or null. */
    areaQuestion: string | null;
    byLmc: Record<string, AreaResponses>;
  };
  questions: Record<string, QuestionStats>;
}

function dateBound(value: string | undefined, edge: 'start' | 'end', field: 'from' | 'to'): string | null {
  if (!value) return null;
  const date = dayBoundary(value, edge);
  if (!date) throw new AnalysisInputError(field, `"${value}" is not a date`);
  return date.toISOString();
}

/** Whether an answer matches a `where=` value (for a checkbox question, one of its values): the filters' one test. */
export function answerMatches(answer: unknown, value: string): boolean {
  return Array.isArray(answer)
    ? answer.map(String).includes(value)
    : answer !== undefined && answer !== null && String(answer) === value;
}

/**
 * A filter naming no question of the survey, or a split by no single-choice question (an old link, a renamed
 * question): checked before any response is read.
 */
export function misnamedQuestions(
  questions: ReadonlyArray<Pick<StatsQuestion, 'name' | 'kind'>>,
  options: Pick<StatsOptions, 'where' | 'by'>,
): AnalysisInputError[] {
  const byName = new Map(questions.map((question) => [question.name, question]));
  return [
    ...(options.where ?? [])
      .filter(([name]) => !byName.has(name))
      .map(([name]) => new AnalysisInputError('where', `"${name}" is not a question in this survey`)),
    ...(options.by && byName.get(options.by)?.kind !== 'choice'
      ? [new AnalysisInputError('by', `"${options.by}" is not a single-choice question in this survey`)]
      : []),
  ];
}

/**
 * Descriptive statistics for any SurveyJS survey, read in one pass over a stream of responses. Memory holds
 * one tally per question (and group), never the responses themselves.
 */
export async function computeSurveyStats(
  survey: StatsSurvey,
  responses: AsyncIterable<StatsResponse>,
  options: StatsOptions = {},
  now: Date = new Date(),
): Promise<SurveyStats> {
  const questions = statsQuestions(new Model(survey.definition), { nps: survey.analysis?.nps });
  const byName = new Map(questions.map((question) => [question.name, question]));
  const where = options.where ?? [];
  const [misnamed] = misnamedQuestions(questions, options);
  if (misnamed) throw misnamed;
  const byQuestion = options.by ? byName.get(options.by) : undefined;
  const from = dateBound(options.from, 'start', 'from');
  const to = dateBound(options.to, 'end', 'to');
  const oracle = new VisibilityOracle(
    survey.definition,
    questions.map((question) => question.shownWith ?? question.name),
  );
  const filtering = where.length > 0;

  const groupKeys = byQuestion ? byQuestion.options.map((option) => valueKey(option.value)) : [];
  const overall = questions.map(tallyFor);
  const grouped = new Map(
    groupKeys.map((key, index) => [key, { index: index + 1, respondents: 0, tallies: questions.map(tallyFor) }]),
  );
  const areaQuestion = survey.distribution?.question;
  // Keyed by the answer as given (no string made per response); put together by area code at the end.
  const areaCounts = new Map<unknown, { count: number }>();
  const counts = { total: 0, complete: 0, partial: 0, analysed: 0 };
  const span: { firstAt: string | null; lastAt: string | null } = { firstAt: null, lastAt: null };
  const PLAIN = new Set(['choice', 'multi', 'number', 'text']);
  const plainIndex = new Map(
    questions.flatMap((question, i) => (PLAIN.has(question.kind) ? [[question.name, i] as const] : [])),
  );
  const structured = questions.flatMap((question, i) => (PLAIN.has(question.kind) ? [] : [i]));
  // By visibility pattern and group (index 0: no group): respondents, to settle who was shown each plain question,
  // and the tally each shown plain question's answers go to, by question name, so that one lookup per answer
  // decides both whether the respondent was shown the question and where its answer goes.
  const patterns = new Map<readonly boolean[], { seen: number[]; routes: Array<Map<string, Tally> | undefined> }>();
  const routeFor = (shown: readonly boolean[], tallies: Tally[]) =>
    new Map([...plainIndex].filter(([, i]) => shown[i]).map(([name, i]) => [name, tallies[i]!]));
  const weights = { sum: 0, squares: 0 };

  for await (const batch of inBatches(responses)) {
    for (const response of batch) {
      if (from && response.submittedAt < from) continue;
      if (to && response.submittedAt > to) continue;
      if (filtering && !where.every(([name, value]) => answerMatches(response.data[name], value))) continue;
      counts.total += 1;
      if (response.complete) counts.complete += 1;
      else counts.partial += 1;
      if (!response.complete && !options.includePartial) continue;
      counts.analysed += 1;
      if (span.firstAt === null || response.submittedAt < span.firstAt) span.firstAt = response.submittedAt;
      if (span.lastAt === null || response.submittedAt > span.lastAt) span.lastAt = response.submittedAt;
      if (areaQuestion) {
        const area = valueKey(response.data[areaQuestion] ?? '');
        const seenInArea = areaCounts.get(area);
        if (seenInArea) seenInArea.count += 1;
        else areaCounts.set(area, { count: 1 });
      }
      const shown = oracle.shown(response.data);
      const weight = options.weight ? options.weight.of(response.data) : 1;
      weights.sum += weight;
      weights.squares += weight * weight;
      const group = byQuestion ? grouped.get(valueKey(response.data[byQuestion.name])) : undefined;
      if (group) group.respondents += 1;
      // Plain questions: only the answers this response holds are visited; who was shown each question is counted
      // once per visibility pattern and settled at the end. Questions made of parts take every response.
      // Split by a question, an answer goes to its group's tally only (or to the overall one when it has no group),
      // and the groups are merged into the overall figures at the end: each answer is counted once.
      const slot = group ? group.index : 0;
      let pattern = patterns.get(shown);
      if (!pattern) patterns.set(shown, (pattern = { seen: Array<number>(groupKeys.length + 1).fill(0), routes: [] }));
      pattern.seen[slot]! += 1;
      const route = (pattern.routes[slot] ??= routeFor(shown, group ? group.tallies : overall));
      const data = response.data;
      // The response's own keys, not every question's name: a key read inside for...in is V8's fast path.
      for (const name in data) {
        const tally = route.get(name);
        if (tally === undefined) continue;
        const value = data[name];
        if (isEmpty(value)) continue;
        tally.addShown(value, weight);
      }
      for (const i of structured) {
        const value = data[questions[i]!.name];
        overall[i]!.add(value, shown[i]!, weight);
        group?.tallies[i]!.add(value, shown[i]!, weight);
      }
    }
  }
  const ungrouped = counts.analysed - [...grouped.values()].reduce((sum, group) => sum + group.respondents, 0);
  for (const i of plainIndex.values()) {
    const shownTo = (group: number) =>
      [...patterns].reduce((sum, [shown, { seen }]) => sum + (shown[i] ? seen[group]! : 0), 0);
    const ungroupedShown = shownTo(0);
    overall[i]!.settle(ungroupedShown, ungrouped - ungroupedShown);
    for (const group of grouped.values()) {
      const groupShown = shownTo(group.index);
      group.tallies[i]!.settle(groupShown, group.respondents - groupShown);
      (overall[i] as Tally).merge(group.tallies[i] as Tally);
    }
  }

  const result: Record<string, QuestionStats> = {};
  const groupLabel = (key: unknown) =>
    String(byQuestion!.options.find((option) => valueKey(option.value) === key)!.value);
  questions.forEach((question, i) => {
    const groupTallies = byQuestion
      ? [...grouped.entries()].map(([key, group]) => ({
          key: groupLabel(key),
          respondents: group.respondents,
          tally: group.tallies[i]!,
        }))
      : null;
    const stats = questionStats(
      question,
      overall[i]!,
      groupTallies,
      counts.analysed,
      survey.analysis,
      options.simulations,
    );
    // The question the figures are split by is its own grouping: testing it against itself says nothing.
    result[question.name] = question === byQuestion && 'test' in stats ? { ...stats, test: null } : stats;
  });

  const whereAreas = areaQuestion ? where.filter(([name]) => name === areaQuestion).map(([, value]) => value) : [];
  const areas = (survey.distribution?.areas ?? []).filter(
    (area) => whereAreas.length === 0 || whereAreas.includes(area.code),
  );
  const practices = survey.distribution ? areas.reduce((sum, area) => sum + area.practices, 0) : null;
  const byAreaCode = new Map<string, number>();
  for (const [area, { count }] of areaCounts) byAreaCode.set(String(area), (byAreaCode.get(String(area)) ?? 0) + count);
  const byLmc = Object.fromEntries(
    areas.map((area) => {
      const count = byAreaCode.get(area.code) ?? 0;
      return [
        area.code,
        { name: area.name, responses: count, practices: area.practices, rate: responseRate(count, area.practices) },
      ];
    }),
  );

  return {
    survey: survey.slug,
    title: survey.title,
    generatedAt: now.toISOString(),
    filters: { where: Object.fromEntries(where), from, to, includePartial: Boolean(options.includePartial) },
    groupBy: byQuestion
      ? {
          question: byQuestion.name,
          groups: byQuestion.options.map((option) => ({
            value: option.value,
            label: option.label,
            respondents: grouped.get(valueKey(option.value))!.respondents,
          })),
        }
      : null,
    suppression: null,
    weighting: options.weight ? kishWeighting(options.weight.by, counts.analysed, weights.sum, weights.squares) : null,
    responses: {
      ...counts,
      firstAt: span.firstAt && londonDay(span.firstAt),
      lastAt: span.lastAt && londonDay(span.lastAt),
      practices,
      rate: practices === null ? null : responseRate(counts.analysed, practices),
      areaQuestion: areaQuestion ?? null,
      byLmc,
    },
    questions: result,
  };
}

/**
 * The stream in arrays of up to `size`, so that the long statistics function awaits once per batch rather than
 * once per response: resuming a function after an await restores all its live variables, and that one has many.
 * Memory holds one batch, as the store holds one page.
 */
async function* inBatches<T>(items: AsyncIterable<T>, size = 1000): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function kishWeighting(
  by: string,
  n: number,
  sum: number,
  squares: number,
): { by: string; designEffect: number; effectiveN: number } {
  const designEffect = sum > 0 ? (n * squares) / (sum * sum) : 1;
  return { by, designEffect, effectiveN: effectiveSize(sum, squares) };
}
