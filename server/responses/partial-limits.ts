import { PayloadTooLargeError, TooManyRequestsError } from '../errors';
import type { ResponseRepository } from '../store/repository';
import { partialLimitsOf, type SurveyRecord } from '../surveys/survey-record';
import type { Submission } from './response-schema';

const MINUTE_MS = 60_000;
/** Later than any submittedAt: counts every unfinished response. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
/** Past this many (address, survey) windows, expired ones are dropped, so a flood of addresses cannot grow memory. */
const MAX_WINDOWS = 10_000;

/**
 * Bounds what anonymous respondents can make us store before they finish. The rate of new unfinished responses
 * is limited per client address (and survey), so a flooder is stopped and nobody else is: the limit is generous
 * (120 a minute by default) because a health board's GPs share one NAT address. The number held per survey is
 * capped too, but a new one past the cap takes the place of the one saved longest ago (most likely abandoned)
 * rather than being refused. Neither costs a respondent answers: they stay on the device and go with the final
 * submission, and the survey page retries after Retry-After.
 */
/** Takes the answers of responses that are gone out of every other domain's copy (the coding's). */
export type ForgetAnswers = (slug: string, responseIds: ReadonlySet<string>) => Promise<void>;

export class PartialResponseGate {
  /** New partials per (client, survey) in the current minute, on this instance. */
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly responses: ResponseRepository,
    private readonly now: () => Date,
    private readonly forgetAnswers: ForgetAnswers,
  ) {}

  /** `client`: an opaque key for the sender (its address), used for counting only and never stored. */
  async admit(survey: SurveyRecord, submission: Submission, client: string): Promise<void> {
    const limits = partialLimitsOf(survey);
    const bytes = Buffer.byteLength(JSON.stringify(submission.data));
    if (bytes > limits.maxAnswerKb * 1024) {
      throw new PayloadTooLargeError({
        message: `Unfinished answers are kept up to ${limits.maxAnswerKb} KB; these are sent when the survey is completed`,
        details: [
          { field: 'data', message: `must be at most ${limits.maxAnswerKb} KB while the response is unfinished` },
        ],
      });
    }
    if (await this.responses.get(survey.slug, submission.id)) return;
    this.takeFromMinute(`${survey.slug}\u0000${client}`, limits.perMinute);
    await this.makeRoom(survey.slug, limits.total);
  }

  /** At the cap, the unfinished responses saved longest ago go (with any copy of their answers in the coding). */
  private async makeRoom(slug: string, total: number): Promise<void> {
    let held = await this.responses.countBefore(slug, END_OF_TIME, { partialOnly: true });
    const evicted = new Set<string>();
    while (held >= total) {
      const oldest = await this.responses.oldestPartial(slug);
      if (!oldest) break;
      if (await this.responses.removePartial(slug, oldest)) evicted.add(oldest);
      held -= 1;
    }
    if (evicted.size > 0) await this.forgetAnswers(slug, evicted);
  }

  private takeFromMinute(key: string, perMinute: number): void {
    const at = this.now().getTime();
    if (this.windows.size > MAX_WINDOWS) {
      for (const [other, window] of this.windows) if (at - window.start >= MINUTE_MS) this.windows.delete(other);
    }
    const window = this.windows.get(key);
    if (!window || at - window.start >= MINUTE_MS) {
      this.windows.set(key, { start: at, count: 1 });
      return;
    }
    if (window.count >= perMinute) {
      throw new TooManyRequestsError({
        message:
          'Too many new unfinished responses from your network just now; your answers will be sent when you complete the survey',
        retryAfter: Math.max(1, Math.ceil((window.start + MINUTE_MS - at) / 1000)),
      });
    }
    window.count += 1;
  }
}
