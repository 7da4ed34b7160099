import express, { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError } from '../errors';
import { requireRole } from '../http/auth';
import { validateBody } from '../http/validate';
import type { CodingService } from './coding-service';
import { codeLabelled, reviewOperationSchema } from './review-operations';
import { seesOnlyOwn } from './coding-state';

export const operationBodySchema = z.strictObject({
  version: z.number().int().min(1),
  operation: reviewOperationSchema,
});

/** The coding API behind the researchers' workbench: read the coding, change it, undo, ask for suggestions. */
export function codingRoutes(coding: CodingService): Router {
  const router = Router();
  const base = '/api/surveys/:slug/coding/:question';
  const json = express.json({ limit: '256kb' });

  router.get(base, requireRole('researcher'), async (req, res) => {
    const stored = await coding.storedFor(req.params.slug as string, req.params.question as string, req.session.user!);
    res.json({
      version: stored.version,
      updatedAt: stored.updatedAt,
      ...stored.state,
      history: await coding.history(req.params.slug as string, req.params.question as string, req.session.user!),
    });
  });

  router.post(
    `${base}/operations`,
    requireRole('researcher'),
    json,
    validateBody(operationBodySchema),
    async (req, res) => {
      const { version, operation } = req.body as z.infer<typeof operationBodySchema>;
      // A span coded with a new label that a code already has joins that code: the answer says so.
      const joined =
        operation.op === 'code-span' && operation.label
          ? codeLabelled(
              (await coding.stored(req.params.slug as string, req.params.question as string)).state,
              operation.label,
            )
          : undefined;
      const next = await coding.review(
        req.params.slug as string,
        req.params.question as string,
        operation,
        version,
        req.session.user!.email,
        req.session.user!.role,
      );
      res.json(
        joined
          ? {
              version: next,
              code: joined.id,
              joined: true,
              message: `There is a code "${joined.label}" already: the span was coded with it`,
            }
          : { version: next },
      );
    },
  );

  router.post(`${base}/undo`, requireRole('researcher'), async (req, res) => {
    const { undone, kept } = await coding.undo(
      req.params.slug as string,
      req.params.question as string,
      req.session.user!.email,
      req.session.user!.role,
    );
    res.json({ undone: true, operation: undone, keptBecauseChangedSince: kept });
  });

  router.get(`${base}/agreement`, requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug as string;
    const question = req.params.question as string;
    const { state } = await coding.stored(slug, question);
    // Agreement shows every researcher's codes: not before an admin reveals independent coding.
    if (seesOnlyOwn(state, req.session.user!)) {
      throw new ForbiddenError({
        message: 'The researchers are coding independently: agreement is shown once an admin reveals their coding',
      });
    }
    const coders = typeof req.query.coders === 'string' && req.query.coders ? req.query.coders.split(',') : undefined;
    res.json(await coding.agreement(slug, question, coders));
  });

  router.post(`${base}/suggest`, requireRole('researcher'), async (req, res) => {
    res.json({
      suggested: await coding.suggest(
        req.params.slug as string,
        req.params.question as string,
        req.session.user!.email,
        req.session.user!.role,
      ),
    });
  });

  return router;
}
