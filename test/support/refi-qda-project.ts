import type { CodeApplication, CodingState } from '../../server/coding/coding-state';
import type { SourceAnswer } from '../../server/coding/qdpx-export';

/**
 * A coding as two researchers leave it, with what broke REFI-QDA readers: an emoji before coded words,
 * entity-like text, Windows line breaks, a control character, memos, two codes with one label, two coders on
 * one segment, and the machine's suggestions (one accepted, one rejected, one nobody reviewed).
 */
export const ANN = 'ann@example.org';
export const BOB = 'bob@example.org';

export const answerTexts: Record<string, string> = {
  emoji: 'We need 😀 admin support & Protected time for the cluster.',
  entity: 'Cluster work &nbsp; the board <HSCP> "quoted" &amp; &#0; ]]> done.',
  windows: 'First line about backfill.\r\nSecond line 😀 about Protected time.\r\nThird.',
  control: 'Admin support\u0001 for the cluster.',
};

/** A segment over the first occurrence of some words in an answer (UTF-16 offsets, as Canvass keeps them). */
function over(id: string, responseId: string, words: string) {
  const text = answerTexts[responseId]!;
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in ${responseId}`);
  return { id, responseId, text: words, start, end: start + words.length };
}

const accepted = (segmentId: string, codeId: string, by: string): CodeApplication => ({
  segmentId,
  codeId,
  by,
  origin: 'researcher',
  status: 'accepted',
  confidence: null,
  evidence: [],
});

export function twoResearcherCoding(overrides: Partial<CodingState> = {}): CodingState {
  return {
    surveySlug: 'gp-quality-clusters-2024',
    question: 'resources_not_in_place',
    segments: [
      over('s1', 'emoji', 'admin support'),
      over('s2', 'emoji', 'Protected time'),
      over('s3', 'entity', 'Cluster work &nbsp; the board <HSCP>'),
      over('s4', 'windows', 'backfill.\r\nSecond line 😀 about Protected time'),
      over('s5', 'windows', 'Third'),
      over('s6', 'control', 'Admin support\u0001 for'),
    ],
    codes: [
      {
        id: 'code-1',
        label: 'Admin support',
        definition: 'Help with admin & <paperwork>',
        keywords: [],
        source: 'researcher',
        themeId: 'theme-1',
        parentId: null,
        status: 'accepted',
      },
      {
        id: 'code-2',
        label: 'Protected time',
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: 'theme-1',
        parentId: null,
        status: 'accepted',
      },
      {
        id: 'code-3',
        label: 'Cluster work &amp; the board <HSCP>',
        definition: 'Entity-like &nbsp; text',
        keywords: [],
        source: 'researcher',
        themeId: null,
        parentId: null,
        status: 'accepted',
      },
      // The same label as code-3, as the machine proposed it.
      {
        id: 'code-4',
        label: 'Cluster work &amp; the board <HSCP>',
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: null,
        parentId: null,
        status: 'proposed',
      },
      {
        id: 'code-5',
        label: 'Backfill',
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: null,
        parentId: null,
        status: 'proposed',
      },
    ],
    themes: [
      {
        id: 'theme-1',
        label: 'Resources & "time"',
        definition: 'What clusters lack',
        status: 'accepted',
        proposedQuotes: [],
        chosenQuotes: [],
      },
    ],
    applications: [
      accepted('s1', 'code-1', ANN),
      accepted('s1', 'code-1', BOB),
      accepted('s2', 'code-2', BOB),
      accepted('s3', 'code-3', ANN),
      accepted('s3', 'code-4', BOB),
      accepted('s4', 'code-2', ANN),
      accepted('s6', 'code-1', ANN),
      // A suggestion Bob accepted, one Ann rejected, one nobody reviewed.
      {
        segmentId: 's4',
        codeId: 'code-5',
        by: BOB,
        origin: 'machine',
        status: 'accepted',
        confidence: 0.8,
        evidence: [],
      },
      {
        segmentId: 's5',
        codeId: 'code-5',
        by: ANN,
        origin: 'machine',
        status: 'rejected',
        confidence: 0.4,
        evidence: [],
      },
      {
        segmentId: 's5',
        codeId: 'code-2',
        by: 'machine',
        origin: 'machine',
        status: 'suggested',
        confidence: 0.6,
        evidence: [],
      },
    ],
    memos: [
      {
        id: 'memo-1',
        text: 'Literal &amp; stays, &nbsp; too.\r\nSecond line 😀',
        by: ANN,
        at: '2024-05-21T09:00:00.000Z',
      },
      { id: 'memo-2', text: 'Bob\'s <memo> about "time"', by: BOB, at: '2024-05-21T10:00:00.000Z' },
    ],
    ...overrides,
  };
}

export function sourceAnswers(texts: Record<string, string> = answerTexts): SourceAnswer[] {
  return Object.entries(texts).map(([id, text]) => ({ id, text, variables: { role: id === 'emoji' ? 'cql' : 'pql' } }));
}
