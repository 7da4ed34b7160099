import { PayloadTooLargeError, TooManyRequestsError } from '../errors';
import type { Store } from '../store/repository';
import { partialLimitsOf, type SurveyRecord } from '../surveys/survey-record';
import type { Submission } from './response-schema';

const MINUTE_MS = 60_000;
/** Later than any submittedAt: counts every unfinished response. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';


/**
 * Bounds what anonymous respondents can make us store before they finish, per survey rather than per address:
 * a health board's GPs share one NAT address, and a cap per address would stop them, not a script. Finished
 * responses are never refused here (they are what the survey is for); a refused partial save costs the
 * respondent nothing, since their answers stay on their device and go with the final submission.
 */
export class PartialResponseGate {
  /** New partials per survey in the current minute, on this instance. */
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async admit(survey: SurveyRecord, submission: Submission): Promise<void> {
    const limits = partialLimitsOf(survey);
    const bytes = Buffer.byteLength(JSON.stringify(submission.data));
    if (bytes > limits.maxAnswerKb * 1024) {
      throw new PayloadTooLargeError({
        message: `Unfinished answers are kept up to ${limits.maxAnswerKb} KB; these are sent when the survey is completed`,
        details: [{ field: 'data', message: `must be at most ${limits.maxAnswerKb} KB while the response is unfinished` }],
      });
    }
    if (await this.store.responses.get(survey.slug, submission.id)) return;
    const held = await this.store.responses.countBefore(survey.slug, END_OF_TIME, { partialOnly: true });
    if (held >= limits.total) {
      throw new TooManyRequestsError({
        message: 'This survey is holding as many unfinished responses as it keeps; your answers will be sent when you complete it',
        retryAfter: 3600,
      });
    }
    this.takeFromMinute(survey.slug, limits.perMinute);
  }

  private takeFromMinute(slug: string, perMinute: number): void {
    const at = this.now().getTime();
    const window = this.windows.get(slug);
    if (!window || at - window.start >= MINUTE_MS) {
      this.windows.set(slug, { start: at, count: 1 });
      return;
    }
    if (window.count >= perMinute) {
      throw new TooManyRequestsError({
        message: 'Too many new unfinished responses to this survey just now; your answers will be sent when you complete it',
        retryAfter: Math.max(1, Math.ceil((window.start + MINUTE_MS - at) / 1000)),
      });
    }
    window.count += 1;
  }
}
