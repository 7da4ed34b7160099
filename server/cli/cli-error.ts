import { AppError } from '../errors';

/** A mistake in how a command was called: worded as every AppError is (main.ts), exit status 1. */
export class CliError extends AppError {
  readonly status = 400;
  readonly heading = 'That command was not called right';
  constructor(message: string) {
    super({ message });
  }
}
