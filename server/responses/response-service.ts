import { ResponseConflictError, ValidationError } from '../errors';
import type { ResponseRecord } from '../kernel/response-records';
import type { AreaCount, ResponseQuery, ResponseRepository, WhichResponses } from '../store/repository';
import type { SurveyService } from '../surveys/survey-service';
import { PartialResponseGate, type ForgetAnswers } from './partial-limits';
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

/** The responses domain: it alone keeps responses; other domains read them through it. */
export class ResponseService {
  private readonly partials: PartialResponseGate;

  constructor(
    private readonly responses: ResponseRepository,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
    /** Called when unfinished responses make room for new ones, so no copy of their answers outlives them. */
    forgetAnswers: ForgetAnswers = async () => {},
  ) {
    this.partials = new PartialResponseGate(responses, now, forgetAnswers);
  }

  /** A survey's responses, complete ones only unless asked, in a stable order, without loading them all at once. */
  stream(slug: string, query?: ResponseQuery): AsyncIterable<ResponseRecord> {
    return this.responses.stream(slug, query);
  }

  get(slug: string, id: string): Promise<ResponseRecord | null> {
    return this.responses.get(slug, id);
  }

  /** Complete and unfinished responses by their answer to one question (the distribution question's areas). */
  countByAnswer(slug: string, question: string): Promise<AreaCount[]> {
    return this.responses.countByAnswer(slug, question);
  }

  /** How many responses (or only unfinished ones) were last saved before an ISO time. */
  countSavedBefore(slug: string, cutoff: string, which: WhichResponses = {}): Promise<number> {
    return this.responses.countBefore(slug, cutoff, which);
  }

  /** The ids of the responses (or only unfinished ones) last saved before an ISO time. */
  async idsSavedBefore(slug: string, cutoff: string, which: WhichResponses = {}): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const response of this.responses.stream(slug, { includePartial: true })) {
      if (response.submittedAt < cutoff && !(which.partialOnly && response.complete)) ids.add(response.id);
    }
    return ids;
  }

  /** Deletes the responses (or only unfinished ones) last saved before an ISO time; returns how many. */
  deleteSavedBefore(slug: string, cutoff: string, which: WhichResponses = {}): Promise<number> {
    return this.responses.deleteBefore(slug, cutoff, which);
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
    const outcome = await this.responses.save({
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
