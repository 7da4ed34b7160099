import express, { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { TooManyRequestsError, UnsupportedMediaTypeError } from '../errors';
import { validateBody } from '../http/validate';
import { submissionSchema, type Submission } from './response-schema';
import type { ResponseService } from './response-service';

const BODY_LIMIT = '256kb';
const MINUTE_MS = 60_000;

/** The sender as rate limits see it: the address (the forwarded one behind a trusted proxy), an IPv6 /56 as one. */
const clientOf = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Where respondents' answers arrive, without an account or a cookie: one JSON submission at a time. */
export function submissionRoutes(responses: ResponseService, config: Pick<Config, 'completePerMinute'>): Router {
  const router = Router();
  // New complete responses per client address: a script posting made-up answers is stopped at its own address
  // while everyone else goes on. Only responses it creates count, so the survey page re-sending one it already
  // sent (after a lost connection) costs nothing. Per instance, in memory; nothing about the address is stored.
  const completeLimiter = rateLimit({
    windowMs: MINUTE_MS,
    limit: config.completePerMinute,
    keyGenerator: clientOf,
    skip: (req) => (req.body as Submission).complete !== true,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 201,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next) => {
      const resetAt =
        (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ??
        Date.now() + MINUTE_MS;
      next(
        new TooManyRequestsError({
          message:
            'Too many responses from your network just now; your answers are kept and will be sent again shortly',
          retryAfter: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
        }),
      );
    },
  });

  router.post(
    '/api/surveys/:slug/responses',
    (req, _res, next) => {
      if (!req.is('application/json')) {
        throw new UnsupportedMediaTypeError({ message: 'Send the response as JSON (Content-Type: application/json)' });
      }
      next();
    },
    express.json({ limit: BODY_LIMIT, strict: true }),
    validateBody(submissionSchema),
    completeLimiter,
    async (req, res) => {
      const submission = req.body as Submission;
      const outcome = await responses.submit(req.params.slug as string, submission, { client: clientOf(req) });
      res.status(outcome === 'created' ? 201 : 200).json({ id: submission.id, outcome, complete: submission.complete });
    },
  );

  return router;
}
