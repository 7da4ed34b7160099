import { codingStateFrom } from '../../server/coding/coding-record';
import { withoutResponses, type CodingState } from '../../server/coding/coding-state';
import { CorruptRecordError } from '../../server/store/stored-record';

const state = {
  surveySlug: 's',
  question: 'why',
  segments: [{ id: 's1', responseId: 'r1', text: 'Time.', start: 0, end: 5 }],
  codes: [],
  themes: [],
  applications: [],
  memos: [],
};

describe('a stored coding document read by the coding domain', () => {
  test.each([
    ['its codes are missing', { ...state, codes: undefined }, 'codes'],
    ['a theme has no label', { ...state, themes: [{ id: 't1' }] }, 'themes.0.label'],
    ['a segment is not an object', { ...state, segments: ['s1'] }, 'segments.0'],
  ])('when %s, then reading it names the coding and the field', (_case, document, field) => {
    expect(() => codingStateFrom(document)).toThrow(CorruptRecordError);
    expect(() => codingStateFrom(document)).toThrow(
      new RegExp(`^The stored coding of question "why" in survey "s" is not valid: ${field.replace(/\./g, '\\.')}:`),
    );
  });

  test('when it is whole, then it is returned as read, its keys in their stored order', () => {
    const { memos, ...rest } = state;
    const stored = JSON.parse(JSON.stringify({ memos, ...rest }));
    expect(codingStateFrom(stored)).toBe(stored);
    expect(Object.keys(codingStateFrom(stored))[0]).toBe('memos');
  });
});

describe('purging answers from a coding', () => {
  const code = (id: string, themeId: string, over: Partial<CodingState['codes'][number]> = {}) => ({
    id,
    label: id,
    definition: '',
    keywords: [],
    source: 'inductive' as const,
    themeId,
    parentId: null,
    status: 'proposed' as const,
    ...over,
  });
  const theme = (id: string, label: string, definition: string, over: Partial<CodingState['themes'][number]> = {}) => ({
    id,
    label,
    definition,
    status: 'proposed' as const,
    proposedQuotes: [],
    chosenQuotes: [],
    ...over,
  });
  const applied = (segmentId: string, codeId: string) => ({
    segmentId,
    codeId,
    by: 'machine',
    status: 'suggested' as const,
    confidence: null,
    evidence: [],
  });
  const coding = (over: Partial<CodingState> = {}): CodingState => ({
    surveySlug: 's',
    question: 'q',
    segments: [
      { id: 'old', responseId: 'r-old', text: 'Zebraold said so.', start: 0, end: 17 },
      { id: 'new', responseId: 'r-new', text: 'Admin support.', start: 0, end: 14 },
    ],
    codes: [code('c-old', 't-old'), code('c-new', 't-new')],
    themes: [
      theme('t-old', 'Zebraold', '100% of its answers say “zebraold”.'),
      theme(
        't-new',
        'Admin support',
        '100% of its answers say “admin support”. Unlike the nearest theme, “Zebraold”, 100% of these mention “admin”, against 0% there.',
      ),
    ],
    applications: [applied('old', 'c-old'), applied('new', 'c-new')],
    memos: [],
    ...over,
  });

  test('when the purged answers were all a machine theme no one worked on carried, then it goes with its code and no definition names it', () => {
    const after = withoutResponses(coding(), new Set(['r-old']));
    expect(after.themes.map((kept) => [kept.label, kept.definition])).toEqual([
      ['Admin support', '100% of its answers say “admin support”.'],
    ]);
    expect(after.codes.map((kept) => kept.id)).toEqual(['c-new']);
  });

  test.each([
    ['renamed', { reviewedBy: 'ana@example.org' }],
    ['accepted', { status: 'accepted' as const }],
  ])('when the theme the purged answers carried was %s by a researcher, then it stays, empty', (_name, over) => {
    const after = withoutResponses(
      coding({ themes: [theme('t-old', 'Zebraold', '', over), coding().themes[1]!] }),
      new Set(['r-old']),
    );
    expect(after.themes.map((kept) => kept.id)).toEqual(['t-old', 't-new']);
  });
});
