import { Router } from 'express';
import { z } from 'zod';
import { requireRole, signedInUser } from '../http/auth';
import type { RouteRegistry } from '../http/typed-route';
import type { Views } from '../http/views';
import type { SurveyService } from '../surveys/survey-service';
import { questionParamsSchema, screenDataAnswerSchema, screenPassagesAnswerSchema } from './coding-api-schema';
import type { CodingService } from './coding-service';
import { codePassages, codingScreenModel, screenQuerySchema } from './coding-screen-model';
import { seesOnlyOwn } from './coding-state';
import { countText } from './count-text';

/**
 * The one-screen coding view (codebook, answers, the selected answer) for researchers with JavaScript. It reads
 * through the coding service and changes nothing itself: the page's script posts the coding API's operations.
 * The workbench's form pages stay the way to work without JavaScript.
 */
export function codingScreenRoutes(
  coding: CodingService,
  surveys: SurveyService,
  views: Views,
  routes: RouteRegistry,
): Router {
  const router = Router();
  const base = '/staff/surveys/:slug/coding/:question/screen';

  router.get(base, requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const user = signedInUser(req);
    const stored = await coding.storedFor(slug, question, user);
    const { record, compiled } = await surveys.get(slug);
    const newAnswers = await coding.answersSinceRun(slug, question, stored.state);
    res.send(
      views.page('coding-screen', {
        title: `Coding: ${compiled.questions.get(question)?.title ?? question}`,
        pageScript: 'coding-screen.js',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        question,
        surveyTitle: record.title,
        questionTitle: compiled.questions.get(question)?.title ?? question,
        version: stored.version,
        independent: stored.state.independent
          ? { revealed: stored.state.independent.revealed, sealed: seesOnlyOwn(stored.state, user) }
          : null,
        // Answers that came in after the machine ran are not on this screen: said here as on the workbench.
        newAnswers: newAnswers ? countText(newAnswers, 'new answer') : null,
        newAnswersOne: newAnswers === 1,
        isAdmin: user.role === 'admin',
      }),
    );
  });

  routes.add(
    router,
    {
      method: 'get',
      path: `${base}/data`,
      summary: "The coding screen's codebook, one page of answers and its filters (researchers; the page's script)",
      access: 'researcher',
      params: questionParamsSchema,
      query: screenQuerySchema,
      responses: { 200: { description: 'The screen', json: screenDataAnswerSchema } },
    },
    async ({ params: { slug, question }, query, user }) => {
      const { stored, answers } = await coding.screenAnswers(slug, question, user);
      return { version: stored.version, ...codingScreenModel(stored.state, answers, query, user.email, user.role) };
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: `${base}/passages`,
      summary: "The passages a code is on, for splitting it (researchers; the coding screen's script)",
      access: 'researcher',
      params: questionParamsSchema,
      query: z.object({ code: z.string().catch('') }),
      responses: { 200: { description: 'Passages', json: screenPassagesAnswerSchema } },
    },
    async ({ params: { slug, question }, query, user }) => {
      const { stored, answers } = await coding.screenAnswers(slug, question, user);
      return { passages: codePassages(stored.state, answers, query.code, user.email) };
    },
  );

  return router;
}
