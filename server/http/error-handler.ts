import type { ErrorRequestHandler, Request } from 'express';
import {
  AppError,
  type AppErrorOptions,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import type { Views } from './views';

/** What Express, body-parser and express.static throw (http-errors): a status, and a message meant for the client or not. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** The client errors Express and its middleware raise, by status, as the application's own kinds. */
const CLIENT_ERRORS: Record<number, { new (options: AppErrorOptions): AppError; heading: string }> = {
  400: ValidationError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  410: GoneError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: TooManyRequestsError,
};

/** Another status from Express (405, 416...): shown with its status and a plain heading. */
class OtherClientError extends AppError {
  readonly heading = 'Error';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super({ message });
  }
}

/** An error from Express or its middleware with a 4xx status as an AppError; nothing for anything else. */
function clientErrorFrom(error: unknown): AppError | undefined {
  const httpError = error as HttpLikeError;
  const status = httpError.status ?? httpError.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  const Kind = CLIENT_ERRORS[status];
  const message =
    httpError.type === 'entity.too.large'
      ? 'The request body is larger than 256 kB'
      : httpError.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : httpError.expose && httpError.message
          ? httpError.message
          : (Kind?.heading ?? 'Bad request');
  return Kind ? new Kind({ message, cause: error }) : new OtherClientError(status, message);
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || !req.accepts('html');
}

/**
 * The one place errors become HTTP answers: an AppError (or an Express client error) as its status, message and
 * details, under its class's page heading. Unknown errors become a 500 without any internal detail, and are logged,
 * as are server-side AppErrors that carry the failure behind them (a store outage).
 */
export function errorHandler(views: Views, log: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error instanceof AppError ? error : clientErrorFrom(error);
    if (!known || (known.status >= 500 && known.cause !== undefined)) log(error);
    const status = known?.status ?? 500;
    const message = known?.message ?? 'Something went wrong on our side. Please try again later.';
    const details = known?.details;
    if (known?.retryAfter) res.set('Retry-After', String(known.retryAfter));
    res.status(status);
    if (wantsJson(req)) {
      res.json(details ? { error: message, details } : { error: message });
      return;
    }
    res.type('html').send(
      views.page('message', {
        title: known?.title ?? 'Error',
        message,
        // A page lists what was wrong with what the person sent; the version a script must resend is not that.
        details: details?.filter((detail) => detail.field !== 'version'),
        back: pageBack(req),
        next: known?.next,
        user: req.session?.user,
        csrfToken: req.session?.user ? csrfTokenOf(req) : undefined,
      }),
    );
  };
}

/**
 * The staff page a refused form came from (its hidden "back" field), so that the person can go back to it and see
 * what changed rather than start again from the home page. Only a page of this site's staff area.
 */
function pageBack(req: Request): string | undefined {
  const back: unknown = req.method === 'POST' ? req.body?.back : undefined;
  return typeof back === 'string' && back.startsWith('/staff/') && !/[\\\s]/.test(back) ? back : undefined;
}

/** The CSRF token for the signed-in user's "Sign out" form; none when the failure came before the CSRF middleware. */
function csrfTokenOf(req: Request): string | undefined {
  try {
    return req.csrfToken?.();
  } catch {
    return undefined;
  }
}
