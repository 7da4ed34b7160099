import { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError } from '../errors';
import { requireRole, signedInUser } from '../http/auth';
import type { RouteRegistry } from '../http/typed-route';
import { parseQuery } from '../http/validate';
import type { Views } from '../http/views';
import type { SurveyService } from '../surveys/survey-service';
import { canSeeSurvey, type SessionUser } from '../http/session-user';
import type { CompareService, WaveComparison } from './compare-service';
import { comparePageModel } from './compare-page-model';
import { comparisonSchema } from './stats-api-schema';

const slug = z.string().min(1).max(200);
const publish = z
  .enum(['true', 'false', 'on', ''])
  .optional()
  .transform((flag) => flag === 'true' || flag === 'on');
/** Comparing a wave with itself shows nothing but zeros: the two waves must differ. */
const twoWaves = (query: { a?: string; b?: string }) => !query.a || !query.b || query.a !== query.b;
const differentWave = { message: 'must be a different survey from the first wave (a)', path: ['b'] };
export const compareQuerySchema = z
  .object({ a: slug, b: slug, by: z.string().max(200).optional(), publish })
  .refine(twoWaves, differentWave);
const pageQuerySchema = z
  .object({
    a: slug.optional(),
    b: slug.optional(),
    by: z.string().max(200).optional(),
    publish,
  })
  .refine(twoWaves, differentWave);

function checkAccess(user: SessionUser | undefined, ...slugs: string[]) {
  for (const one of slugs)
    if (!canSeeSurvey(user, one))
      throw new ForbiddenError({ message: 'Your account does not have access to this survey' });
}

/** Two waves of a survey side by side: the JSON contract and a staff page. */
export function compareRoutes(
  compare: CompareService,
  surveys: SurveyService,
  views: Views,
  routes: RouteRegistry,
): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/compare',
      summary: 'Two waves of a survey compared question by question',
      access: 'viewer',
      query: compareQuerySchema,
      responses: { 200: { description: 'Comparison', json: comparisonSchema } },
    },
    ({ query, user }) => {
      checkAccess(user, query.a, query.b);
      const by = query.by || undefined;
      return query.publish ? compare.comparePublished(query.a, query.b, by) : compare.compare(query.a, query.b, by);
    },
  );

  router.get('/staff/compare', requireRole('viewer'), async (req, res) => {
    const query = parseQuery(pageQuerySchema, req);
    const user = signedInUser(req);
    const list = (await surveys.listWithStatus())
      .filter(({ record }) => canSeeSurvey(user, record.slug))
      .map(({ record }) => record);
    let comparison: WaveComparison | null = null;
    if (query.a && query.b) {
      checkAccess(user, query.a, query.b);
      const by = query.by || undefined;
      comparison = query.publish
        ? await compare.comparePublished(query.a, query.b, by)
        : await compare.compare(query.a, query.b, by);
    }
    res.send(
      views.page('compare', {
        title: 'Compare two waves',
        user,
        csrfToken: req.csrfToken?.(),
        ...comparePageModel(list, query, comparison),
      }),
    );
  });

  return router;
}
