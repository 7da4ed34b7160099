import { dayBoundary } from '../../analysis/day-boundary';
import { ValidationError } from '../errors';
import type { CodingService } from '../coding/coding-service';
import type { ResponseService } from '../responses/response-service';
import type { Store, WhichResponses } from '../store/repository';
import { partialLimitsOf } from '../surveys/survey-record';
import type { SurveyService } from '../surveys/survey-service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The cut-off as an ISO time; a bare date means the start of that day (UTC). */
function purgeCutoff(before: string): string {
  const date = dayBoundary(before, 'start');
  if (!date) {
    throw new ValidationError({
      message: `--before "${before}" is not a date`,
      details: [{ field: 'before', message: 'must be a date (YYYY-MM-DD)' }],
    });
  }
  return date.toISOString();
}

/** Where a store of this kind still holds deleted text after a purge that could not clear it, and what to do. */
const copiesLeftIn = (kind: Store['kind']) =>
  kind === 'mongodb'
    ? 'MongoDB keeps deleted text in its data files until the space is reused, and in its journal and oplog until they roll over: see docs/security.md, "Purge".'
    : 'The database is in use by another process, so its write-ahead log still holds the deleted text: run the purge again with the server stopped.';

/**
 * Responses of a survey last saved before the cut-off: counted first so that a person can confirm, then
 * deleted, and with them every copy of their answers in the coding (current state and the audit trail's
 * earlier states). The coding is cleaned first: if the purge is interrupted, running it again finishes it,
 * and no answer outlives its response. It sits above both domains and asks each to do its part.
 */
export class PurgeService {
  constructor(
    private readonly responses: ResponseService,
    private readonly coding: CodingService,
    private readonly surveys: SurveyService,
    /** The store's kind and how it leaves no copy of deleted data in its own files (Store.reclaim). */
    private readonly files: Pick<Store, 'kind' | 'reclaim'>,
  ) {}

  async count(slug: string, before: string): Promise<number> {
    await this.surveys.get(slug);
    return this.responses.countSavedBefore(slug, purgeCutoff(before));
  }

  /**
   * Deletes, then has the store leave no copy in its files; when it could not (see Store.reclaim), `copiesLeft`
   * says, for a person, where the deleted text still is and what to do.
   */
  async purge(slug: string, before: string): Promise<{ deleted: number; copiesLeft: string | null }> {
    await this.surveys.get(slug);
    const deleted = await this.deleteSavedBefore(slug, purgeCutoff(before), {});
    const { complete } = await this.files.reclaim();
    return { deleted, copiesLeft: complete ? null : copiesLeftIn(this.files.kind) };
  }

  /**
   * Deletes every survey's unfinished responses last saved longer ago than the survey keeps them (its
   * distribution's `partials.keepDays`, 30 days unless set), coding copies included. Returns how many.
   */
  async removeStalePartials(now: Date): Promise<number> {
    let removed = 0;
    for (const { record: survey } of await this.surveys.listWithStatus()) {
      const cutoff = new Date(now.getTime() - partialLimitsOf(survey).keepDays * DAY_MS).toISOString();
      if ((await this.responses.countSavedBefore(survey.slug, cutoff, { partialOnly: true })) === 0) continue;
      removed += await this.deleteSavedBefore(survey.slug, cutoff, { partialOnly: true });
    }
    return removed;
  }

  private async deleteSavedBefore(slug: string, cutoff: string, which: WhichResponses): Promise<number> {
    const ids = await this.responses.idsSavedBefore(slug, cutoff, which);
    if (ids.size > 0) await this.coding.forgetResponses(slug, ids);
    return this.responses.deleteSavedBefore(slug, cutoff, which);
  }
}
