import { AnalysisInputError } from '../analysis/input-error';

export interface FieldIssue {
  field: string;
  message: string;
}

interface AppErrorOptions {
  message: string;
  details?: FieldIssue[];
  cause?: unknown;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** The heading of the error page, when the status's usual one would not fit. */
  title?: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  readonly details?: FieldIssue[];
  readonly retryAfter?: number;
  readonly title?: string;

  constructor({ message, details, cause, retryAfter, title }: AppErrorOptions) {
    super(message, { cause });
    this.name = new.target.name;
    this.details = details;
    this.retryAfter = retryAfter;
    this.title = title;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
}
export class UnauthorizedError extends AppError {
  readonly status = 401;
}
export class ForbiddenError extends AppError {
  readonly status = 403;
}
export class NotFoundError extends AppError {
  readonly status = 404;
}
export class ConflictError extends AppError {
  readonly status = 409;
}
export class GoneError extends AppError {
  readonly status = 410;
}
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
}
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
}
export class TooManyRequestsError extends AppError {
  readonly status = 429;
}
export class StoreUnavailableError extends AppError {
  readonly status = 503;
}
/** Settings the server or the command line cannot start with; each issue names its setting. */
export class ConfigurationError extends AppError {
  readonly status = 500;
}
/** A feature that needs something this machine lacks (for example Chromium for PDF output), or is too busy. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
}
/** No PDF can be printed here: Chromium is missing or did not start. */
export class PdfUnavailableError extends ServiceUnavailableError {}

/** The analysis's own input errors become the 400 they are, under `message`; anything else is a fault and stays as it is. */
export function validationFrom(error: unknown, message: string): unknown {
  if (!(error instanceof AnalysisInputError)) return error;
  return new ValidationError({ message, details: [{ field: error.field, message: error.message }], cause: error });
}
