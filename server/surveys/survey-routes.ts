import express, { Router } from 'express';
import { UnsupportedMediaTypeError } from '../errors';
import { requireRole } from '../http/auth';
import { canSeeSurvey } from '../users/user-service';
import { validateBody } from '../http/validate';
import type { Views } from '../http/views';
import { submissionSchema, type Submission } from '../responses/response-schema';
import type { ResponseService } from '../responses/response-service';
import { partialLimitsOf } from '../responses/partial-limits';
import { surveyIntro } from './survey-intro';
import type { SurveyService } from './survey-service';

const BODY_LIMIT = '256kb';

/** What a respondent reaches without an account: the survey page and the submission API. */
export function publicSurveyRoutes(surveys: SurveyService, responses: ResponseService, views: Views): Router {
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
    res.send(
      views.page('survey', {
        title: record.title,
        surveyPage: true,
        definition: record.definition,
        settings: {
          slug: record.slug,
          submitUrl: `/api/surveys/${encodeURIComponent(record.slug)}/responses`,
          prefill: area && question ? { question, value: area.code } : null,
          keepDays: partialLimitsOf(record).keepDays,
        },
        areaName: area?.name,
        intro: surveyIntro(record),
      }),
    );
  });

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
