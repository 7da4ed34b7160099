import type { CodingState } from '../../server/coding/coding-state';
import { historyLines, operationSentence } from '../../server/coding/history-text';
import { describeOperation, type ReviewOperation } from '../../server/coding/review-operations';

const state: CodingState = {
  surveySlug: 'survey',
  question: 'q',
  segments: [
    {
      id: 's5',
      responseId: 'r1',
      text: 'We need more admin support to run the cluster meetings well.',
      start: 0,
      end: 61,
    },
    { id: 's6', responseId: 'r2', text: 'Time.', start: 0, end: 5 },
  ],
  codes: [
    {
      id: 'code-1.1',
      label: 'Admin support',
      definition: '',
      keywords: [],
      source: 'inductive',
      themeId: 'theme-1',
      parentId: null,
      status: 'proposed',
    },
    {
      id: 'code-2.1',
      label: 'Protected time',
      definition: '',
      keywords: [],
      source: 'inductive',
      themeId: null,
      parentId: null,
      status: 'proposed',
    },
  ],
  themes: [
    { id: 'theme-1', label: 'Resources', definition: '', status: 'proposed', proposedQuotes: [], chosenQuotes: [] },
  ],
  applications: [],
  memos: [],
};

describe('a change as a sentence', () => {
  test.each<[ReviewOperation, string]>([
    [
      { op: 'accept-suggestion', segment: 's5', code: 'code-1.1' },
      'applied “Admin support” to “We need more admin support to run the…”, as suggested',
    ],
    [
      { op: 'reject-suggestion', segment: 's6', code: 'code-2.1' },
      'rejected the suggestion “Protected time” for “Time.”',
    ],
    [{ op: 'apply-code', segment: 's6', code: 'code-2.1' }, 'applied “Protected time” to “Time.”'],
    [{ op: 'rename-code', code: 'code-1.1', label: 'Admin support' }, 'renamed a code to “Admin support”'],
    [
      { op: 'merge-codes', into: 'code-1.1', codes: ['code-2.1', 'code-9.9'] },
      'merged “Protected time” and “code-9.9” into “Admin support”',
    ],
    [
      { op: 'move-code', code: 'code-2.1', theme: 'theme-1' },
      'moved the code “Protected time” to the theme “Resources”',
    ],
    [{ op: 'move-code', code: 'code-2.1', theme: null }, 'took the code “Protected time” out of its theme'],
    [{ op: 'choose-quotes', theme: 'theme-1', answers: ['r1'] }, 'chose 1 quote for “Resources”'],
    [{ op: 'choose-quotes', theme: 'theme-1', answers: ['r1', 'r2'] }, 'chose 2 quotes for “Resources”'],
    [{ op: 'settle-answer', answer: 'r2', codes: [] }, 'settled “Time.” on no codes'],
    [{ op: 'code-span', answer: 'r2', start: 0, end: 5, label: 'Time' }, 'coded “Time.” as “Time”'],
    [{ op: 'set-independent', on: true }, 'started independent coding'],
    [
      { op: 'add-memo', text: 'Admin support seems to matter most to CQLs.' },
      'wrote a memo: “Admin support seems to matter most to CQLs.”',
    ],
  ])('when the change is %j, then it reads "%s"', (operation, sentence) => {
    expect(operationSentence(operation, state)).toBe(sentence);
  });
});

describe('the change list', () => {
  const entry = (version: number, operation: string, doneBy = 'ra@example.org') => ({
    version,
    operation,
    doneBy,
    doneAt: '2026-01-01T00:00:00Z',
  });

  test('when a code was merged away, then the change list names it by the name it had, not its id', () => {
    const before: CodingState = {
      ...state,
      codes: [...state.codes, { ...state.codes[0]!, id: 'code-21.1', label: 'Care (other themes)' }],
    };
    const merge: ReviewOperation = { op: 'merge-codes', into: 'code-1.1', codes: ['code-21.1'] };
    const lines = historyLines([entry(5, describeOperation(merge, before))], state);
    expect(lines.map((line) => line.sentence)).toEqual([
      'ra@example.org merged “Care (other themes)” into “Admin support”',
    ]);
  });

  test.each<[string, ReviewOperation, string]>([
    [
      'a code and the passage it was applied to',
      { op: 'accept-suggestion', segment: 's5', code: 'code-1.1' },
      'ra@example.org applied “Admin support” to “We need more admin support to run the…”, as suggested',
    ],
    [
      'a code moved into a theme',
      { op: 'move-code', code: 'code-2.1', theme: 'theme-1' },
      'ra@example.org moved the code “Protected time” to the theme “Resources”',
    ],
    [
      'an answer settled on two codes',
      { op: 'settle-answer', answer: 'r9', codes: ['code-1.1', 'code-2.1'] },
      'ra@example.org settled answer r9 on “Admin support” and “Protected time”',
    ],
  ])(
    'when %s are gone since (a new machine run), then the change list names them as they were',
    (_, operation, line) => {
      const gone: CodingState = { ...state, segments: [], codes: [], themes: [] };
      expect(historyLines([entry(7, describeOperation(operation, state))], gone)[0]!.sentence).toBe(line);
    },
  );

  test('when changes are recorded as operations, then each line is who did what, in words, newest first', () => {
    const lines = historyLines(
      [
        entry(3, describeOperation({ op: 'accept-suggestion', segment: 's5', code: 'code-1.1' })),
        entry(2, 'code: 97 answers, 12 codes, 5 candidate themes', 'rb@example.org'),
      ],
      state,
    );
    expect(lines.map((line) => line.sentence)).toEqual([
      'ra@example.org applied “Admin support” to “We need more admin support to run the…”, as suggested',
      'rb@example.org had the machine propose codes and themes (97 answers, 12 codes, 5 candidate themes)',
    ]);
  });

  test.each([
    // Undo takes back the person's own latest change, never someone else's.
    [
      "the undo follows their change and someone else's",
      [
        entry(4, 'undo: undo'),
        entry(3, describeOperation({ op: 'accept-code', code: 'code-1.1' }), 'rb@example.org'),
        entry(2, describeOperation({ op: 'discard-code', code: 'code-2.1' })),
      ],
      'ra@example.org undid: ra@example.org discarded the code “Protected time”',
    ],
    [
      'two undos follow two changes',
      [
        entry(5, 'undo: undo'),
        entry(4, 'undo: undo'),
        entry(3, describeOperation({ op: 'discard-code', code: 'code-2.1' })),
        entry(2, describeOperation({ op: 'accept-code', code: 'code-1.1' })),
      ],
      'ra@example.org undid: ra@example.org accepted the code “Admin support”',
    ],
    ['the change undone is older than the list', [entry(9, 'undo: undo')], 'ra@example.org undid: an earlier change'],
  ])('when %s, then the undo names the change it took back', (_case, entries, first) => {
    expect(historyLines(entries, state)[0]!.sentence).toBe(first);
  });

  test.each<[string, string, string]>([
    [
      'a theme was renamed',
      describeOperation({ op: 'rename-theme', theme: 'theme-1', label: 'Funding' }, state),
      'ra@example.org renamed the theme “Resources” to “Funding”',
    ],
    [
      'a code was renamed',
      describeOperation({ op: 'rename-code', code: 'code-2.1', label: 'Time for QI' }, state),
      'ra@example.org renamed the code “Protected time” to “Time for QI”',
    ],
    [
      'a rename was recorded before the old name was kept with it',
      'rename-theme: {"theme":"theme-1","label":"Funding"}',
      'ra@example.org renamed a theme to “Funding”',
    ],
  ])('when %s, then the change list says from what to what', (_case, operation, sentence) => {
    expect(historyLines([entry(1, operation)], state)[0]!.sentence).toBe(sentence);
  });

  const given = (origin: 'machine' | 'researcher'): CodingState => ({
    ...state,
    applications: [
      {
        segmentId: 's6',
        codeId: 'code-2.1',
        by: 'ra@example.org',
        origin,
        status: 'accepted',
        confidence: null,
        evidence: [],
      },
    ],
  });
  test.each<[string, CodingState, string]>([
    ['a code the researcher gave by hand', given('researcher'), 'ra@example.org removed “Protected time” from “Time.”'],
    [
      'a suggestion the researcher had accepted',
      given('machine'),
      'ra@example.org removed “Protected time” from “Time.”',
    ],
    [
      'a suggestion nobody had decided on',
      {
        ...state,
        applications: [
          { segmentId: 's6', codeId: 'code-2.1', by: 'machine', status: 'suggested', confidence: 0.7, evidence: [] },
        ],
      },
      'ra@example.org rejected the suggestion “Protected time” for “Time.”',
    ],
    [
      'a suggestion another researcher coding independently had accepted',
      {
        ...given('machine'),
        applications: [{ ...given('machine').applications[0]!, by: 'rb@example.org' }],
        independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed: true },
      },
      'ra@example.org rejected the suggestion “Protected time” for “Time.”',
    ],
  ])('when %s is taken off, then the change list says so', (_case, before, sentence) => {
    const operation = describeOperation(
      { op: 'reject-suggestion', segment: 's6', code: 'code-2.1' },
      before,
      'ra@example.org',
    );
    expect(historyLines([entry(1, operation)], state)[0]!.sentence).toBe(sentence);
  });

  test('when a recorded change is not an operation, then it is shown as it was recorded', () => {
    expect(historyLines([entry(1, 'import: 3 codes')], state)[0]!.sentence).toBe('ra@example.org import: 3 codes');
  });
});
