import { withoutResponses, type CodingState } from '../../server/coding/coding-state';
import { candidateTheme, machineCode } from '../support/coding-state-factories';

describe('purging answers from a coding', () => {
  const code = (id: string, themeId: string, over: Partial<CodingState['codes'][number]> = {}) =>
    machineCode(id, id, themeId, over);
  const theme = (id: string, label: string, definition: string, over: Partial<CodingState['themes'][number]> = {}) =>
    candidateTheme(id, label, { definition, ...over });
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

  test.each([
    ['a codebook code no answer has matched yet', code('c-book', 't-old', { source: 'codebook' as const }), ['c-book']],
    ['a machine code no answer has carried yet', code('c-idle', 't-new'), ['c-idle']],
  ])('when answers are purged, then %s stays', (_name, extra, expected) => {
    const after = withoutResponses(coding({ codes: [...coding().codes, extra] }), new Set(['r-old']));
    expect(after.codes.map((kept) => kept.id).filter((id) => expected.includes(id))).toEqual(expected);
  });

  test("when a researcher's own code sits in the machine theme the purged answers carried, then the theme and the code's place in it stay", () => {
    const own = code('c-own', 't-old', { source: 'researcher' as const });
    const after = withoutResponses(coding({ codes: [...coding().codes, own] }), new Set(['r-old']));
    expect(after.themes.map((kept) => kept.id)).toEqual(['t-old', 't-new']);
    expect(after.codes.find((kept) => kept.id === 'c-own')!.themeId).toBe('t-old');
  });
});
