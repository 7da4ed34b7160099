import type { PublishedStats } from '../../analysis/published-stats';
import type { StatsOptions, SurveyStats } from '../../analysis/survey-stats';
import { DEFAULT_MINIMUM_BASE } from '../../analysis/analysis-config';
import { suppressSmallNumbers, withholdSmallGroups } from '../../analysis/suppression';
import { ValidationError, validationFrom } from '../errors';
import type { ResponseService } from '../responses/response-service';
import type { SurveyService } from '../surveys/survey-service';
import { statsInThread, type StatsRunner } from './stats-runner';
import { checkDifferencing, refuseUnpublishableFilters } from './publish-rule';

export interface StatsRequest extends Omit<StatsOptions, 'weight'> {
  /** The cell rule: hide counts below this; null or absent for staff analysis. */
  suppressBelow?: number | null;
  /** The survey's publication rule: withhold groups below its minimum base (analysis settings; default 10). */
  publish?: boolean;
  /** Weight responses to the population of practices by distribution area ('lmc' for the CQL/PQL survey). */
  weightBy?: string | null;
}

export class StatsService {
  constructor(
    private readonly responses: ResponseService,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
    /** Where the work is done: in this thread (the command line) or a worker thread (the server). */
    private readonly run: StatsRunner = statsInThread,
  ) {}

  async compute(slug: string, request: StatsRequest = {}): Promise<PublishedStats> {
    const { record } = await this.surveys.get(slug);
    const { suppressBelow, publish, weightBy, ...options } = request;
    const stream = () => this.responses.stream(slug, { includePartial: true });
    const minimumBase = record.analysis?.minimumBase ?? DEFAULT_MINIMUM_BASE;
    if (publish) {
      refuseUnpublishableFilters(options);
      await checkDifferencing(stream(), options.where ?? [], options.by ?? undefined, minimumBase);
    }
    let stats = await asValidation(this.run(record, stream(), options, this.now()));
    if (weightBy) {
      // Post-stratification needs each area's analysed responses first: the unweighted pass gives them.
      stats = await asValidation(
        this.run(record, stream(), { ...options, weight: areaWeightTable(record, stats, weightBy) }, this.now()),
      );
    }
    if (publish) return withholdSmallGroups(stats, minimumBase);
    return suppressBelow ? suppressSmallNumbers(stats, suppressBelow) : stats;
  }
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
  if (!distribution || distribution.question !== by) {
    throw new ValidationError({
      message: 'The statistics cannot be weighted that way',
      details: [
        {
          field: 'weight',
          message: `"${by}" is not this survey's distribution question${distribution ? ` (${distribution.question})` : ''}`,
        },
      ],
    });
  }
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

/** The same weights as a function of a response's answers, for computeSurveyStats in this thread. */
export function areaWeights(...args: Parameters<typeof areaWeightTable>) {
  const { by, table } = areaWeightTable(...args);
  return { by, of: (data: Record<string, unknown>) => table[String(data[by])] ?? 1 };
}

async function asValidation<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw validationFrom(error, 'The statistics cannot be worked out with those options');
  }
}
