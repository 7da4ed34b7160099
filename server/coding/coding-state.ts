import { MIXED_PREFIX } from '../../analysis/coding/phrase-labels';
import type { InductiveResult } from '../../analysis/coding/themes';
import { withoutContrastWith } from '../../analysis/coding/theme-contrast';

type InductiveMethod = InductiveResult['method'];

/**
 * Everything known about the coding of one free-text question of one survey: its segments, the codes and
 * candidate themes, and which codes apply to which segments, by whom and how sure. Stored as one versioned
 * document per survey and question, with every change kept in an audit trail that can be undone.
 */
export type CodeSource = 'inductive' | 'codebook' | 'researcher';
export type ReviewStatus = 'proposed' | 'accepted' | 'discarded';

export interface CodingSegment {
  id: string;
  responseId: string;
  text: string;
  /** Character offsets of the segment in the answer, for exchange with other tools. */
  start: number;
  end: number;
  /** A span a researcher coded while coding independently: theirs alone until the reveal. */
  privateTo?: string;
}

export interface CodingCode {
  id: string;
  label: string;
  definition: string;
  keywords: string[];
  source: CodeSource;
  themeId: string | null;
  parentId: string | null;
  status: ReviewStatus;
  /** The machine found no phrase its segments share ("Mixed: …"): renamed before it can be accepted. */
  mixed?: boolean;
  /** A code a researcher made while coding independently: theirs alone until the reveal. */
  privateTo?: string;
  /** The researcher who last reshaped it (renamed, defined, moved, merged into, promoted): a re-run keeps it. */
  reviewedBy?: string;
}

export interface CodingTheme {
  id: string;
  label: string;
  definition: string;
  /** Who last wrote the definition; absent while it is the machine's (which merging drops, as renaming a mixed group does). */
  definedBy?: string;
  /** The researcher who last reshaped it (renamed, defined, merged another into it): a re-run keeps it. */
  reviewedBy?: string;
  status: ReviewStatus;
  /** Response ids of the answers the machine proposes as quotes. */
  proposedQuotes: string[];
  /** Response ids of the answers researchers chose for the report. */
  chosenQuotes: string[];
  /** The machine found no phrase shared by a third of its answers: for review, never reported as a finding. */
  mixed?: boolean;
  /** Share of the theme's answers whose words include the machine's label's content words. */
  labelCoverage?: number;
  /** Labels of the near-duplicate groups the machine merged into this theme, then of themes researchers merged into it. */
  mergedFrom?: string[];
  /** A theme a researcher made while coding independently: theirs alone until the reveal. */
  privateTo?: string;
  /** Discarded by a researcher: the codes it held then, which go back into it if it is brought back. */
  releasedCodes?: string[];
  /** Merged into another theme by a researcher: that theme's id. */
  mergedIntoId?: string;
}

export interface CodeApplication {
  segmentId: string;
  codeId: string;
  /** Who first put the code on the segment: the machine (a suggestion) or a researcher. */
  origin?: 'machine' | 'researcher';
  /** "machine" or the e-mail of the researcher. */
  by: string;
  status: 'suggested' | 'accepted' | 'rejected';
  confidence: number | null;
  evidence: string[];
  /** A machine suggestion learned from one researcher's decisions while coding independently: shown to them only. */
  suggestedFor?: string;
}

/**
 * Independent coding: each researcher's code applications are theirs alone (one per researcher, segment and
 * code) and, until an admin reveals them, each researcher sees only their own and the machine's suggestions.
 */
export interface IndependentCoding {
  startedAt: string;
  revealed: boolean;
}

export interface CodingState {
  surveySlug: string;
  question: string;
  independent?: IndependentCoding;
  segments: CodingSegment[];
  codes: CodingCode[];
  themes: CodingTheme[];
  applications: CodeApplication[];
  memos: CodingMemo[];
  /** Each coded answer's group (for the CQL/PQL survey: role), for prevalence by group. */
  groups?: Record<string, string>;
  /** Response ids of the answers that fit no candidate theme well, left for researchers to place. */
  unassigned?: string[];
  /** How the machine's proposal was made (representation, how the number of themes was chosen). */
  method?: InductiveMethod;
  /** Answers the researchers settled after comparing their coding: the codes the answer carries, by response id. */
  consensus?: Record<string, SettledAnswer>;
  /** The latest changes, each as what it touched, so that each person can take back their own (see coding-changes.ts). */
  undoLog?: UndoEntry[];
}

export interface CodingMemo {
  id: string;
  text: string;
  by: string;
  at: string;
  /** A memo written while coding independently: its author's alone until the reveal. */
  privateTo?: string;
}

/** One thing a change touched, before and after (absent: it did not exist); see coding-changes.ts. */
export type Part = 'codes' | 'themes' | 'segments' | 'applications' | 'memos' | 'consensus' | 'settings';
export interface PartChange {
  part: Part;
  key: string;
  before?: unknown;
  after?: unknown;
}

export interface UndoEntry {
  /** The version the change made. */
  version: number;
  by: string;
  operation: string;
  changes: PartChange[];
  /** Set on an undo: the version it took back. */
  undoes?: number;
  undone?: boolean;
}

/** Who is looking: null for what everyone may see (the report). */
export type Viewer = { email: string; role: string } | null;

/** While a question is coded independently and not yet revealed. */
export const isSealed = (state: Pick<CodingState, 'independent'>): boolean =>
  Boolean(state.independent && !state.independent.revealed);

/** Whether someone sees each researcher's work apart (admins see it all). */
export const seesOnlyOwn = (state: Pick<CodingState, 'independent'>, viewer: Viewer): boolean =>
  isSealed(state) && viewer?.role !== 'admin';

/**
 * After the reveal, the researcher (not an admin) who may change only what they made on their own, and anything
 * shared; null before it, or for an admin, who may change anything.
 */
export const revealedAuthor = (state: Pick<CodingState, 'independent'>, viewer: Viewer): string | null =>
  state.independent?.revealed && viewer && viewer.role !== 'admin' ? viewer.email : null;

/** Own-property lookup in a record keyed by ids that come from people ("constructor" is an answer id too). */
export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

export interface SettledAnswer {
  codes: string[];
  by: string;
  at: string;
}

/** Each coded answer's text, put back together from its segments, by response id. */
export function answerTexts(state: Pick<CodingState, 'segments'>): Map<string, string> {
  // Spans a researcher coded overlap the machine's sentences: each stretch of an answer is taken once.
  const ordered = [...state.segments].sort(
    (a, b) => a.responseId.localeCompare(b.responseId) || a.start - b.start || b.end - a.end,
  );
  const texts = new Map<string, string>();
  const covered = new Map<string, number>();
  for (const segment of ordered) {
    if (segment.start < (covered.get(segment.responseId) ?? 0)) continue;
    covered.set(segment.responseId, segment.end);
    texts.set(segment.responseId, [texts.get(segment.responseId), segment.text].filter(Boolean).join(' '));
  }
  return texts;
}

/**
 * The coding without the answers of some responses: their segments, the codes applied to those segments,
 * their place among a theme's quotes and their group. What researchers wrote (codes, themes, memos) stays.
 */
export function withoutResponses(state: CodingState, responseIds: ReadonlySet<string>): CodingState {
  const segments = state.segments.filter((segment) => !responseIds.has(segment.responseId));
  const kept = new Set(segments.map((segment) => segment.id));
  // The machine's theme definitions quote a typical answer, possibly one being purged (a theme's typical answer need
  // not carry its codes): when any answer goes, every machine definition loses its example; a re-run writes new ones.
  const purging = state.segments.some((segment) => responseIds.has(segment.responseId));
  const applications = state.applications.filter((application) => kept.has(application.segmentId));
  // A code or theme the machine proposed, that no one has worked on and that only the purged answers carried, was
  // named from their words ("Zebraold one" from "Zebraold one said…"): it goes with them. A codebook's codes, and
  // any code no answer has carried yet, stay.
  const untouched = (thing: CodingCode | CodingTheme) =>
    thing.status === 'proposed' && !thing.reviewedBy && !('definedBy' in thing && thing.definedBy);
  const carrying = new Set(applications.map((application) => application.codeId));
  const carriedPurged = new Set(
    state.applications
      .filter((application) => !kept.has(application.segmentId))
      .map((application) => application.codeId),
  );
  const droppedCodes = new Set(
    state.codes
      .filter(
        (code) =>
          code.source === 'inductive' && untouched(code) && carriedPurged.has(code.id) && !carrying.has(code.id),
      )
      .map((code) => code.id),
  );
  const codes = state.codes.filter((code) => !droppedCodes.has(code.id));
  const themed = new Set(codes.map((code) => code.themeId));
  const gone = state.themes.filter(
    (theme) =>
      untouched(theme) &&
      theme.chosenQuotes.length === 0 &&
      !themed.has(theme.id) &&
      // Its codes or quotes were the purged answers', or it never had a code (it then held its answers only
      // through the grouping, which the coding does not keep).
      (state.codes.some((code) => code.themeId === theme.id && droppedCodes.has(code.id)) ||
        theme.proposedQuotes.some((id) => responseIds.has(id)) ||
        !state.codes.some((code) => code.themeId === theme.id)),
  );
  const goneIds = new Set(gone.map((theme) => theme.id));
  const withoutGone = (definition: string) =>
    gone.reduce((text, theme) => withoutContrastWith(text, theme.label), definition);
  return {
    ...state,
    segments,
    applications,
    codes: codes.map((code) => (code.themeId && goneIds.has(code.themeId) ? { ...code, themeId: null } : code)),
    themes: state.themes
      .filter((theme) => !goneIds.has(theme.id))
      .map((theme) => ({
        ...theme,
        ...(purging && !theme.definedBy ? { definition: withoutGone(withoutExample(theme.definition)) } : {}),
        proposedQuotes: theme.proposedQuotes.filter((id) => !responseIds.has(id)),
        chosenQuotes: theme.chosenQuotes.filter((id) => !responseIds.has(id)),
      })),
    ...(state.groups
      ? { groups: Object.fromEntries(Object.entries(state.groups).filter(([id]) => !responseIds.has(id))) }
      : {}),
    ...(state.unassigned ? { unassigned: state.unassigned.filter((id) => !responseIds.has(id)) } : {}),
    ...(state.consensus
      ? { consensus: Object.fromEntries(Object.entries(state.consensus).filter(([id]) => !responseIds.has(id))) }
      : {}),
    // The undo log holds answers' words too: purging forgets it (what was done stays in the audit trail).
    ...(state.undoLog ? { undoLog: [] } : {}),
  };
}

/** A machine definition without its quoted typical answer (", as in “…”", as analysis/coding/themes.ts writes it). */
const withoutExample = (definition: string) => definition.replace(/, as in “[^”]*”/g, '');

// A code is learned from once researchers have accepted or applied it on this many answers: from one or two, a
// classifier told apart "Nothing" and two codes of the researcher's and then suggested "Nothing" for 5,105 of
// 5,116 segments of a 3,000-answer walk, at "65% sure".
export const LEARNED_FROM = 5;

/** The codes suggestions can be learned from: those decided on at least LEARNED_FROM segments. */
export function learnableCodes(state: CodingState): Set<string> {
  const segments = new Map<string, Set<string>>();
  for (const application of decidedApplications(state))
    segments.set(application.codeId, (segments.get(application.codeId) ?? new Set()).add(application.segmentId));
  return new Set([...segments].filter(([, decided]) => decided.size >= LEARNED_FROM).map(([codeId]) => codeId));
}

/** Whether suggestions can be learned yet: two codes or more are learnable (one code alone tells nothing apart). */
export const canLearn = (state: CodingState) => learnableCodes(state).size >= 2;

/**
 * What suggestions are learned from: the applications accepted or given, of codes still in use. Learning needs
 * two different codes among them, each decided on LEARNED_FROM segments (learnableCodes), which the workbench
 * checks before offering it.
 */
export function decidedApplications(state: CodingState): CodeApplication[] {
  const live = new Set(state.codes.filter((code) => code.status !== 'discarded').map((code) => code.id));
  return state.applications.filter((application) => application.status === 'accepted' && live.has(application.codeId));
}

/** Whether an application's `by` is a researcher's own judgement: not the machine's suggestion nor the settled consensus. */
export const isResearcher = (by: string) => by !== 'machine' && by !== 'consensus';

/** Where a code is applied (a segment and a code), as one key: whoever applied it, it is one place. */
export const placeKey = (place: { segmentId: string; codeId: string }) => `${place.segmentId}\u0000${place.codeId}`;

/**
 * The machine's suggestions still waiting for a decision by this viewer. Coding independently (revealed or not), a
 * researcher's decision is an application of their own and the machine's suggestion stays as it was for the other
 * coders: it no longer waits for the one who decided, and a suggestion made for someone else waits for them alone.
 * Otherwise a decision changes the suggestion itself, and whoever decided, it waits no more. A suggestion also waits
 * no more where a researcher has put the same code on words of the same answer that overlap it: they chose where
 * that code goes there (a code they coded a phrase with, merged into the code suggested on its sentence, would
 * otherwise stand on the answer both as coded and as waiting, and accepting it would count the passage twice).
 */
export function waitingSuggestions(
  state: Pick<CodingState, 'applications' | 'independent' | 'segments'>,
  viewer?: string,
): CodeApplication[] {
  const independent = Boolean(state.independent);
  const decided = new Set(state.applications.filter(decidedBy(state, viewer)).map(placeKey));
  const codedThere = codedOverlapping(state, viewer);
  return state.applications.filter(
    (application) =>
      application.status === 'suggested' &&
      (!independent || application.suggestedFor === undefined || application.suggestedFor === viewer) &&
      !decided.has(placeKey(application)) &&
      !codedThere(application),
  );
}

/** A researcher's decision this viewer goes by: anyone's, or while coding independently, the viewer's own. */
const decidedBy =
  (state: Pick<CodingState, 'independent'>, viewer?: string) =>
  (application: CodeApplication): boolean =>
    application.by !== 'machine' && (!state.independent || application.by === viewer);

/**
 * Whether a researcher (coding independently: this viewer) has put a code on words of an answer that overlap a
 * segment: a suggestion of that code there waits for no decision, and none is made there.
 */
export function codedOverlapping(
  state: Pick<CodingState, 'applications' | 'independent' | 'segments'>,
  viewer?: string,
): (place: { segmentId: string; codeId: string }) => boolean {
  const segmentOf = new Map(state.segments.map((segment) => [segment.id, segment]));
  const codedAt = new Map<string, CodingSegment[]>();
  for (const application of state.applications.filter(decidedBy(state, viewer))) {
    const segment = segmentOf.get(application.segmentId);
    if (application.status !== 'accepted' || !segment) continue;
    const key = `${segment.responseId}\u0000${application.codeId}`;
    const coded = codedAt.get(key);
    if (coded) coded.push(segment);
    else codedAt.set(key, [segment]);
  }
  return (place) => {
    const segment = segmentOf.get(place.segmentId);
    return (
      !!segment &&
      (codedAt.get(`${segment.responseId}\u0000${place.codeId}`) ?? []).some(
        (coded) => coded.start < segment.end && segment.start < coded.end,
      )
    );
  };
}

/**
 * The code applications that count (prevalence, the report, the codebook's uses): on an answer the researchers
 * settled, only the codes they settled on; elsewhere every application not rejected.
 */
export function countedApplications(
  state: Pick<CodingState, 'segments' | 'applications' | 'consensus'>,
): CodeApplication[] {
  const live = state.applications.filter((application) => application.status !== 'rejected');
  if (!state.consensus || Object.keys(state.consensus).length === 0) return live;
  const responseOf = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  return live.filter((application) => {
    const settled = own(state.consensus, responseOf.get(application.segmentId) ?? '');
    return !settled || settled.codes.includes(application.codeId);
  });
}

/** A code no live theme holds (none given, or its theme gone): what the board lists under "Codes in no theme". */
export const inNoTheme = (code: Pick<CodingCode, 'themeId'>, themes: ReadonlyArray<Pick<CodingTheme, 'id'>>) =>
  !code.themeId || !themes.some((theme) => theme.id === code.themeId);

/**
 * The theme a theme off the board was merged into, followed along later merges (A into B, then B into C: C; a
 * theme it joined that was discarded since is the one named, to be brought back from its page); null if it was
 * discarded. Codings saved before merges recorded their target name it by "merged from" in a live theme.
 */
export function mergedInto(themes: readonly CodingTheme[], gone: CodingTheme): CodingTheme | null {
  const byId = new Map(themes.map((theme) => [theme.id, theme]));
  let into: CodingTheme | null = null;
  const seen = new Set([gone.id]);
  for (
    let next = byId.get(gone.mergedIntoId ?? '');
    next && !seen.has(next.id);
    next = byId.get(next.mergedIntoId ?? '')
  ) {
    into = next;
    seen.add(next.id);
    if (next.status !== 'discarded') break;
  }
  if (into || gone.mergedIntoId || gone.releasedCodes) return into;
  return (
    [...themes]
      .reverse()
      .find(
        (theme) =>
          theme.status !== 'discarded' && theme.privateTo === gone.privateTo && theme.mergedFrom?.includes(gone.label),
      ) ?? null
  );
}

/** A code's or theme's name as names are compared: "Backfill  costs " is "backfill costs". */
export const nameKey = (label: string) => label.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/**
 * What a theme was merged from, as a reader sees it: each other label quoted, or null. Look-alike groups that had
 * the theme's own name add nothing to it ("merged from “Service”" under "Service").
 */
export function mergedFromText(theme: Pick<CodingTheme, 'label' | 'mergedFrom'>): string | null {
  const others = (theme.mergedFrom ?? []).filter((label) => label !== theme.label);
  // A mixed group's name ("Mixed: staff, engage, cooking") is the machine's shorthand, not a theme a reader knows.
  const named = others.filter((label) => !label.startsWith(MIXED_PREFIX));
  const mixed = others.length - named.length;
  const parts = [
    ...named.map((label) => `“${label}”`),
    ...(mixed ? [mixed === 1 ? 'a mixed group' : `${mixed} mixed groups`] : []),
  ];
  return parts.length ? parts.join(', ') : null;
}

/** This person's latest change that is not an undo and not undone yet (the undo log starts again at each run). */
export function lastUndoable(state: CodingState, by: string) {
  const log = state.undoLog ?? [];
  const undone = new Set(log.flatMap((entry) => (entry.undoes === undefined ? [] : [entry.undoes])));
  return [...log]
    .reverse()
    .find((entry) => entry.by === by && entry.undoes === undefined && !undone.has(entry.version));
}

/**
 * The one visibility rule: the coding as someone may see it. While a question is coded independently and not
 * revealed, a researcher's view is the machine's proposal plus their own work only (codes, themes, spans, memos,
 * applications, suggestions learned from their own decisions); what everyone may see (viewer null: the report) is
 * the machine's proposal alone. Admins see everything. The undo log is nobody's to read.
 */
export function codingSeenBy(state: CodingState, viewer: Viewer): CodingState {
  const { undoLog: _undoLog, ...seen } = state;
  if (!seesOnlyOwn(state, viewer)) return seen;
  const mine = (owner: string | undefined) => owner === undefined || owner === viewer?.email;
  return {
    ...seen,
    codes: seen.codes.filter((code) => mine(code.privateTo)),
    themes: seen.themes.filter((theme) => mine(theme.privateTo)),
    segments: seen.segments.filter((segment) => mine(segment.privateTo)),
    memos: seen.memos.filter((memo) => mine(memo.privateTo)),
    applications: seen.applications.filter((application) =>
      application.by === 'machine'
        ? mine(application.suggestedFor)
        : Boolean(viewer) && application.by === viewer!.email,
    ),
  };
}

/** The audit trail as someone may read it: while coding independently, a researcher reads only their own entries. */
export function historySeenBy<T extends { doneBy: string }>(
  state: Pick<CodingState, 'independent'>,
  entries: T[],
  viewer: Viewer,
): T[] {
  return seesOnlyOwn(state, viewer) ? entries.filter((entry) => entry.doneBy === viewer?.email) : entries;
}
