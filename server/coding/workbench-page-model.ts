import { scrubPersonalData, wordsInLowerCase, wordsToCheck } from '../../analysis/pii';
import { describeMethod } from '../../analysis/coding/themes';
import { agreement } from '../../analysis/agreement';
import { countText } from './count-text';
import {
  revealedAuthor,
  answerTexts,
  canLearn,
  LEARNED_FROM,
  inNoTheme,
  mergedFromText,
  mergedInto,
  own,
  seesOnlyOwn,
  type CodingState,
  type CodingTheme,
  type Viewer,
  waitingSuggestions,
} from './coding-state';
import { codeCounts, combinedCount, countOf, type CodeCount } from './code-counts';
import { listText, percentText } from '../../analysis/stats-format';
import type { ResearcherAgreement } from './researcher-agreement';

const PAGE_SIZE = 40;
const UNASSIGNED_SHOWN = 10;

/** Quote options with the same words offered once (many respondents give the same short answer); chosen ones first. */
function differentTexts<Option extends { text: string; chosen: boolean }>(options: Option[]): Option[] {
  const seen = new Set<string>();
  return [...options]
    .sort((a, b) => Number(b.chosen) - Number(a.chosen))
    .filter((option) => {
      const words = option.text.toLowerCase().replace(/\s+/g, ' ').trim();
      if (seen.has(words)) return false;
      seen.add(words);
      return true;
    });
}

/**
 * The themes as the board and a theme's page show them: each with its codes, how many respondents raised it (by
 * group), its label's coverage and what it was merged from, and whether this viewer may change it.
 */
export function boardThemes(
  state: CodingState,
  viewer: Viewer = null,
  groupLabel: (group: string) => string = (group) => group,
) {
  // Coding independently, a researcher changes only the codes and themes they made (see review-operations.ts).
  const sealed = seesOnlyOwn(state, viewer);
  // After the reveal, what one researcher made on their own is still theirs to change; admins may change anything.
  const author = revealedAuthor(state, viewer);
  const editable = (owner: string | undefined) =>
    (!sealed || owner === viewer?.email) && (!author || !owner || owner === author);
  const liveCodes = state.codes.filter((code) => code.status !== 'discarded');
  const counts = codeCounts(state);
  const answered = new Set(state.segments.map((segment) => segment.responseId)).size;
  const groupNames = [...new Set(Object.values(state.groups ?? {}))].sort();
  /** Respondents, their share of those who answered, how many a researcher confirmed, and how many in each group. */
  // One answer per respondent to a question: the count is of respondents, said so wherever it is shown.
  const prevalence = ({ respondents: answers, confirmed }: CodeCount) => ({
    answers: answers.size,
    respondents: countText(answers.size, 'respondent'),
    confirmed: confirmed.size,
    share: answered ? `${((answers.size / answered) * 100).toFixed(1)}%` : '–',
    byGroup: groupNames
      .map(
        (group) =>
          `${groupLabel(group)} ${[...answers].filter((answer) => own(state.groups, answer) === group).length}`,
      )
      .join(', '),
  });
  const codeView = (code: CodingState['codes'][number]) => ({
    ...code,
    editable: editable(code.privateTo),
    ...prevalence(countOf(counts, code.id)),
  });
  const themes = state.themes
    .filter((theme) => theme.status !== 'discarded')
    .map((theme) => {
      const codes = liveCodes.filter((code) => code.themeId === theme.id);
      const coverage = theme.labelCoverage === undefined ? null : `${Math.round(theme.labelCoverage * 100)}%`;
      return {
        ...theme,
        editable: editable(theme.privateTo),
        // The most widely raised first, as everywhere else the codes are counted.
        codes: codes.map(codeView).sort((a, b) => b.answers - a.answers),
        prevalence: prevalence(
          combinedCount(
            counts,
            codes.map((code) => code.id),
          ),
        ),
        coverage,
        mergedFromText: mergedFromText(theme),
      };
    });
  const unthemed = liveCodes.filter((code) => inNoTheme(code, themes)).map(codeView);
  return { sealed, liveCodes, answered, themes, unthemed };
}

const MORE_QUOTE_OPTIONS = 10;

/**
 * A theme's quote options, each different text once: the chosen ones, the machine's proposals, then answers a
 * researcher confirmed one of its codes on (the answers they have read and vouched for), up to ten of those.
 */
export function quoteOptions(
  state: CodingState,
  theme: Pick<CodingTheme, 'chosenQuotes' | 'proposedQuotes'>,
  codeIds: string[] = [],
  places: string[] = [],
) {
  const textOf = answerTexts(state);
  // Counted as everywhere else (code-counts.ts): the machine's picks that still carry one of the theme's codes (a
  // code moved out takes its answers with it), and the answers a researcher confirmed one of them on.
  const { respondents: carried, confirmed } = combinedCount(codeCounts(state), codeIds);
  const ownWords = wordsInLowerCase(textOf.values());
  return differentTexts(
    [
      ...new Set([
        ...theme.chosenQuotes,
        ...theme.proposedQuotes.filter((answer) => carried.has(answer)),
        ...[...confirmed].slice(0, MORE_QUOTE_OPTIONS),
      ]),
    ].map((answer) => {
      // As the report will print it, names left out; words that may name someone are pointed out.
      const text = scrubPersonalData(textOf.get(answer) ?? '', places);
      const check = wordsToCheck(text, ownWords);
      return {
        answer,
        text,
        chosen: theme.chosenQuotes.includes(answer),
        check: check.length ? listText(check.map((word) => `“${word}”`)) : null,
      };
    }),
  );
}

/**
 * What the workbench shows: the theme board, a page of segments with their codes and suggestions, and agreement between the machine's suggestions and the researchers' decisions.
 */
export function workbenchModel(
  state: CodingState,
  page: number,
  filter: 'all' | 'undecided',
  viewer: Viewer = null,
  groupLabel: (group: string) => string = (group) => group,
) {
  const { sealed, liveCodes, answered, themes, unthemed } = boardThemes(state, viewer, groupLabel);
  // Coding independently, a researcher merges only codes they made (the shared ones stay until the reveal).
  // A researcher's own code is named with whose it is where others' are listed too (before the reveal an admin
  // sees two "Backfill costs"; after it, everyone does).
  // After the reveal a researcher merges away only codes they may change (their own and the shared ones).
  const author = revealedAuthor(state, viewer);
  const mergeableCodes = (
    sealed
      ? liveCodes.filter((code) => viewer && code.privateTo === viewer.email)
      : liveCodes.filter((code) => !author || !code.privateTo || code.privateTo === author)
  ).map((code) => ({ ...code, label: !sealed && code.privateTo ? `${code.label} (${code.privateTo})` : code.label }));
  // Grouped as on the board (each theme's codes, then those in no theme): a list of 90 codes is read by theme.
  const byTheme = <Code extends { themeId: string | null }>(codes: Code[]) =>
    [
      ...themes.map((theme) => ({ label: theme.label, codes: codes.filter((code) => code.themeId === theme.id) })),
      { label: 'In no theme', codes: codes.filter((code) => inNoTheme(code, themes)) },
    ].filter((group) => group.codes.length > 0);

  const bySegment = new Map<string, CodingState['applications']>();
  for (const application of state.applications)
    bySegment.set(application.segmentId, [...(bySegment.get(application.segmentId) ?? []), application]);
  const labels = new Map(state.codes.map((code) => [code.id, code.label]));
  const waiting = waitingSuggestions(state, viewer?.email);
  const undecided = new Set(waiting.map((application) => application.segmentId));
  const stillWaiting = new Set(waiting);
  const listed = state.segments.filter((segment) => filter === 'all' || undecided.has(segment.id));
  const pages = Math.max(1, Math.ceil(listed.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const segments = listed.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((segment) => ({
    ...segment,
    // A suggestion a researcher has decided on (coding independently it stays, for the others) is not offered again.
    applications: (bySegment.get(segment.id) ?? [])
      .filter((application) => application.status !== 'suggested' || stillWaiting.has(application))
      .map((application) => ({
        ...application,
        label: labels.get(application.codeId) ?? application.codeId,
      })),
  }));

  const textOf = answerTexts(state);
  // Answers that fit no candidate theme: a count and the first few, for researchers to place or leave.
  const unassigned = state.unassigned?.length
    ? {
        count: state.unassigned.length,
        counted: countText(state.unassigned.length, 'answer'),
        one: state.unassigned.length === 1,
        share: answered ? `${((state.unassigned.length / answered) * 100).toFixed(1)}%` : '–',
        shown: state.unassigned
          .slice(0, UNASSIGNED_SHOWN)
          .map((answer) => ({ answer, text: textOf.get(answer) ?? '' })),
        more: state.unassigned.length > UNASSIGNED_SHOWN,
      }
    : null;

  // Researcher against machine, over the suggestions researchers have decided on, code by code.
  const decided = state.applications.filter((application) => application.status !== 'suggested');
  const perCode = liveCodes
    .map((code) => {
      const units = decided
        .filter((application) => application.codeId === code.id)
        .map((application) => [
          application.origin === 'researcher' ? 'no' : 'yes',
          application.status === 'accepted' ? 'yes' : 'no',
        ]);
      const result = agreement(units);
      return { label: code.label, decided: units.length, percent: result.percentAgreement, kappa: result.cohenKappa };
    })
    .filter((row) => row.decided > 0);

  return {
    sealed,
    canSuggest: canLearn(state),
    learnedFrom: LEARNED_FROM,
    memos: state.memos,
    method: state.method ? describeMethod(state.method) : null,
    themes,
    unassigned,
    unthemed,
    allThemes: state.themes.filter((theme) => theme.status !== 'discarded'),
    // Merged ones live on in the theme they joined; a discarded one can be brought back from its page.
    discardedThemes: state.themes
      .filter((theme) => theme.status === 'discarded' && !mergedInto(state.themes, theme))
      .map((theme) => ({ id: theme.id, label: theme.label })),
    allCodes: byTheme(liveCodes),
    mergeableCodes: byTheme(mergeableCodes),
    canMergeCodes: mergeableCodes.length > 1,
    segments,
    page: current,
    pages,
    previous: current > 1 ? current - 1 : null,
    next: current < pages ? current + 1 : null,
    filter,
    agreement: perCode.map((row) => ({
      ...row,
      percent: row.percent === null ? '–' : `${row.percent.toFixed(0)}%`,
      kappa: row.kappa === null ? '–' : row.kappa.toFixed(2),
    })),
    counts: {
      segments: countText(state.segments.length, 'segment'),
      answers: countText(answered, 'respondent'),
      suggested: waiting.length,
      decided: decided.length,
    },
  };
}

const coefficient = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/** Agreement between researchers for the workbench: shown once two or more have coded (and it may be shown). */
export function agreementView(result: ResearcherAgreement | null, names = new Map<string, string>()) {
  if (!result || result.coders.length < 2) return null;
  return {
    coders: result.coders,
    units: result.units,
    compared: countText(result.compared, 'answer'),
    of: countText(result.units, 'answer'),
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
      name: names.get(row.answer) ?? `Answer ${index + 1} of these`,
      text: row.text,
      codes: result.coders.map((coder) =>
        row.uncoded.includes(coder) ? 'not coded yet' : (row.codes[coder] ?? []).join('; ') || 'no code (rejected)',
      ),
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

/** A respondent group (a choice of the survey's grouping question, e.g. role) as the survey words it, not its stored value. */
export function groupLabelOf(choices: Array<{ value: unknown; text: string }>) {
  const texts = new Map(choices.map((choice) => [String(choice.value), choice.text]));
  return (group: string) => texts.get(group) ?? group;
}
