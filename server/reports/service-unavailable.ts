import { AppError } from '../errors';

/** A feature that needs something this machine lacks (for example Chromium for PDF output). */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
}
