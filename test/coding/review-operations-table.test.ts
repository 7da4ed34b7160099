import type { CodingState } from '../../server/coding/coding-state';
import { applyReviewOperation, reviewOperations, type ReviewOperation } from '../../server/coding/review-operations';

const TEXT = 'Protected time for QI.';

function coding(): CodingState {
  return {
    surveySlug: 'survey',
    question: 'q',
    segments: [{ id: 's1', responseId: 'r1', text: TEXT, start: 0, end: TEXT.length }],
    codes: [
      {
        id: 'a',
        label: 'Time',
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: null,
        parentId: null,
        status: 'proposed',
      },
    ],
    themes: [],
    applications: [],
    memos: [],
  };
}

describe('the review operations table', () => {
  test('when the table is read, then exactly the operations that name an answer to cut or settle need its text', () => {
    const needing = Object.entries(reviewOperations).flatMap(([name, handler]) => (handler.needsText ? [name] : []));
    expect(needing.sort()).toEqual(['code-span', 'settle-answer']);
  });

  test('when the table is read, then only changing how the question is coded is for admins', () => {
    const adminOnly = Object.entries(reviewOperations).flatMap(([name, handler]) => (handler.adminOnly ? [name] : []));
    expect(adminOnly.sort()).toEqual(['reveal', 'set-independent']);
  });

  test.each<[string, ReviewOperation]>([
    ['a span is coded', { op: 'code-span', answer: 'r1', start: 0, end: 9, code: 'a' }],
    ['an answer is settled on a code not on it', { op: 'settle-answer', answer: 'r1', codes: ['a'] }],
  ])('when %s without the answer text, then it is refused naming the answer', (_name, operation) => {
    expect(() => applyReviewOperation(coding(), operation, 'ra@example.org')).toThrow(
      expect.objectContaining({ details: [{ field: 'answer', message: 'there is no answer "r1" to this question' }] }),
    );
  });

  test('when a span is coded with the answer text, then the span is cut from it', () => {
    const after = applyReviewOperation(
      coding(),
      { op: 'code-span', answer: 'r1', start: 0, end: 9, code: 'a' },
      'ra@example.org',
      new Date('2026-01-01T00:00:00Z'),
      { answerText: (id) => (id === 'r1' ? TEXT : undefined) },
    );
    expect(after.segments.at(-1)).toMatchObject({ responseId: 'r1', text: 'Protected', start: 0, end: 9 });
    expect(after.applications).toEqual([
      expect.objectContaining({ segmentId: after.segments.at(-1)!.id, codeId: 'a' }),
    ]);
  });
});

describe('merging codes while researchers code independently', () => {
  const suggestion = (codeId: string, suggestedFor: string) => ({
    segmentId: 's1',
    codeId,
    by: 'machine',
    status: 'suggested' as const,
    confidence: 0.8,
    evidence: [],
    suggestedFor,
  });

  test("when an admin merges a code into another, then each researcher keeps the machine's suggestion made for them", () => {
    const state: CodingState = {
      ...coding(),
      codes: [...coding().codes, { ...coding().codes[0]!, id: 'b', label: 'Protected time' }],
      applications: [
        suggestion('a', 'ana@example.org'),
        suggestion('b', 'ana@example.org'),
        suggestion('b', 'ben@example.org'),
      ],
      independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed: false },
    };
    const after = applyReviewOperation(state, { op: 'merge-codes', into: 'b', codes: ['a'] }, 'admin@example.org');
    expect(after.applications.map((application) => [application.codeId, application.suggestedFor]).sort()).toEqual([
      ['b', 'ana@example.org'],
      ['b', 'ben@example.org'],
    ]);
  });
});

describe('revealing independent coding', () => {
  test('when two researchers each made a code of the same name, then the reveal makes it one code carrying both their coding', () => {
    const own = (id: string, privateTo: string, label: string) => ({
      ...coding().codes[0]!,
      id,
      label,
      source: 'researcher' as const,
      privateTo,
    });
    const applied = (codeId: string, by: string) => ({
      segmentId: 's1',
      codeId,
      by,
      status: 'accepted' as const,
      confidence: null,
      evidence: [],
    });
    const state: CodingState = {
      ...coding(),
      codes: [
        own('c-ana', 'ana@example.org', 'Backfill costs'),
        own('c-ben', 'ben@example.org', 'backfill  costs'),
        own('c-other', 'ben@example.org', 'Locums'),
      ],
      applications: [
        applied('c-ana', 'ana@example.org'),
        applied('c-ben', 'ben@example.org'),
        applied('c-other', 'ben@example.org'),
      ],
      independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed: false },
    };
    const after = applyReviewOperation(state, { op: 'reveal' }, 'admin@example.org');
    expect(after.codes.map((code) => [code.id, code.label, code.privateTo])).toEqual([
      ['c-ana', 'Backfill costs', undefined],
      ['c-other', 'Locums', 'ben@example.org'],
    ]);
    expect(after.applications.map((application) => [application.codeId, application.by])).toEqual([
      ['c-ana', 'ana@example.org'],
      ['c-ana', 'ben@example.org'],
      ['c-other', 'ben@example.org'],
    ]);
  });
});

describe('removing a code while coding independently', () => {
  const applied = (by: string) => ({
    segmentId: 's1',
    codeId: 'a',
    by,
    status: 'accepted' as const,
    confidence: null,
    evidence: [],
  });
  const independent = (revealed: boolean, applications: CodingState['applications']): CodingState => ({
    ...coding(),
    applications,
    independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed },
  });

  test('when a researcher removes a code they gave by hand, then their own coding is marked rejected', () => {
    const after = applyReviewOperation(
      independent(false, [applied('ana@example.org')]),
      { op: 'reject-suggestion', segment: 's1', code: 'a' },
      'ana@example.org',
    );
    expect(after.applications).toEqual([expect.objectContaining({ by: 'ana@example.org', status: 'rejected' })]);
  });

  test('when, after the reveal, a researcher removes a code another gave, then it is refused saying whose coding it is', () => {
    expect(() =>
      applyReviewOperation(
        independent(true, [applied('ben@example.org')]),
        { op: 'reject-suggestion', segment: 's1', code: 'a' },
        'ana@example.org',
      ),
    ).toThrow(
      expect.objectContaining({
        details: [
          {
            field: 'code',
            message:
              '“Time” was given there by ben@example.org: coding independently, each researcher changes only their own coding',
          },
        ],
      }),
    );
  });
});

describe('merging researchers’ own codes before the reveal', () => {
  const own = (id: string, privateTo: string) => ({
    ...coding().codes[0]!,
    id,
    label: 'Backfill costs',
    source: 'researcher' as const,
    privateTo,
  });
  test("when an admin merges one researcher's code into another's, then it is refused and nothing changes", () => {
    const state: CodingState = {
      ...coding(),
      codes: [own('c-ana', 'ana@example.org'), own('c-ben', 'ben@example.org')],
      independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed: false },
    };
    expect(() =>
      applyReviewOperation(state, { op: 'merge-codes', into: 'c-ana', codes: ['c-ben'] }, 'admin@example.org'),
    ).toThrow(expect.objectContaining({ details: [expect.objectContaining({ field: 'codes' })] }));
    expect(state.codes.map((code) => code.id)).toEqual(['c-ana', 'c-ben']);
  });
});

describe('making a code a theme', () => {
  const LONG = 'Phoned the surgery three times before anyone picked up the phone.';
  const answer = (n: number, text: string) => ({
    id: `s${n}`,
    responseId: `r${n}`,
    text,
    start: 0,
    end: text.length,
  });
  const applied = (n: number, by: string, status: 'suggested' | 'accepted' | 'rejected' = 'suggested') => ({
    segmentId: `s${n}`,
    codeId: 'a',
    by,
    status,
    confidence: null,
    evidence: [],
  });
  const state = (): CodingState => ({
    ...coding(),
    codes: [
      {
        ...coding().codes[0]!,
        label: 'Phone',
        definition: 'Answers that say “phone”, whichever theme their answer is in.',
      },
    ],
    segments: [answer(1, 'Phone.'), answer(2, LONG), answer(3, `${LONG} Again.`), answer(4, `${LONG} Twice.`)],
    applications: [
      applied(1, 'machine'),
      applied(2, 'machine'),
      applied(3, 'machine', 'rejected'),
      applied(4, 'ben@example.org', 'accepted'),
    ],
  });

  test.each([
    ['the researcher who makes it a theme', 'ana@example.org', ['r2']],
    ['the researcher who coded an answer with it', 'ben@example.org', ['r2', 'r4']],
  ])(
    "when %s makes the machine's code a theme, then the theme's definition says what its answers say and it proposes their quotable answers",
    (_who, by, quotes) => {
      const after = applyReviewOperation(state(), { op: 'promote-code', code: 'a' }, by);
      const theme = after.themes.at(-1)!;
      expect(theme.definition).toBe('Answers that say “phone”.');
      // Not the one-word answer (too short to quote), not one where the code was rejected, not another's coding.
      expect(theme.proposedQuotes).toEqual(quotes);
    },
  );
});

describe('merging a code named as its theme with its answers in other themes', () => {
  test("when 'Care (other themes)' is merged into 'Care', then Care's definition no longer says its answers are in this theme", () => {
    const code = coding().codes[0]!;
    const state: CodingState = {
      ...coding(),
      codes: [
        { ...code, id: 'care', label: 'Care', definition: 'Answers that say “care”, in this theme.' },
        {
          ...code,
          id: 'care-elsewhere',
          label: 'Care (other themes)',
          definition: 'Answers that say “care”, in themes other than “Care”.',
        },
      ],
    };
    const after = applyReviewOperation(
      state,
      { op: 'merge-codes', into: 'care', codes: ['care-elsewhere'] },
      'ra@example.org',
    );
    expect(after.codes.map((merged) => [merged.label, merged.definition])).toEqual([
      ['Care', 'Answers that say “care”.'],
    ]);
  });
});
