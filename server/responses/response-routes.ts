import express, { Router } from 'express';
import { UnsupportedMediaTypeError } from '../errors';
import { validateBody } from '../http/validate';
import { submissionSchema, type Submission } from './response-schema';
import type { ResponseService } from './response-service';

const BODY_LIMIT = '256kb';

/** Where respondents' answers arrive, without an account or a cookie: one JSON submission at a time. */
export function submissionRoutes(responses: ResponseService): Router {
  const router = Router();

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
    async (req, res) => {
      const submission = req.body as Submission;
      const outcome = await responses.submit(req.params.slug as string, submission);
      res.status(outcome === 'created' ? 201 : 200).json({ id: submission.id, outcome, complete: submission.complete });
    },
  );

  return router;
}
