import type { PublishedStats } from '../../analysis/published-stats';
import { Model } from 'survey-core';
import { misnamedQuestions, type StatsOptions, type SurveyStats } from '../../analysis/survey-stats';
import { statsQuestions } from '../../analysis/stats-questions';
import { minimumBaseOf } from '../../analysis/analysis-config';
import { suppressSmallNumbers, withholdSmallGroups } from '../../analysis/suppression';
import { ValidationError, validationFrom, type FieldIssue } from '../errors';
import type { ResponseRecord } from '../kernel/response-records';
import type { ResponseService } from '../responses/response-service';
import type { SurveyRecord } from '../surveys/survey-record';
import type { SurveyService } from '../surveys/survey-service';
import { statsInThread, type StatsRunner } from './stats-runner';
import { differencingRefusal, publishRefused, unpublishableFilters } from './publish-rule';
import { completeByArea, ratesOfComplete } from './response-rates';
import { withholdSmallSelection, type StaffStats } from './small-selection';

/** A staff query (the API, the statistics page, the command line and its CSV), as the query string gives it. */
export interface StatsRequest extends Omit<StatsOptions, 'weight'> {
  /** The cell rule: hide counts below this; null or absent for staff analysis. */
  suppressBelow?: number | null;
  /** The survey's publication rule: withhold groups below its minimum base (analysis settings; default 10). */
  publish?: boolean;
  /** Weight responses to the population of practices by distribution area ('lmc' for the CQL/PQL survey). */
  weightBy?: string | null;
}

/**
 * How figures are protected before anyone sees them: the survey's publication rule (groups below its minimum
 * base withheld), the cell rule (counts below a threshold hidden), or none (staff analysis, comparisons).
 */
export type Disclosure = { rule: 'publish' } | { rule: 'cell'; threshold: number } | { rule: 'none' };

/** Sees each response as the statistics read it, in this thread (also when the statistics run in a worker). */
export type ResponseObserver = (response: ResponseRecord) => void;

/** One statistics computation, whoever asks: the report, a staff query or a comparison of waves. */
export interface StatsComputation extends Omit<StatsOptions, 'weight'> {
  disclosure: Disclosure;
  weightBy?: string | null;
  /**
   * Sees every response of the first (unweighted) pass, so that a caller gathers what it needs from the same
   * single read of the store (the report's quote candidates) instead of reading it again.
   */
  observe?: ResponseObserver;
  /**
   * What a refused option's error says first: by default that the statistics cannot be worked out with those
   * options; a comparison of waves gives the survey's name, so its error says which wave and why (the field's own
   * message after it).
   */
  refusedAs?: { prefix: string };
}

/** The disclosure rule a staff query asks for: publish wins over the cell rule; neither, none. */
export function disclosureOf(request: Pick<StatsRequest, 'publish' | 'suppressBelow'>): Disclosure {
  if (request.publish) return { rule: 'publish' };
  return request.suppressBelow ? { rule: 'cell', threshold: request.suppressBelow } : { rule: 'none' };
}

/**
 * The one place statistics are worked out: the report, the statistics page and API, the CSV tables and the
 * comparison of waves all come here, so that a figure is the same wherever it is shown.
 */
export class StatsService {
  constructor(
    private readonly responses: ResponseService,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
    /** Where the work is done: in this thread (the command line) or a worker thread (the server). */
    private readonly run: StatsRunner = statsInThread,
  ) {}

  /**
   * A staff query; in publish mode, one whose figures could be subtracted from another's is refused (400). With no
   * disclosure rule nothing is withheld, the selection's counts included.
   */
  compute(slug: string, request?: StatsRequest & { publish?: false; suppressBelow?: null }): Promise<PublishedStats>;
  compute(slug: string, request?: StatsRequest): Promise<StaffStats>;
  async compute(slug: string, request: StatsRequest = {}): Promise<StaffStats> {
    const outcome = await this.computeOrRefuse(slug, request);
    if (outcome.refused && outcome.misnamed)
      throw new ValidationError({
        message: 'The statistics cannot be worked out with those options',
        details: outcome.refused,
      });
    if (outcome.refused) throw publishRefused(outcome.refused);
    return outcome.stats;
  }

  /**
   * A staff query, or why the publication rule refuses it (checked first, so nothing is worked out then): the
   * statistics page shows the refusal beside its form rather than as an error page.
   */
  async computeOrRefuse(
    slug: string,
    request: StatsRequest = {},
  ): Promise<{ stats: StaffStats; refused?: undefined } | { refused: FieldIssue[]; misnamed?: true }> {
    const { record } = await this.surveys.get(slug);
    const { suppressBelow, publish, ...options } = request;
    // A question the survey does not have (an old link): said before any rule is tried on it.
    const misnamed = [
      ...misnamedQuestions(statsQuestions(new Model(record.definition), { nps: record.analysis?.nps }), options).map(
        ({ field, message }) => ({ field, message }),
      ),
      ...(options.weightBy ? [weightingIssue(record, options.weightBy)].filter((issue) => issue !== null) : []),
    ];
    if (misnamed.length > 0) return { refused: misnamed, misnamed: true };
    if (publish) {
      const unpublishable = unpublishableFilters(options);
      if (unpublishable.length > 0) return { refused: unpublishable };
      const differencing = await differencingRefusal(
        this.responses.stream(slug, { includePartial: true }),
        options.where ?? [],
        options.by ?? undefined,
        minimumBaseOf(record),
      );
      if (differencing) return { refused: [differencing] };
    }
    const stats = await this.computeFor(record, { ...options, disclosure: disclosureOf({ publish, suppressBelow }) });
    return { stats: withholdSmallSelection(stats) };
  }

  /**
   * One computation for a survey: a pass over its responses (watched by `observe` on the way), a second pass
   * with post-stratification weights when asked (they need each area's analysed responses from the first), and
   * the disclosure rule applied to the result.
   */
  async computeFor(
    record: SurveyRecord,
    { disclosure, weightBy, observe, refusedAs, ...options }: StatsComputation,
  ): Promise<PublishedStats> {
    const stream = () => this.responses.stream(record.slug, { includePartial: true });
    // With partial responses analysed, the areas' counts include them; their rates are of complete ones.
    const areas =
      options.includePartial && record.distribution ? completeByArea(record.distribution.question, options) : null;
    const watch = areas ? both(areas.observe, observe) : observe;
    let stats = await asValidation(this.run(record, observed(stream(), watch), options, this.now()), refusedAs);
    if (weightBy) {
      stats = await asValidation(
        this.run(record, stream(), { ...options, weight: areaWeightTable(record, stats, weightBy) }, this.now()),
        refusedAs,
      );
    }
    stats = ratesOfComplete(stats, areas?.counts);
    if (disclosure.rule === 'publish') return withholdSmallGroups(stats, minimumBaseOf(record));
    return disclosure.rule === 'cell' ? suppressSmallNumbers(stats, disclosure.threshold) : stats;
  }
}

const both =
  (first: ResponseObserver, second: ResponseObserver | undefined): ResponseObserver =>
  (response) => {
    first(response);
    second?.(response);
  };

/**
 * The responses passed on unchanged, each shown to the observer first. The runner pulls them from this thread,
 * in batches when it works in a worker, so the observer sees them as they are handed over: one read of the
 * store, and no more than a batch of responses held (an observer keeps only what it needs: the report at most
 * 200 answers per question, the comparison value counts).
 */
function observed(
  responses: AsyncIterable<ResponseRecord>,
  observe: ResponseObserver | undefined,
): AsyncIterable<ResponseRecord> {
  if (!observe) return responses;
  return (async function* () {
    for await (const response of responses) {
      observe(response);
      yield response;
    }
  })();
}

/**
 * Each response weighted by (practices in its area / all practices) / (responses from its area / all
 * responses), so national figures represent practices rather than the areas that answered most. Responses
 * with no area, or from an area with no practices, keep weight 1.
 */
export function areaWeightTable(
  record: { distribution: { question: string; areas: Array<{ code: string; practices: number }> } | null },
  stats: SurveyStats,
  by: string,
) {
  const distribution = record.distribution;
  const issue = weightingIssue(record, by);
  if (!distribution || issue)
    throw new ValidationError({ message: 'The statistics cannot be weighted that way', details: [issue!] });
  const practices = distribution.areas.reduce((sum, area) => sum + area.practices, 0);
  const analysed = stats.responses.analysed;
  const table = Object.fromEntries(
    distribution.areas.map((area) => {
      const responses = stats.responses.byLmc[area.code]?.responses ?? 0;
      return [area.code, responses > 0 && practices > 0 ? area.practices / practices / (responses / analysed) : 1];
    }),
  );
  return { by, table };
}

/** Responses are weighted by their distribution area only. */
function weightingIssue(record: { distribution: { question: string } | null }, by: string): FieldIssue | null {
  const distribution = record.distribution;
  return distribution?.question === by
    ? null
    : {
        field: 'weight',
        message: `"${by}" is not this survey's distribution question${distribution ? ` (${distribution.question})` : ''}`,
      };
}

async function asValidation<T>(work: Promise<T>, refusedAs?: { prefix: string }): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw validationFrom(error, (input) =>
      refusedAs ? `${refusedAs.prefix}: ${input.message}` : 'The statistics cannot be worked out with those options',
    );
  }
}
