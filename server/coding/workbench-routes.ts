import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/auth';
import type { Views } from '../http/views';
import { familiarise, keywordInContext } from '../../analysis/coding/familiarisation';
import { NotFoundError, ValidationError } from '../errors';
import { isFreeText } from '../surveys/question-catalogue';
import type { SurveyService } from '../surveys/survey-service';
import type { CodingService } from './coding-service';
import { reviewOperationSchema } from './review-operations';
import { answerView } from './answers-model';
import type { ResearcherAgreement } from './researcher-agreement';
import { answerTexts, seesOnlyOwn, type CodingState } from './coding-state';
import { codeCounts, countOf } from './code-counts';
import { workbenchModel } from './workbench-model';
import { historyLines } from './history-text';
import { countText } from './count-text';
import { percentText } from '../../analysis/stats-format';

const LIST_FIELDS = ['codes', 'segments', 'answers'];

/** A workbench form as an operation: repeated fields are lists; an empty theme means "no theme". */
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

const coefficient = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/** Agreement between researchers for the page: shown once two or more have coded. */
function agreementView(result: ResearcherAgreement) {
  if (result.coders.length < 2) return null;
  return {
    coders: result.coders,
    units: result.units,
    overall: {
      percent: percentText(result.percentAgreement),
      alpha: coefficient(result.krippendorffAlpha),
      kappa: coefficient(result.cohenKappa),
    },
    perCode: Object.values(result.perCode).map((code) => ({
      label: code.label,
      percent: percentText(code.percentAgreement),
      alpha: coefficient(code.krippendorffAlpha),
      kappa: coefficient(code.cohenKappa),
    })),
    settled: result.disagreements.filter((row) => row.settled).length,
    disagreements: result.disagreements.slice(0, 30).map((row, index) => ({
      answer: row.answer,
      number: index + 1,
      text: row.text,
      codes: result.coders.map((coder) => (row.codes[coder] ?? []).join('; ') || '–'),
      settled: row.settled ? row.settled.codes.join('; ') || 'no codes' : null,
      settledBy: row.settled?.by,
      // Ticked to start with: what they settled on, or else the codes every one of them gave.
      choices: row.given.map((code) => ({
        ...code,
        ticked: row.settled
          ? row.settled.codes.includes(code.label)
          : result.coders.every((coder) => (row.codes[coder] ?? []).includes(code.label)),
      })),
    })),
  };
}

function operationFromForm(body: Record<string, unknown>) {
  const { _csrf: _token, version, back: _back, ...fields } = body;
  const operation: Record<string, unknown> = { ...fields };
  for (const field of LIST_FIELDS)
    if (field in operation)
      operation[field] = ([] as unknown[]).concat(operation[field]).filter((value) => value !== '');
  if (operation.op === 'move-code' && operation.theme === '') operation.theme = null;
  if (operation.op === 'set-independent') operation.on = operation.on === 'true';
  // No box ticked settles the answer on no codes at all.
  if (operation.op === 'settle-answer' && !('codes' in operation)) operation.codes = [];
  if (operation.op === 'code-span') {
    // From the selection form: offsets arrive as text, and either a code is chosen or a new label typed.
    for (const field of ['start', 'end'])
      if (typeof operation[field] === 'string' && operation[field] !== '') operation[field] = Number(operation[field]);
    for (const field of ['code', 'label']) if (operation[field] === '') delete operation[field];
  }
  const parsed = z
    .strictObject({ version: z.coerce.number().int().min(1), operation: reviewOperationSchema })
    .safeParse({ version, operation });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'That change is not valid');
  return parsed.data;
}

const backTo = (req: Request) => {
  const back = typeof req.body?.back === 'string' ? req.body.back : '';
  return back.startsWith(`/staff/surveys/${req.params.slug}/coding/`) && !back.startsWith('//')
    ? back
    : `/staff/surveys/${encodeURIComponent(req.params.slug as string)}/coding/${encodeURIComponent(req.params.question as string)}`;
};

/** The researchers' workbench: server-rendered pages over the coding API's operations. */
export function workbenchRoutes(coding: CodingService, surveys: SurveyService, views: Views): Router {
  const router = Router();

  router.get('/staff/surveys/:slug/coding', requireRole('researcher'), async (req, res) => {
    const { record, compiled } = await surveys.get(req.params.slug as string);
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
    const slug = req.params.slug as string;
    const question = req.params.question as string;
    const stored = await coding.storedFor(slug, question, req.session.user!);
    const { record, compiled } = await surveys.get(slug);
    const page = Number(req.query.page) || 1;
    const independent = stored.state.independent;
    const isAdmin = req.session.user!.role === 'admin';
    // Agreement shows everyone's codes, so not to researchers before an admin reveals independent coding.
    const researchers = seesOnlyOwn(stored.state, req.session.user!)
      ? null
      : agreementView(await coding.agreement(slug, question));
    const filter = req.query.filter === 'undecided' ? 'undecided' : 'all';
    res.send(
      views.page('coding-workbench', {
        title: `Coding: ${compiled.questions.get(question)?.title ?? question}`,
        pageScript: 'workbench.js',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        surveyTitle: record.title,
        question,
        questionTitle: compiled.questions.get(question)?.title ?? question,
        version: stored.version,
        back: req.originalUrl,
        history: historyLines(await coding.history(slug, question, req.session.user!, 100), stored.state).slice(0, 15),
        independent: independent ? { revealed: independent.revealed, since: independent.startedAt } : null,
        isAdmin,
        researchers,
        canSettle: !independent || independent.revealed,
        ...workbenchModel(
          stored.state,
          page,
          filter,
          req.session.user!,
          groupLabelOf(compiled.questions.get(record.analysis?.groupBy ?? '')?.choices ?? []),
        ),
      }),
    );
  });

  router.get('/staff/surveys/:slug/coding/:question/split/:code', requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug as string;
    const question = req.params.question as string;
    const stored = await coding.storedFor(slug, question, req.session.user!);
    const code = stored.state.codes.find((candidate) => candidate.id === req.params.code);
    const viewer = req.session.user!;
    if (!code) throw new NotFoundError({ message: `There is no code "${req.params.code}"` });
    const segments = new Map(stored.state.segments.map((segment) => [segment.id, segment]));
    // Coding independently, a researcher splits only their own applications (see split-code).
    const applied = stored.state.applications.filter(
      (application) =>
        application.codeId === code.id &&
        application.status !== 'rejected' &&
        (!seesOnlyOwn(stored.state, viewer) || application.by === viewer.email),
    );
    res.send(
      views.page('coding-split', {
        title: `Split ${code.label}`,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        question,
        version: stored.version,
        code,
        segments: applied.map((application) => segments.get(application.segmentId)).filter(Boolean),
        back: `/staff/surveys/${encodeURIComponent(slug)}/coding/${encodeURIComponent(question)}`,
      }),
    );
  });

  // Whole answers with what is coded highlighted; select words and code them (coding-answers.js fills the form).
  router.get('/staff/surveys/:slug/coding/:question/answers', requireRole('researcher'), async (req, res) => {
    const slug = req.params.slug as string;
    const question = req.params.question as string;
    const { state, version } = await coding.storedFor(slug, question, req.session.user!);
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
    const slug = req.params.slug as string;
    const question = req.params.question as string;
    const { state } = await coding.storedFor(slug, question, req.session.user!);
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
    const { version, operation } = operationFromForm(req.body as Record<string, unknown>);
    await coding.review(
      req.params.slug as string,
      req.params.question as string,
      operation,
      version,
      req.session.user!.email,
      req.session.user!.role,
    );
    res.redirect(303, backTo(req));
  });

  router.post('/staff/surveys/:slug/coding/:question/undo', requireRole('researcher'), async (req, res) => {
    await coding.undo(
      req.params.slug as string,
      req.params.question as string,
      req.session.user!.email,
      req.session.user!.role,
    );
    res.redirect(303, backTo(req));
  });

  router.post('/staff/surveys/:slug/coding/:question/suggest', requireRole('researcher'), async (req, res) => {
    await coding.suggest(
      req.params.slug as string,
      req.params.question as string,
      req.session.user!.email,
      req.session.user!.role,
    );
    res.redirect(303, backTo(req));
  });

  return router;
}

/** A respondent group (a choice of the survey's grouping question, e.g. role) as the survey words it, not its stored value. */
function groupLabelOf(choices: Array<{ value: unknown; text: string }>) {
  const texts = new Map(choices.map((choice) => [String(choice.value), choice.text]));
  return (group: string) => texts.get(group) ?? group;
}
