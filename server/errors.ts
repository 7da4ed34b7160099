import type { z } from 'zod';
import { AnalysisInputError } from '../analysis/input-error';

export interface FieldIssue {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  message: string;
  details?: FieldIssue[];
  cause?: unknown;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** The heading of the error page, when the one of the error's class would not fit this case. */
  title?: string;
  /** Where a person goes on from here (a page that can put it right), shown on the error page. */
  next?: { href: string; label: string };
}

/** How zod's issue paths become fields (by default: the path joined with dots, answers under their question's name). */
interface FieldNaming {
  /** The field every path sits under, such as the file the input came from. */
  under?: string;
  /** One field for every issue, whatever its path (a question's value is reported under the question). */
  field?: string;
}

/**
 * An error the application expects and words for the person who caused it. Its class gives the HTTP status and the
 * heading of the error page; the error handler and the command line show every one of them the same way.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** The heading of the page that shows an error of this class. */
  abstract readonly heading: string;
  readonly details?: FieldIssue[];
  readonly retryAfter?: number;
  readonly next?: { href: string; label: string };
  private readonly ownTitle?: string;

  constructor({ message, details, cause, retryAfter, title, next }: AppErrorOptions) {
    super(message, { cause });
    this.name = new.target.name;
    this.details = details;
    this.retryAfter = retryAfter;
    this.ownTitle = title;
    this.next = next;
  }

  /** The heading of this error's page. */
  get title(): string {
    return this.ownTitle ?? this.heading;
  }
}

/** The class of AppErrors with one status and one page heading (also read from the class, for errors from Express). */
function errorKind(status: number, heading: string) {
  return class extends AppError {
    static readonly heading = heading;
    readonly status = status;
    readonly heading = heading;
  };
}

/**
 * Answers sit under `data` in a submission but are reported by question name, as respondents and
 * staff know them (`hours_per_week`, not `data.hours_per_week`).
 */
function fieldName(path: PropertyKey[]): string {
  const parts = path.length > 1 && path[0] === 'data' ? path.slice(1) : path;
  return parts.map(String).join('.') || 'body';
}

export class ValidationError extends errorKind(400, 'Something in that request was not right') {
  /** Every zod issue as `{ field, message }`: the one place zod's issues are worded for people. */
  static fieldIssues(error: z.ZodError, { under, field }: FieldNaming = {}): FieldIssue[] {
    return error.issues.map((issue) => ({
      field: field ?? fieldName(under === undefined ? issue.path : [under, ...issue.path]),
      message: issue.message,
    }));
  }

  static fromZod(error: z.ZodError, message = 'The request is not valid', naming: FieldNaming = {}): ValidationError {
    return new ValidationError({ message, details: ValidationError.fieldIssues(error, naming), cause: error });
  }
}
export class UnauthorizedError extends errorKind(401, 'Please sign in') {}
export class ForbiddenError extends errorKind(403, 'You do not have access to this page') {}
export class NotFoundError extends errorKind(404, 'Page not found') {}
/** The change clashes with the state it would change (someone else changed it first, or it is final). */
export class ConflictError extends errorKind(409, 'That clashes with a change made meanwhile') {}
/** A response was completed already, with different answers. */
export class ResponseConflictError extends ConflictError {
  override readonly heading = 'That response was already submitted';
}
/** Someone else saved a change to the same coding first. */
export class CodingConflictError extends ConflictError {
  override readonly heading = 'Someone else changed the coding';
}
/** Researchers have reviewed the coding the machine was asked to redo. */
export class CodingReviewedError extends ConflictError {
  override readonly heading = 'The coding has been reviewed';
}
export class GoneError extends errorKind(410, 'This survey has closed') {}
export class PayloadTooLargeError extends errorKind(413, 'That was too much to send at once') {}
export class UnsupportedMediaTypeError extends errorKind(415, 'That request was in a format we do not accept') {}
export class TooManyRequestsError extends errorKind(429, 'Too many attempts') {}
/** The store cannot be reached or written just now; the store adapters turn their drivers' failures into this. */
export class StoreUnavailableError extends errorKind(503, 'The service is unavailable just now') {
  /** A driver's failure to reach or write the store: nothing was saved, and the client may try again shortly. */
  static outage(cause: unknown): StoreUnavailableError {
    return new StoreUnavailableError({
      message: 'The service cannot store answers just now. Nothing was saved; please try again in a moment.',
      retryAfter: 5,
      cause,
    });
  }
}
/** Settings the server or the command line cannot start with; each issue names its setting. */
export class ConfigurationError extends errorKind(500, 'Error') {}
/** A feature that needs something this machine lacks (for example Chromium for PDF output), or is too busy. */
export class ServiceUnavailableError extends errorKind(503, 'The service is unavailable just now') {}
/** No PDF can be printed here: Chromium is missing or did not start. */
export class PdfUnavailableError extends ServiceUnavailableError {}

/** The analysis's own input errors become the 400 they are, under `message`; anything else is a fault and stays as it is. */
export function validationFrom(error: unknown, message: string | ((input: AnalysisInputError) => string)): unknown {
  if (!(error instanceof AnalysisInputError)) return error;
  return new ValidationError({
    message: typeof message === 'string' ? message : message(error),
    details: [{ field: error.field, message: error.message }],
    cause: error,
  });
}
