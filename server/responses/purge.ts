import { dayBoundary } from '../../analysis/day-boundary';
import { ValidationError } from '../errors';
import type { Store } from '../store/repository';
import type { SurveyService } from '../surveys/survey-service';

/** The cut-off as an ISO time; a bare date means the start of that day (UTC). */
export function purgeCutoff(before: string): string {
  const date = dayBoundary(before, 'start');
  if (!date) {
    throw new ValidationError({ message: `--before "${before}" is not a date`, details: [{ field: 'before', message: 'must be a date (YYYY-MM-DD)' }] });
  }
  return date.toISOString();
}

/**
 * Responses of a survey last saved before the cut-off: counted first so that a person can confirm, then
 * deleted. Coding of free text, when there is any, is kept with the responses and goes with them.
 */
export class PurgeService {
  constructor(
    private readonly store: Store,
    private readonly surveys: SurveyService,
  ) {}

  async count(slug: string, before: string): Promise<number> {
    await this.surveys.get(slug);
    return this.store.responses.countBefore(slug, purgeCutoff(before));
  }

  async purge(slug: string, before: string): Promise<number> {
    await this.surveys.get(slug);
    return this.store.responses.deleteBefore(slug, purgeCutoff(before));
  }
}
