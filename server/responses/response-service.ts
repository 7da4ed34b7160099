import { ResponseConflictError, ValidationError } from '../errors';
import type { Store } from '../store/repository';
import type { SurveyService } from '../surveys/survey-service';
import { PartialResponseGate } from './partial-limits';
import type { Submission } from './response-schema';

export type SubmitOutcome = 'created' | 'updated' | 'unchanged';

export interface SubmitOptions {
  /** Staff imports of responses collected elsewhere are accepted whatever the survey's dates. */
  acceptWhenClosed?: boolean;
  /** Kept from an import when it is a valid date; otherwise now. */
  submittedAt?: string;
  /** Who is sending, for rate limits only (the client's address): counted in memory, never stored. */
  client?: string;
}

export class ResponseService {
  private readonly partials: PartialResponseGate;

  constructor(
    private readonly store: Store,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.partials = new PartialResponseGate(store, now);
  }

  /**
   * Checks answers against the survey exactly as the browser does, then stores them idempotently.
   * Nothing about the respondent's connection (IP address, user agent) is stored; the address is passed in
   * only to count new unfinished responses per sender.
   */
  async submit(slug: string, submission: Submission, options: SubmitOptions = {}): Promise<SubmitOutcome> {
    const survey = options.acceptWhenClosed
      ? await this.surveys.get(slug)
      : await this.surveys.getAcceptingResponses(slug);
    const issues = survey.compiled.check(submission.data, submission.complete);
    if (issues.length > 0) {
      throw new ValidationError({ message: 'The answers are not valid for this survey', details: issues });
    }
    // Staff imports are trusted; the public's unfinished responses are bounded.
    if (!submission.complete && !options.acceptWhenClosed)
      await this.partials.admit(survey.record, submission, options.client ?? 'unknown');
    const outcome = await this.store.responses.save({
      surveySlug: slug,
      id: submission.id,
      data: submission.data,
      complete: submission.complete,
      submittedAt: validDate(options.submittedAt) ?? this.now().toISOString(),
    });
    if (outcome === 'conflict') {
      throw new ResponseConflictError({
        message: `Response "${submission.id}" was already completed with different answers`,
        details: [{ field: 'id', message: 'a completed response cannot be changed' }],
      });
    }
    return outcome;
  }
}

function validDate(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
