import { Router } from 'express';
import { z } from 'zod';
import { requireRole, signedInUser } from '../http/auth';
import type { RouteRegistry } from '../http/typed-route';
import { parseQuery } from '../http/validate';
import type { Views } from '../http/views';
import type { SurveyService } from '../surveys/survey-service';
import { publishedStatsSchema } from './stats-api-schema';
import { statsQuerySchema } from './stats-schema';
import type { StatsService } from './stats-service';
import { statsPageModel } from './stats-page-model';

/** Statistics for staff: the JSON contract and a page of tables and charts. Unsuppressed unless asked. */
export function statsRoutes(stats: StatsService, surveys: SurveyService, views: Views, routes: RouteRegistry): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/surveys/:slug/stats',
      summary: 'Descriptive statistics of every question (the same JSON as `canvass stats --json`)',
      access: 'viewer',
      params: z.object({ slug: z.string() }),
      query: statsQuerySchema,
      responses: { 200: { description: 'Statistics', json: publishedStatsSchema } },
    },
    ({ params, query }) => stats.compute(params.slug, { ...query, by: query.by ?? undefined }),
  );

  router.get('/staff/surveys/:slug/stats', requireRole('viewer'), async (req, res) => {
    const query = parseQuery(statsQuerySchema, req);
    const { record } = await surveys.get(req.params.slug);
    const by = query.by === undefined ? record.analysis?.groupBy : (query.by ?? undefined);
    const result = await stats.compute(record.slug, { ...query, by });
    res.send(
      views.page('stats', {
        title: `${record.title}: statistics`,
        user: signedInUser(req),
        csrfToken: req.csrfToken?.(),
        ...(await statsPageModel(result, record, { ...query, by })),
      }),
    );
  });

  return router;
}
