import type { InductiveResult } from '../../analysis/coding/themes';

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
}

export interface CodingTheme {
  id: string;
  label: string;
  definition: string;
  /** Who last wrote the definition; absent while it is the machine's (which renaming the theme drops). */
  definedBy?: string;
  status: ReviewStatus;
  /** Response ids of the answers the machine proposes as quotes. */
  proposedQuotes: string[];
  /** Response ids of the answers researchers chose for the report. */
  chosenQuotes: string[];
  /** The machine found no phrase shared by a third of its answers: for review, never reported as a finding. */
  mixed?: boolean;
  /** Share of the theme's answers whose words include the machine's label's content words. */
  labelCoverage?: number;
  /** Labels of the near-duplicate groups the machine merged into this theme. */
  mergedFrom?: string[];
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
  memos: Array<{ id: string; text: string; by: string; at: string }>;
  /** Each coded answer's group (for the CQL/PQL survey: role), for prevalence by group. */
  groups?: Record<string, string>;
  /** Response ids of the answers that fit no candidate theme well, left for researchers to place. */
  unassigned?: string[];
  /** How the machine's proposal was made (representation, how the number of themes was chosen). */
  method?: InductiveMethod;
  /** Answers the researchers settled after comparing their coding: the codes the answer carries, by response id. */
  consensus?: Record<string, SettledAnswer>;
}

export interface SettledAnswer {
  codes: string[];
  by: string;
  at: string;
}

/** Each coded answer's text, put back together from its segments, by response id. */
export function answerTexts(state: Pick<CodingState, 'segments'>): Map<string, string> {
  // Spans a researcher coded overlap the machine's sentences: each stretch of an answer is taken once.
  const ordered = [...state.segments].sort((a, b) => a.responseId.localeCompare(b.responseId) || a.start - b.start || b.end - a.end);
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
  return {
    ...state,
    segments,
    applications: state.applications.filter((application) => kept.has(application.segmentId)),
    themes: state.themes.map((theme) => ({
      ...theme,
      proposedQuotes: theme.proposedQuotes.filter((id) => !responseIds.has(id)),
      chosenQuotes: theme.chosenQuotes.filter((id) => !responseIds.has(id)),
    })),
    ...(state.groups ? { groups: Object.fromEntries(Object.entries(state.groups).filter(([id]) => !responseIds.has(id))) } : {}),
    ...(state.unassigned ? { unassigned: state.unassigned.filter((id) => !responseIds.has(id)) } : {}),
    ...(state.consensus ? { consensus: Object.fromEntries(Object.entries(state.consensus).filter(([id]) => !responseIds.has(id))) } : {}),
  };
}

/**
 * The code applications that count (prevalence, the report, the codebook's uses): on an answer the researchers
 * settled, only the codes they settled on; elsewhere every application not rejected.
 */
export function countedApplications(state: Pick<CodingState, 'segments' | 'applications' | 'consensus'>): CodeApplication[] {
  const live = state.applications.filter((application) => application.status !== 'rejected');
  if (!state.consensus || Object.keys(state.consensus).length === 0) return live;
  const responseOf = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  return live.filter((application) => {
    const settled = state.consensus![responseOf.get(application.segmentId) ?? ''];
    return !settled || settled.codes.includes(application.codeId);
  });
}

/** The coding as one researcher may see it: while independent coding is not revealed, only their own decisions. */
export function codingSeenBy(state: CodingState, viewer: { email: string; role: string }): CodingState {
  if (!state.independent || state.independent.revealed || viewer.role === 'admin') return state;
  return { ...state, applications: state.applications.filter((application) => application.by === viewer.email || application.by === 'machine') };
}
