import { Router } from 'express';
import { z } from 'zod';
import { requireRole, signedInUser } from '../http/auth';
import type { RouteRegistry } from '../http/typed-route';
import { ValidationError } from '../errors';
import type { Views } from '../http/views';
import type { SurveyService } from '../surveys/survey-service';
import { publishedStatsSchema } from './stats-api-schema';
import { statsQuerySchema } from './stats-schema';
import type { StatsService } from './stats-service';
import { statsForm, statsPageQuerySchema } from './stats-form';
import { refusedPageModel, statsPageModel } from './stats-page-model';

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

  // A form that cannot be answered is shown again as it was sent, with what to change beside its options (400).
  router.get('/staff/surveys/:slug/stats', requireRole('viewer'), async (req, res) => {
    const { record } = await surveys.get(req.params.slug);
    const form = statsForm(record, req.query as Record<string, unknown>);
    const send = (status: number, model: object) =>
      res.status(status).send(
        views.page('stats', {
          title: `${record.title}: statistics`,
          user: signedInUser(req),
          csrfToken: req.csrfToken?.(),
          ...model,
        }),
      );
    const parsed = statsPageQuerySchema.safeParse(req.query);
    if (!parsed.success) return send(400, refusedPageModel(record, form, ValidationError.fieldIssues(parsed.error)));
    const query = parsed.data;
    const by = query.by === undefined ? record.analysis?.groupBy : (query.by ?? undefined);
    const outcome = await stats.computeOrRefuse(record.slug, { ...query, by });
    if (outcome.refused) return send(400, refusedPageModel(record, form, outcome.refused));
    send(200, await statsPageModel(outcome.stats, record, form));
  });

  return router;
}
