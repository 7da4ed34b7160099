import { computeSurveyStats, StatsInputError, type StatsOptions, type SurveyStats } from '../../analysis/survey-stats';
import { DEFAULT_MINIMUM_BASE } from '../../analysis/analysis-config';
import { suppressSmallNumbers, withholdSmallGroups } from '../../analysis/suppression';
import { ValidationError } from '../errors';
import type { Store } from '../store/repository';
import type { SurveyService } from '../surveys/survey-service';

export interface StatsRequest extends StatsOptions {
  /** The cell rule: hide counts below this; null or absent for staff analysis. */
  suppressBelow?: number | null;
  /** The survey's publication rule: withhold groups below its minimum base (analysis settings; default 10). */
  publish?: boolean;
}

export class StatsService {
  constructor(
    private readonly store: Store,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async compute(slug: string, request: StatsRequest = {}): Promise<SurveyStats> {
    const { record } = await this.surveys.get(slug);
    const { suppressBelow, publish, ...options } = request;
    let stats: SurveyStats;
    try {
      stats = await computeSurveyStats(record, this.store.responses.stream(slug, { includePartial: true }), options, this.now());
    } catch (error) {
      if (!(error instanceof StatsInputError)) throw error;
      const field = error.message.startsWith('--') ? error.message.slice(2, error.message.indexOf(':')) : 'filters';
      throw new ValidationError({ message: error.message, details: [{ field, message: error.message }] });
    }
    if (publish) return withholdSmallGroups(stats, record.analysis?.minimumBase ?? DEFAULT_MINIMUM_BASE);
    return suppressBelow ? suppressSmallNumbers(stats, suppressBelow) : stats;
  }
}
