import express, { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import { TooManyRequestsError, UnsupportedMediaTypeError } from '../errors';
import { z } from 'zod';
import { reply, type RouteRegistry } from '../http/typed-route';
import { submissionSchema } from './response-schema';
import type { ResponseService } from './response-service';

const BODY_LIMIT = '256kb';
const MINUTE_MS = 60_000;

/** The sender as rate limits see it: the address (the forwarded one behind a trusted proxy), an IPv6 /56 as one. */
const clientOf = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Where respondents' answers arrive, without an account or a cookie: one JSON submission at a time. */
export function submissionRoutes(
  responses: ResponseService,
  config: Pick<Config, 'completePerMinute'>,
  routes: RouteRegistry,
): Router {
  const router = Router();
  // New complete responses per client address: a script posting made-up answers is stopped at its own address
  // while everyone else goes on. Only responses it creates count, so the survey page re-sending one it already
  // sent (after a lost connection) costs nothing. Per instance, in memory; nothing about the address is stored.
  const completeLimiter = rateLimit({
    windowMs: MINUTE_MS,
    limit: config.completePerMinute,
    keyGenerator: clientOf,
    // The body has been checked by now (submissionSchema): `complete` is a boolean.
    skip: (req) => req.body.complete !== true,
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

  const stored = z.object({
    id: z.string(),
    outcome: z.enum(['created', 'updated', 'unchanged']),
    complete: z.boolean(),
  });
  routes.add(
    router,
    {
      method: 'post',
      path: '/api/surveys/:slug/responses',
      summary: 'Submit or update a response (the public survey page uses this; no account needed)',
      access: 'public',
      params: z.object({ slug: z.string() }),
      body: submissionSchema,
      responses: {
        201: { description: 'Created', json: stored },
        200: { description: 'Updated or already stored', json: stored },
      },
      errors: {
        409: 'A completed response cannot be changed',
        410: 'The survey has closed',
        415: 'The body is not JSON',
        429: 'Too many new responses from this client address just now (see Retry-After); the answers are kept and can be sent again',
      },
      before: [
        (req, _res, next) => {
          if (!req.is('application/json')) {
            throw new UnsupportedMediaTypeError({
              message: 'Send the response as JSON (Content-Type: application/json)',
            });
          }
          next();
        },
        express.json({ limit: BODY_LIMIT, strict: true }),
      ],
      after: [completeLimiter],
    },
    async ({ params, body, req }) => {
      const outcome = await responses.submit(params.slug, body, { client: clientOf(req) });
      const answer = { id: body.id, outcome, complete: body.complete };
      return outcome === 'created' ? reply(201, answer) : answer;
    },
  );

  return router;
}
