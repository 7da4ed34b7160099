import { dayBoundary } from '../../analysis/day-boundary';
import { responseRate } from '../../analysis/response-rate';
import { answerMatches, type SurveyStats } from '../../analysis/survey-stats';
import { valueKey } from '../../analysis/tallies';
import type { ResponseRecord } from '../kernel/response-records';

interface Selection {
  where?: Array<[string, string]>;
  from?: string;
  to?: string;
}

/**
 * Complete responses by area among those a query selects (its filters read as the statistics read them), seen as
 * the statistics read the store: with partial responses included, the statistics count them by area too, and a
 * response rate is of complete responses only.
 */
export function completeByArea(areaQuestion: string, { where = [], from, to }: Selection) {
  const start = from ? dayBoundary(from, 'start')?.toISOString() : undefined;
  const end = to ? dayBoundary(to, 'end')?.toISOString() : undefined;
  const counts = new Map<string, number>();
  const observe = (response: ResponseRecord) => {
    if (!response.complete) return;
    if ((start && response.submittedAt < start) || (end && response.submittedAt > end)) return;
    if (!where.every(([name, value]) => answerMatches(response.data[name], value))) return;
    const area = String(valueKey(response.data[areaQuestion] ?? ''));
    counts.set(area, (counts.get(area) ?? 0) + 1);
  };
  return { observe, counts };
}

/**
 * Response rates as the distribution page gives them, complete responses as a percentage of practices, whatever
 * was analysed: overall from the complete responses selected, and by area from `completeInArea` when partial
 * responses were analysed (otherwise the areas' counts are of complete responses already).
 */
export function ratesOfComplete(stats: SurveyStats, completeInArea?: Map<string, number>): SurveyStats {
  const { responses } = stats;
  const byLmc = completeInArea
    ? Object.fromEntries(
        Object.entries(responses.byLmc).map(([code, area]) => {
          const complete = completeInArea.get(code) ?? 0;
          return [code, { ...area, responses: complete, rate: responseRate(complete, area.practices) }];
        }),
      )
    : responses.byLmc;
  const rate = responses.practices === null ? null : responseRate(responses.complete, responses.practices);
  return { ...stats, responses: { ...responses, rate, byLmc } };
}
