import { z } from 'zod';
import { NotFoundError } from '../errors';
import { Router, type Request } from 'express';
import { requireRole, signedInUser } from '../http/auth';
import type { Views } from '../http/views';
import { familiarise, keywordInContext } from '../../analysis/coding/familiarisation';
import { isFreeText } from '../surveys/question-catalogue';
import type { SurveyService } from '../surveys/survey-service';
import type { CodingService } from './coding-service';
import { answerView } from './answers-model';
import { answerTexts, type CodingState } from './coding-state';
import { codeCounts, countOf } from './code-counts';
import { agreementView, groupLabelOf, workbenchModel } from './workbench-page-model';
import { operationFromForm } from './workbench-form';
import { historyLines, recordedSentence } from './history-text';
import { themePageModel } from './theme-page-model';
import { countText } from './count-text';

const ANSWERS_PER_PAGE = 20;

/** Codes in use, each with how many answers a researcher applied it to (what this user sees). */
function codesInUse(state: CodingState) {
  const counts = codeCounts(state);
  return state.codes
    .filter((code) => code.status !== 'discarded')
    .map((code) => ({
      id: code.id,
      label: code.label,
      answers: countText(countOf(counts, code.id).confirmed.size, 'answer'),
    }));
}

/** Where a form goes back to: the page it came from, if it is one of this question's pages, or the workbench. */
const backTo = (req: Request<{ slug: string; question: string }>) => {
  const back = typeof req.body?.back === 'string' ? req.body.back : '';
  return back.startsWith(`/staff/surveys/${req.params.slug}/coding/`) && !back.startsWith('//')
    ? back
    : `/staff/surveys/${encodeURIComponent(req.params.slug)}/coding/${encodeURIComponent(req.params.question)}`;
};

/** A page's own address without the one-off note of a partial undo, for its forms to come back to. */
function withoutKept(url: string): string {
  const page = new URL(url, 'http://canvass.invalid');
  page.searchParams.delete('kept');
  return `${page.pathname}${page.search}`;
}

/** The researchers' workbench: server-rendered pages over the coding API's operations. */
export function workbenchRoutes(coding: CodingService, surveys: SurveyService, views: Views): Router {
  const router = Router();

  /** What the board and a theme's page both show: the coding as this user sees it, the question, undo and changes. */
  async function workedOn(req: Request<{ slug: string; question: string }>, changesShown: number) {
    const { slug, question } = req.params;
    const user = signedInUser(req);
    const { record, compiled } = await surveys.get(slug);
    // Before the machine has run (a link passed on, a bookmark): where to run it, rather than a bare "not found".
    if (compiled.questions.has(question) && !(await coding.questionsWithCoding(slug)).includes(question))
      throw new NotFoundError({
        title: 'Not coded yet',
        message: `The answers to "${question}" have not been coded yet: nothing is proposed for them to review.`,
        next: { href: `/staff/surveys/${encodeURIComponent(slug)}/coding`, label: 'Propose codes and themes for them' },
      });
    const stored = await coding.storedFor(slug, question, user);
    return {
      user,
      stored,
      record,
      groupLabel: groupLabelOf(compiled.questions.get(record.analysis?.groupBy ?? '')?.choices ?? []),
      page: {
        pageScript: 'workbench.js',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        question,
        questionTitle: compiled.questions.get(question)?.title ?? question,
        version: stored.version,
        undoes: stored.undoable ? recordedSentence(stored.undoable, stored.state) : null,
        back: withoutKept(req.originalUrl),
        // An undo that kept parts someone else has changed since says so (see the undo route).
        undoKept: z.coerce.number().int().positive().safeParse(req.query.kept).data ?? null,
        history: historyLines(await coding.history(slug, question, user, 100), stored.state).slice(0, changesShown),
      },
    };
  }

  router.get('/staff/surveys/:slug/coding', requireRole('researcher'), async (req, res) => {
    const { record, compiled } = await surveys.get(req.params.slug);
    const coded = new Set(await coding.questionsWithCoding(record.slug));
    const questions = [...compiled.questions.values()].filter(isFreeText);
    res.send(
      views.page('coding-index', {
        title: `${record.title}: coding`,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug: record.slug,
        questions: questions.map((info) => ({ name: info.name, title: info.title, coded: coded.has(info.name) })),
      }),
    );
  });

  router.get('/staff/surveys/:slug/coding/:question', requireRole('researcher'), async (req, res) => {
    const { user, stored, record, groupLabel, page } = await workedOn(req, 15);
    const independent = stored.state.independent;
    const agreement = await coding.agreementShownTo(page.slug, page.question, user);
    const names = await coding.answerNames(
      page.slug,
      page.question,
      user,
      (agreement?.disagreements ?? []).map((row) => row.answer),
    );
    const researchers = agreementView(agreement, names);
    const filter = req.query.filter === 'undecided' ? 'undecided' : 'all';
    const newAnswers = await coding.answersSinceRun(page.slug, page.question, stored.state);
    res.send(
      views.page('coding-workbench', {
        ...page,
        title: `Coding: ${page.questionTitle}`,
        surveyTitle: record.title,
        independent: independent ? { revealed: independent.revealed, since: independent.startedAt } : null,
        isAdmin: user.role === 'admin',
        researchers,
        canSettle: !independent || independent.revealed,
        newAnswers: newAnswers ? countText(newAnswers, 'new answer') : null,
        newAnswersOne: newAnswers === 1,
        ...workbenchModel(stored.state, Number(req.query.page) || 1, filter, user, groupLabel),
      }),
    );
  });

  router.get('/staff/surveys/:slug/coding/:question/themes/:theme', requireRole('researcher'), async (req, res) => {
    const { user, stored, groupLabel, page, record } = await workedOn(req, 5);
    const model = themePageModel(stored.state, req.params.theme, user, groupLabel, record.analysis?.places ?? []);
    res.send(
      views.page('coding-theme', {
        ...page,
        title: model.theme ? `Theme: ${model.theme.label}` : 'Theme no longer on the board',
        // The definition's box filled with the machine's text, for a researcher who would rather edit it.
        startFromMachine: req.query.start === 'machine',
        ...model,
      }),
    );
  });

  router.get('/staff/surveys/:slug/coding/:question/split/:code', requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const { version, code, segments } = await coding.codeToSplit(slug, question, req.params.code, signedInUser(req));
    const workbench = `/staff/surveys/${encodeURIComponent(slug)}/coding/${encodeURIComponent(question)}`;
    // Opened from a theme's page, back (and, once split, on) to that page.
    const fromTheme = req.query.from === 'theme' && code.themeId;
    res.send(
      views.page('coding-split', {
        // Sent in place, a refused split keeps the page and says why (workbench.js), not an error page at …/op.
        pageScript: 'workbench.js',
        title: `Split ${code.label}`,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        question,
        version,
        code,
        segments,
        back: fromTheme ? `${workbench}/themes/${encodeURIComponent(code.themeId!)}` : workbench,
        backTo: fromTheme ? 'the theme' : 'the workbench',
      }),
    );
  });

  // Whole answers with what is coded highlighted; select words and code them (coding-answers.js fills the form).
  router.get('/staff/surveys/:slug/coding/:question/answers', requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const { state, version } = await coding.storedFor(slug, question, signedInUser(req));
    const ids = [...new Set(state.segments.map((segment) => segment.responseId))];
    const pages = Math.max(1, Math.ceil(ids.length / ANSWERS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number(req.query.page) || 1));
    const shown = ids.slice((page - 1) * ANSWERS_PER_PAGE, page * ANSWERS_PER_PAGE);
    const texts = await coding.answerTexts(slug, question, shown);
    const here = `/staff/surveys/${encodeURIComponent(slug)}/coding/${encodeURIComponent(question)}/answers?page=${page}`;
    res.send(
      views.page('coding-answers', {
        title: 'Coding the answers',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        pageScript: 'coding-answers.js',
        slug,
        question,
        version,
        page,
        pages,
        previous: page > 1 ? page - 1 : null,
        next: page < pages ? page + 1 : null,
        back: here,
        answers: shown.filter((id) => texts.has(id)).map((id) => answerView(state, id, texts.get(id)!)),
        codes: codesInUse(state),
      }),
    );
  });

  router.get('/staff/surveys/:slug/coding/:question/familiarise', requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug;
    const question = req.params.question;
    const { state } = await coding.storedFor(slug, question, signedInUser(req));
    const answers = [...answerTexts(state)].map(([id, text]) => ({ id, text }));
    const keyword = typeof req.query.keyword === 'string' ? req.query.keyword.slice(0, 100) : '';
    res.send(
      views.page('coding-familiarise', {
        title: 'Reading the answers',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        question,
        keyword,
        ...familiarise(
          answers.map((answer) => answer.text),
          40,
        ),
        lines: keyword ? keywordInContext(answers, keyword, (await surveys.get(slug)).record.analysis?.places) : [],
      }),
    );
  });

  router.post('/staff/surveys/:slug/coding/:question/op', requireRole('researcher'), async (req, res) => {
    const { version, operation } = operationFromForm(req.body ?? {});
    await coding.review(
      req.params.slug,
      req.params.question,
      operation,
      version,
      signedInUser(req).email,
      signedInUser(req).role,
      { unchangedIsFine: true },
    );
    res.redirect(303, backTo(req));
  });

  router.post('/staff/surveys/:slug/coding/:question/undo', requireRole('researcher'), async (req, res) => {
    const { kept } = await coding.undo(
      req.params.slug,
      req.params.question,
      signedInUser(req).email,
      signedInUser(req).role,
    );
    const back = new URL(backTo(req), 'http://canvass.invalid');
    if (kept > 0) back.searchParams.set('kept', String(kept));
    res.redirect(303, `${back.pathname}${back.search}${back.hash}`);
  });

  router.post('/staff/surveys/:slug/coding/:question/suggest', requireRole('researcher'), async (req, res) => {
    await coding.suggest(req.params.slug, req.params.question, signedInUser(req).email, signedInUser(req).role);
    res.redirect(303, backTo(req));
  });

  return router;
}
