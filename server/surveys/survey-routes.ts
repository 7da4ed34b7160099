import { Router } from 'express';
import { requireRole } from '../http/auth';
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

/** Staff API over surveys. */
export function staffSurveyRoutes(surveys: SurveyService): Router {
  const router = Router();
  router.get('/api/surveys', requireRole('viewer'), async (req, res) => {
    const list = (await surveys.listWithStatus()).filter(({ record }) => canSeeSurvey(req.session.user, record.slug));
    res.json(list.map(({ record, status }) => ({
      slug: record.slug,
      title: record.title,
      status,
      opensAt: record.opensAt,
      closesAt: record.closesAt,
      closedAt: record.closedAt,
    })));
  });
  return router;
}
