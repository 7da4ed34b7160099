import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers. The CSP allows only our own scripts (SurveyJS is served from node_modules, not a CDN);
 * inline styles stay allowed because SurveyJS sets style attributes as it renders.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/** Synchroniser-token CSRF protection for every state-changing staff request (forms send `_csrf`, scripts a header). */
export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const fromForm: unknown = req.body?._csrf;
    const fromHeader = req.headers['x-csrf-token'];
    return typeof fromForm === 'string' ? fromForm : typeof fromHeader === 'string' ? fromHeader : undefined;
  },
  errorConfig: {
    statusCode: 403,
    message: 'The form has expired or did not come from this site. Please go back, reload and try again.',
  },
});
