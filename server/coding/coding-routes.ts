import express, { Router } from 'express';
import type { RouteRegistry } from '../http/typed-route';
import {
  agreementAnswerSchema,
  agreementQuerySchema,
  codingAnswerSchema,
  operationAnswerSchema,
  operationBodySchema,
  questionParamsSchema,
  suggestAnswerSchema,
  undoAnswerSchema,
} from './coding-api-schema';
import type { CodingService } from './coding-service';

const params = questionParamsSchema;

/** The coding API behind the researchers' workbench: read the coding, change it, undo, ask for suggestions. */
export function codingRoutes(coding: CodingService, routes: RouteRegistry): Router {
  const router = Router();
  const base = '/api/surveys/:slug/coding/:question';

  routes.add(
    router,
    {
      method: 'get',
      path: base,
      summary:
        "The coding of a free-text question, with its version and history (researchers); segments' start and end count UTF-16 code units of the answer",
      access: 'researcher',
      params,
      responses: { 200: { description: 'Coding', json: codingAnswerSchema } },
    },
    async ({ params: { slug, question }, user }) => {
      const stored = await coding.storedFor(slug, question, user);
      return {
        version: stored.version,
        updatedAt: stored.updatedAt,
        ...stored.state,
        history: await coding.history(slug, question, user),
      };
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: `${base}/operations`,
      summary: 'Apply one review operation to the coding, at the version read (researchers)',
      description:
        'Offsets: `code-span` counts `start` and `end` in Unicode code points by default, with every line break (CR LF, CR or LF) counted as one, the same positions as the REFI-QDA export; `"unit": "utf-16"` counts UTF-16 code units of the stored answer instead (JavaScript string indices, the unit of the `start` and `end` of segments in GET /api/surveys/{slug}/coding/{question}). Code labels are unique within a theme: `create-code`, `rename-code` and `split-code` with a taken label get a 400; a `code-span` whose new `label` a code already has is coded with that code, and the response says so.',
      access: 'researcher',
      params,
      body: operationBodySchema,
      responses: {
        200: {
          description:
            'The new version; after a code-span whose label a code already had, also `joined: true`, that `code` and a `message`',
          json: operationAnswerSchema,
        },
      },
      errors: { 409: 'Someone changed the coding since that version' },
      before: [express.json({ limit: '256kb' })],
    },
    async ({ params: { slug, question }, body: { version, operation }, user }) => {
      const { version: next, joined } = await coding.reviewAndSay(
        slug,
        question,
        operation,
        version,
        user.email,
        user.role,
      );
      // A span coded with a new label that a code already has joins that code: the answer says so.
      return joined
        ? {
            version: next,
            code: joined.id,
            joined: true,
            message: `There is a code "${joined.label}" already: the span was coded with it`,
          }
        : { version: next };
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: `${base}/undo`,
      summary: 'Undo the latest change (researchers)',
      access: 'researcher',
      params,
      responses: { 200: { description: 'Undone', json: undoAnswerSchema } },
    },
    async ({ params: { slug, question }, user }) => {
      const { undone, sentence, kept } = await coding.undo(slug, question, user.email, user.role);
      return { undone: true, operation: undone, sentence, keptBecauseChangedSince: kept };
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: `${base}/agreement`,
      summary:
        'Agreement between the researchers who coded the question (overall, per code, disagreements); after an admin reveals independent coding',
      access: 'researcher',
      params,
      query: agreementQuerySchema,
      responses: { 200: { description: 'Agreement', json: agreementAnswerSchema } },
    },
    ({ params: { slug, question }, query, user }) =>
      coding.agreementFor(slug, question, user, query.coders ? query.coders.split(',') : undefined),
  );

  routes.add(
    router,
    {
      method: 'post',
      path: `${base}/suggest`,
      summary: 'Suggest codes for uncoded answers from those coded (researchers)',
      access: 'researcher',
      params,
      responses: { 200: { description: 'How many were suggested', json: suggestAnswerSchema } },
    },
    async ({ params: { slug, question }, user }) => ({
      suggested: await coding.suggest(slug, question, user.email, user.role),
    }),
  );

  return router;
}
