import express, { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/auth';
import { validateBody } from '../http/validate';
import type { CodingService } from './coding-service';
import { reviewOperationSchema } from './review-operations';

export const operationBodySchema = z.strictObject({ version: z.number().int().min(1), operation: reviewOperationSchema });

/** The coding API behind the researchers' workbench: read the coding, change it, undo, ask for suggestions. */
export function codingRoutes(coding: CodingService): Router {
  const router = Router();
  const base = '/api/surveys/:slug/coding/:question';
  const json = express.json({ limit: '256kb' });

  router.get(base, requireRole('researcher'), async (req, res) => {
    const stored = await coding.stored(req.params.slug as string, req.params.question as string);
    res.json({ version: stored.version, updatedAt: stored.updatedAt, ...stored.state, history: await coding.history(req.params.slug as string, req.params.question as string) });
  });

  router.post(`${base}/operations`, requireRole('researcher'), json, validateBody(operationBodySchema), async (req, res) => {
    const { version, operation } = req.body as z.infer<typeof operationBodySchema>;
    const next = await coding.review(req.params.slug as string, req.params.question as string, operation, version, req.session.user!.email);
    res.json({ version: next });
  });

  router.post(`${base}/undo`, requireRole('researcher'), async (req, res) => {
    await coding.undo(req.params.slug as string, req.params.question as string, req.session.user!.email);
    res.json({ undone: true });
  });

  router.post(`${base}/suggest`, requireRole('researcher'), async (req, res) => {
    res.json({ suggested: await coding.suggest(req.params.slug as string, req.params.question as string, req.session.user!.email) });
  });

  return router;
}
