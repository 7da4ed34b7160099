import { Router } from 'express';
import { requireRole, signedInUser } from '../http/auth';
import type { Views } from '../http/views';
import type { ResponseService } from '../responses/response-service';
import type { SurveyService } from '../surveys/survey-service';
import type { CodingService } from './coding-service';
import { codePassages, codingScreenModel, screenQuerySchema, type ScreenAnswer } from './coding-screen-model';

/** "Practice Quality Lead (PQL)" is shown as "PQL": an answer's name must stay short. */
const shortName = (text: string) => /\(([^()]{1,12})\)\s*$/.exec(text)?.[1] ?? text;

/**
 * The one-screen coding view (codebook, answers, the selected answer) for researchers with JavaScript. It reads
 * through the coding service and changes nothing itself: the page's script posts the coding API's operations.
 * The workbench's form pages stay the way to work without JavaScript.
 */
export function codingScreenRoutes(
  coding: CodingService,
  surveys: SurveyService,
  responses: ResponseService,
  views: Views,
): Router {
  const router = Router();
  const base = '/staff/surveys/:slug/coding/:question/screen';

  /** Every coded answer to the question, in the order they came in, named by the respondent's role and area. */
  async function answersOf(slug: string, question: string, wanted: Set<string>): Promise<ScreenAnswer[]> {
    const { record, compiled } = await surveys.get(slug);
    const roleQuestion = typeof record.analysis?.groupBy === 'string' ? record.analysis.groupBy : null;
    const roleNames = new Map(
      (roleQuestion ? (compiled.questions.get(roleQuestion)?.choices ?? []) : []).map((choice) => [
        String(choice.value),
        shortName(choice.text),
      ]),
    );
    const areaQuestion = record.distribution?.question ?? null;
    const areaNames = new Map([
      ...(areaQuestion ? (compiled.questions.get(areaQuestion)?.choices ?? []) : []).map(
        (choice) => [String(choice.value), choice.text] as const,
      ),
      ...(record.distribution?.areas ?? []).map((area) => [area.code, area.name] as const),
    ]);
    const answers: ScreenAnswer[] = [];
    for await (const response of responses.stream(slug)) {
      const text = response.data[question];
      if (!wanted.has(response.id) || typeof text !== 'string') continue;
      const role = roleQuestion ? response.data[roleQuestion] : undefined;
      const area = areaQuestion ? response.data[areaQuestion] : undefined;
      answers.push({
        id: response.id,
        text,
        role: role === undefined || role === null ? null : (roleNames.get(String(role)) ?? String(role)),
        area: area === undefined || area === null ? null : (areaNames.get(String(area)) ?? String(area)),
      });
    }
    return answers;
  }

  router.get(base, requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const stored = await coding.storedFor(slug, question, signedInUser(req));
    const { record, compiled } = await surveys.get(slug);
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
      }),
    );
  });

  router.get(`${base}/data`, requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const stored = await coding.storedFor(slug, question, signedInUser(req));
    const answers = await answersOf(
      slug,
      question,
      new Set(stored.state.segments.map((segment) => segment.responseId)),
    );
    res.json({
      version: stored.version,
      ...codingScreenModel(stored.state, answers, screenQuerySchema.parse(req.query)),
    });
  });

  router.get(`${base}/passages`, requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const stored = await coding.storedFor(slug, question, signedInUser(req));
    const answers = await answersOf(
      slug,
      question,
      new Set(stored.state.segments.map((segment) => segment.responseId)),
    );
    res.json({
      passages: codePassages(stored.state, answers, typeof req.query.code === 'string' ? req.query.code : ''),
    });
  });

  return router;
}
