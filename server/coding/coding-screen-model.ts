import { z } from 'zod';
import {
  revealedAuthor,
  codedOverlapping,
  countedApplications,
  isResearcher,
  waitingSuggestions,
  canLearn,
  LEARNED_FROM,
  type CodingState,
} from './coding-state';
import { codeCounts, combinedCount, countOf } from './code-counts';
import type { CompiledSurvey } from '../surveys/compiled-survey';
import type { SurveyRecord } from '../surveys/survey-record';

/**
 * Paul Tol's "muted" qualitative scheme, chosen to stay distinguishable under the common colour-vision
 * deficiencies (https://personal.sron.nl/~pault/#sec:qualitative). A code's colour follows its place among the
 * codes in use, in the order they were made: moving or renaming a code keeps its colour, and up to nine codes in
 * use never share one (counting discarded codes too would soon give a new code the colour of one on screen).
 */
export const CODE_COLOURS = [
  '#CC6677',
  '#332288',
  '#DDCC77',
  '#117733',
  '#88CCEE',
  '#882255',
  '#44AA99',
  '#999933',
  '#AA4499',
] as const;

export const ANSWERS_PER_SCREEN = 25;

export const screenQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  show: z.enum(['all', 'uncoded', 'suggested', 'unassigned']).catch('all'),
  code: z.string().max(100).catch(''),
  /** Answers carrying any code of this theme (the theme page's "read its answers"). */
  theme: z.string().max(100).catch(''),
  role: z.string().max(200).catch(''),
  area: z.string().max(200).catch(''),
});
export type ScreenQuery = z.infer<typeof screenQuerySchema>;

/** One answer to the question as the screen needs it: its text and who gave it, by name not by id. */
export interface ScreenAnswer {
  id: string;
  text: string;
  role: string | null;
  area: string | null;
}

/** "Practice Quality Lead (PQL)" is shown as "PQL": an answer's name must stay short. */
const shortName = (text: string) => /\(([^()]{1,12})\)\s*$/.exec(text)?.[1] ?? text;

/** Who gave an answer, by name: the respondent's role (short) and area, from the survey's choices and areas. */
export function answerNaming(record: SurveyRecord, compiled: CompiledSurvey) {
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
  return (data: Record<string, unknown>) => {
    const role = roleQuestion ? data[roleQuestion] : undefined;
    const area = areaQuestion ? data[areaQuestion] : undefined;
    return {
      role: role === undefined || role === null ? null : (roleNames.get(String(role)) ?? String(role)),
      area: area === undefined || area === null ? null : (areaNames.get(String(area)) ?? String(area)),
    };
  };
}

/** An answer as people name it: its number among the coded answers to the question, and who gave it. */
export const answerName = (number: number, { role, area }: Pick<ScreenAnswer, 'role' | 'area'>) =>
  [`Answer ${number}`, role, area].filter(Boolean).join(' · ');

const confidenceText = (value: number | null) => (value === null ? null : `${Math.round(value * 100)}%`);

/**
 * The one-screen coding view: the codebook as a tree with counts and a colour per code, one page of answers with
 * coded and suggested stretches cut out by code, and the filters. Built from the stored coding and the answers'
 * texts; it holds no state of its own, so every change still goes through the coding operations.
 */
export function codingScreenModel(
  state: CodingState,
  answers: ScreenAnswer[],
  query: ScreenQuery,
  viewer?: string,
  role?: string,
) {
  // After the reveal what a researcher made on their own is theirs to change (review-operations.ts): the others'
  // say whose they are, and the screen offers nothing that would be refused. Admins may change anything.
  const author = viewer ? revealedAuthor(state, { email: viewer, role: role ?? 'researcher' }) : null;
  const heldBy = (owner?: string) => (author && owner && owner !== author ? owner : null);
  // Coding independently, each researcher removes only their own coding; the others' is shown as theirs.
  const removable = (application: CodingState['applications'][number]) =>
    !state.independent || application.by === viewer;
  const inUse = state.codes.filter((code) => code.status !== 'discarded');
  const colourOf = new Map(inUse.map((code, index) => [code.id, CODE_COLOURS[index % CODE_COLOURS.length]!]));
  const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
  const counted = countedApplications(state);
  // A discarded code's applications are kept for the record, but are no longer on the answers.
  const accepted = counted.filter(
    (application) => application.status === 'accepted' && colourOf.has(application.codeId),
  );
  const suggested = waitingSuggestions(state, viewer).filter((application) => colourOf.has(application.codeId));

  const counts = codeCounts(state);
  // Every suggestion still waiting for a decision, as the answers show them.
  const waiting = new Map<string, number>();
  for (const application of suggested) waiting.set(application.codeId, (waiting.get(application.codeId) ?? 0) + 1);
  // A theme's waiting passages: each passage once, however many of its codes are suggested there.
  const waitingPassages = (codeIds: Set<string>) =>
    new Set(
      suggested.filter((application) => codeIds.has(application.codeId)).map((application) => application.segmentId),
    ).size;

  const liveCodes = state.codes.filter((code) => code.status !== 'discarded');
  const liveThemes = state.themes.filter((theme) => theme.status !== 'discarded');
  const codeNode = (code: CodingState['codes'][number]) => ({
    id: code.id,
    label: code.label,
    definition: code.definition,
    status: code.status,
    themeId: code.themeId ?? null,
    mixed: code.mixed === true,
    colour: colourOf.get(code.id)!,
    passages: countOf(counts, code.id).confirmedSegments.size,
    people: countOf(counts, code.id).confirmed.size,
    waiting: waiting.get(code.id) ?? 0,
    heldBy: heldBy(code.privateTo),
  });
  const themes = liveThemes.map((theme) => {
    const codes = liveCodes.filter((code) => code.themeId === theme.id);
    const { confirmed: people, confirmedSegments: passages } = combinedCount(
      counts,
      codes.map((code) => code.id),
    );
    return {
      id: theme.id,
      label: theme.label,
      definition: theme.definition,
      status: theme.status,
      mixed: theme.mixed === true,
      passages: passages.size,
      people: people.size,
      waiting: waitingPassages(new Set(codes.map((code) => code.id))),
      heldBy: heldBy(theme.privateTo),
      // Largest first, as the board and the theme pages list them: by respondents the code is on, suggested or confirmed.
      codes: [...codes]
        .sort((a, b) => countOf(counts, b.id).respondents.size - countOf(counts, a.id).respondents.size)
        .map(codeNode),
    };
  });
  const unthemed = liveCodes.filter((code) => !liveThemes.some((theme) => theme.id === code.themeId)).map(codeNode);

  // Which answers carry what, for the filters and the cards.
  const byAnswer = new Map<string, { coded: typeof accepted; waiting: typeof suggested }>();
  const entry = (id: string) => byAnswer.get(id) ?? byAnswer.set(id, { coded: [], waiting: [] }).get(id)!;
  for (const application of accepted) {
    const segment = segments.get(application.segmentId);
    if (segment) entry(segment.responseId).coded.push(application);
  }
  for (const application of suggested) {
    const segment = segments.get(application.segmentId);
    if (segment) entry(segment.responseId).waiting.push(application);
  }

  const numbered = answers.map((answer, index) => ({ ...answer, number: index + 1 }));
  const leftOut = new Set(state.unassigned ?? []);
  const themeCodes = new Set(liveCodes.filter((code) => code.themeId === query.theme).map((code) => code.id));
  const carriesTheme = (carries: { coded: typeof accepted; waiting: typeof suggested } | undefined) =>
    [...(carries?.coded ?? []), ...(carries?.waiting ?? [])].some((application) => themeCodes.has(application.codeId));
  const matching = numbered.filter((answer) => {
    const carries = byAnswer.get(answer.id);
    if (query.show === 'unassigned' && !leftOut.has(answer.id)) return false;
    if (query.show === 'uncoded' && (carries?.coded.length ?? 0) > 0) return false;
    if (query.show === 'suggested' && (carries?.waiting.length ?? 0) === 0) return false;
    if (
      query.code &&
      !carries?.coded.some((application) => application.codeId === query.code) &&
      !carries?.waiting.some((application) => application.codeId === query.code)
    )
      return false;
    if (query.theme && !carriesTheme(carries)) return false;
    if (query.role && answer.role !== query.role) return false;
    if (query.area && answer.area !== query.area) return false;
    return true;
  });
  const pages = Math.max(1, Math.ceil(matching.length / ANSWERS_PER_SCREEN));
  const page = Math.min(query.page, pages);
  const labelOf = new Map(state.codes.map((code) => [code.id, code.label]));

  const card = (answer: (typeof numbered)[number]) => {
    const carries = byAnswer.get(answer.id) ?? { coded: [], waiting: [] };
    const ranges = [
      ...carries.coded.map((application) => ({ application, kind: 'coded' as const })),
      ...carries.waiting.map((application) => ({ application, kind: 'suggested' as const })),
    ].map(({ application, kind }) => ({ ...segments.get(application.segmentId)!, codeId: application.codeId, kind }));
    const length = answer.text.length;
    const cuts = [
      ...new Set([
        0,
        length,
        ...ranges.flatMap((range) => [range.start, range.end]).filter((at) => at > 0 && at < length),
      ]),
    ].sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const [from, to] = [cuts[i]!, cuts[i + 1]!];
      const over = ranges.filter((range) => range.start <= from && range.end >= to);
      pieces.push({
        text: answer.text.slice(from, to),
        codes: [...new Set(over.filter((range) => range.kind === 'coded').map((range) => range.codeId))],
        suggested: [...new Set(over.filter((range) => range.kind === 'suggested').map((range) => range.codeId))],
      });
    }
    const codeIds = [...new Set(carries.coded.map((application) => application.codeId))];
    return {
      id: answer.id,
      number: answer.number,
      name: answerName(answer.number, answer),
      pieces,
      codes: codeIds.map((codeId) => {
        const given = carries.coded.filter((application) => application.codeId === codeId);
        const own = [...new Set(given.filter(removable).map((application) => application.segmentId))];
        return {
          id: codeId,
          label: labelOf.get(codeId) ?? codeId,
          colour: colourOf.get(codeId) ?? CODE_COLOURS[0],
          by: [...new Set(given.map((application) => application.by))].filter(isResearcher),
          passages: own.map((segment) => ({ segment, words: segments.get(segment)!.text })),
        };
      }),
      // Those learned from the researchers' decisions (with a confidence) come first, most sure first; those
      // proposed with the themes (no confidence) after them, in the order they were made.
      suggestions: [...carries.waiting]
        .sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1))
        .map((application) => ({
          segment: application.segmentId,
          code: application.codeId,
          label: labelOf.get(application.codeId) ?? application.codeId,
          colour: colourOf.get(application.codeId) ?? CODE_COLOURS[0],
          confidence: confidenceText(application.confidence),
          evidence: application.evidence.join(', '),
          words: segments.get(application.segmentId)!.text,
        })),
    };
  };

  const distinct = (values: Array<string | null>) =>
    [...new Set(values.filter((value): value is string => Boolean(value)))].sort();
  const uncoded = numbered.filter((answer) => (byAnswer.get(answer.id)?.coded.length ?? 0) === 0).length;
  return {
    independent: Boolean(state.independent),
    codebook: { themes, unthemed },
    answers: matching.slice((page - 1) * ANSWERS_PER_SCREEN, page * ANSWERS_PER_SCREEN).map(card),
    filters: {
      ...query,
      page,
      roles: distinct(answers.map((answer) => answer.role)),
      areas: distinct(answers.map((answer) => answer.area)),
    },
    page,
    pages,
    matching: matching.length,
    first: matching.length === 0 ? 0 : (page - 1) * ANSWERS_PER_SCREEN + 1,
    last: Math.min(matching.length, page * ANSWERS_PER_SCREEN),
    counts: { answers: answers.length, uncoded, suggested: suggested.length },
    memos: [...state.memos].reverse().map((memo) => ({ text: memo.text, by: memo.by, at: memo.at })),
    // What "Suggest codes" needs (coding-service.ts's suggest): said before it is pressed, not after.
    suggest: { ready: canLearn(state), learnedFrom: LEARNED_FROM },
  };
}

export type CodingScreen = ReturnType<typeof codingScreenModel>;

/**
 * The passages a code is on (coded or suggested), each with the name of its answer: what splitting a code offers. A
 * suggestion on words the viewer coded with it in part is no passage of its own (the screen does not show it).
 */
export function codePassages(state: CodingState, answers: ScreenAnswer[], codeId: string, viewer?: string) {
  const codedThere = codedOverlapping(state, viewer);
  const nameOf = new Map(
    answers.map((answer, index) => [
      answer.id,
      [`Answer ${index + 1}`, answer.role, answer.area].filter(Boolean).join(' · '),
    ]),
  );
  const place = new Map(answers.map((answer, index) => [answer.id, index]));
  const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
  const seen = new Set<string>();
  return state.applications
    .filter(
      (application) =>
        application.codeId === codeId &&
        application.status !== 'rejected' &&
        segments.has(application.segmentId) &&
        !(application.status === 'suggested' && codedThere(application)),
    )
    .filter((application) => !seen.has(application.segmentId) && Boolean(seen.add(application.segmentId)))
    .sort((a, b) => {
      const [x, y] = [segments.get(a.segmentId)!, segments.get(b.segmentId)!];
      return (place.get(x.responseId) ?? Infinity) - (place.get(y.responseId) ?? Infinity) || x.start - y.start;
    })
    .map((application) => {
      const segment = segments.get(application.segmentId)!;
      return {
        segment: segment.id,
        words: segment.text,
        answer: nameOf.get(segment.responseId) ?? 'An answer no longer stored',
        suggested: application.status === 'suggested',
      };
    });
}
