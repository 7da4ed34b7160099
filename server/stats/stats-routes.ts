import { Router } from 'express';
import { requireRole } from '../http/auth';
import { validateQuery } from '../http/validate';
import type { Views } from '../http/views';
import type { SurveyService } from '../surveys/survey-service';
import { statsQuerySchema, type StatsQuery } from './stats-schema';
import type { StatsService } from './stats-service';
import { statsPageModel } from './stats-page-model';

/** Statistics for staff: the JSON contract and a page of tables and charts. Unsuppressed unless asked. */
export function statsRoutes(stats: StatsService, surveys: SurveyService, views: Views): Router {
  const router = Router();

  router.get('/api/surveys/:slug/stats', requireRole('viewer'), validateQuery(statsQuerySchema), async (req, res) => {
    const query = res.locals.query as StatsQuery;
    res.json(await stats.compute(req.params.slug as string, { ...query, by: query.by ?? undefined }));
  });

  router.get('/staff/surveys/:slug/stats', requireRole('viewer'), validateQuery(statsQuerySchema), async (req, res) => {
    const query = res.locals.query as StatsQuery;
    const { record } = await surveys.get(req.params.slug as string);
    const by = query.by === undefined ? record.analysis?.groupBy : (query.by ?? undefined);
    const result = await stats.compute(record.slug, { ...query, by });
    res.send(
      views.page('stats', {
        title: `${record.title}: statistics`,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        ...(await statsPageModel(result, record, { ...query, by })),
      }),
    );
  });

  return router;
}
