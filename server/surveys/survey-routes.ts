import { Router } from 'express';
import { z } from 'zod';
import type { RouteRegistry } from '../http/typed-route';
import { canSeeSurvey } from '../http/session-user';
import type { Views } from '../http/views';
import { respondentMessages } from './respondent-messages';
import { surveyIntro } from './survey-intro';
import { partialLimitsOf } from './survey-record';
import type { SurveyService } from './survey-service';

/** What a respondent reaches without an account: the survey page (its answers go to responses/response-routes.ts). */
export function publicSurveyRoutes(surveys: SurveyService, views: Views): Router {
  const router = Router();

  router.get('/s/:slug', async (req, res) => {
    const { record, status } = await surveys.get(req.params.slug);
    if (status !== 'open') {
      const closed = status === 'closed';
      res.status(closed ? 410 : 403).send(
        views.page('survey-unavailable', {
          title: record.title,
          closed,
          opensAt: record.opensAt,
        }),
      );
      return;
    }
    const question = record.distribution?.question;
    const requested = question ? req.query[question] : undefined;
    const area = record.distribution?.areas.find((candidate) => candidate.code === requested);
    const prefill = area && question ? { question, value: area.code } : null;
    const intro = surveyIntro(record, prefill);
    res.send(
      views.page('survey', {
        title: record.title,
        surveyPage: true,
        // SurveyJS is fetched but not run until the respondent leaves a first page that plain HTML shows.
        surveyScriptsLater: intro.form !== null,
        definition: record.definition,
        settings: {
          slug: record.slug,
          submitUrl: `/api/surveys/${encodeURIComponent(record.slug)}/responses`,
          prefill,
          keepDays: partialLimitsOf(record).keepDays,
          messages: respondentMessages(record.definition.locale),
        },
        areaName: area?.name,
        intro,
      }),
    );
  });

  return router;
}

const surveySummary = z.object({
  slug: z.string(),
  title: z.string(),
  status: z.enum(['open', 'scheduled', 'closed']),
  opensAt: z.string().nullable().describe('ISO 8601; null when it opened as soon as it was loaded'),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable().describe('When an admin closed it early'),
});

/** Staff API over surveys. */
export function staffSurveyRoutes(surveys: SurveyService, routes: RouteRegistry): Router {
  const router = Router();
  routes.add(
    router,
    {
      method: 'get',
      path: '/api/surveys',
      summary: 'Surveys this account may see, with their status',
      access: 'viewer',
      responses: { 200: { description: 'A list of surveys', json: z.array(surveySummary) } },
    },
    async ({ user }) =>
      (await surveys.listWithStatus())
        .filter(({ record }) => canSeeSurvey(user, record.slug))
        .map(({ record, status }) => ({
          slug: record.slug,
          title: record.title,
          status,
          opensAt: record.opensAt,
          closesAt: record.closesAt,
          closedAt: record.closedAt,
        })),
  );
  return router;
}
