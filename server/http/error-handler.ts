import type { ErrorRequestHandler, Request } from 'express';
import { AppError, type FieldIssue } from '../errors';
import { isStoreOutage } from '../store/outage';
import type { Views } from './views';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

const TITLES: Record<number, string> = {
  400: 'Something in that request was not right',
  401: 'Please sign in',
  403: 'You do not have access to this page',
  404: 'Page not found',
  409: 'That response was already submitted',
  410: 'This survey has closed',
  413: 'That was too much to send at once',
  415: 'That request was in a format we do not accept',
  429: 'Too many attempts',
  503: 'The service is unavailable just now',
};

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || !req.accepts('html');
}

/** The one place errors become HTTP answers. Unknown errors become a 500 without any internal detail. */
export function errorHandler(views: Views, log: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    let status = 500;
    let message = 'Something went wrong on our side. Please try again later.';
    let details: FieldIssue[] | undefined;
    let title: string | undefined;
    if (isStoreOutage(error)) {
      status = 503;
      message = 'The service cannot store answers just now. Nothing was saved; please try again in a moment.';
      res.set('Retry-After', '5');
      log(error);
    } else if (error instanceof AppError) {
      status = error.status;
      message = error.message;
      details = error.details;
      title = error.title;
      if (error.retryAfter) res.set('Retry-After', String(error.retryAfter));
    } else {
      const httpError = error as HttpLikeError;
      const candidate = httpError.status ?? httpError.statusCode;
      if (candidate && candidate >= 400 && candidate < 500) {
        status = candidate;
        message =
          httpError.type === 'entity.too.large'
            ? 'The request body is larger than 256 kB'
            : httpError.type === 'entity.parse.failed'
              ? 'The request body is not valid JSON'
              : httpError.expose && httpError.message
                ? httpError.message
                : (TITLES[status] ?? 'Bad request');
      } else {
        log(error);
      }
    }
    res.status(status);
    if (wantsJson(req)) {
      res.json(details ? { error: message, details } : { error: message });
      return;
    }
    res.type('html').send(
      views.page('message', {
        title: title ?? TITLES[status] ?? 'Error',
        message,
        details,
        user: req.session?.user,
        csrfToken: req.session?.user ? csrfTokenOf(req) : undefined,
      }),
    );
  };
}

/** The CSRF token for the signed-in user's "Sign out" form; none when the failure came before the CSRF middleware. */
function csrfTokenOf(req: Request): string | undefined {
  try {
    return req.csrfToken?.();
  } catch {
    return undefined;
  }
}
