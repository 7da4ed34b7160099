import type { CodingState } from '../../server/coding/coding-state';
import { machineCode } from '../support/coding-state-factories';
import { applyReviewOperation, type ReviewOperation } from '../../server/coding/review-operations';
import { workbenchModel } from '../../server/coding/workbench-page-model';
import { themePageModel } from '../../server/coding/theme-page-model';

const code = (id: string, themeId: string | null) => machineCode(id, `Code ${id}`, themeId);
const SAME = 'Better access to data and a LIST analyst.';

function coding(): CodingState {
  const texts: Array<[string, string]> = [
    ['r1', SAME],
    ['r2', SAME],
    ['r3', `${SAME} `],
    ['r4', 'Protected time for QI.'],
  ];
  return {
    surveySlug: 'survey',
    question: 'q',
    segments: texts.map(([responseId, text], i) => ({ id: `s${i + 1}`, responseId, text, start: 0, end: text.length })),
    codes: [code('a', 'theme-1'), code('b', 'theme-2'), code('c', 'theme-2')],
    themes: [
      {
        id: 'theme-1',
        label: 'Data',
        definition: 'Answers about data, often mentioning LIST.',
        status: 'proposed',
        proposedQuotes: ['r1', 'r2', 'r3'],
        chosenQuotes: [],
      },
      {
        id: 'theme-2',
        label: 'Time',
        definition: 'Answers about time.',
        status: 'accepted',
        proposedQuotes: ['r4'],
        chosenQuotes: [],
      },
    ],
    applications: texts.map((_, i) => ({
      segmentId: `s${i + 1}`,
      codeId: i < 3 ? 'a' : 'b',
      by: 'machine',
      status: 'suggested' as const,
      confidence: null,
      evidence: [],
    })),
    memos: [],
  };
}

const run = (state: CodingState, ...operations: ReviewOperation[]) =>
  operations.reduce((current, operation) => applyReviewOperation(current, operation, 'ra@example.org'), state);
const theme = (state: CodingState, id: string) => state.themes.find((candidate) => candidate.id === id)!;

describe('reviewing themes', () => {
  test.each<[string, string, ReviewOperation[]]>([
    [
      'a theme the machine defined is renamed',
      'Answers about data, often mentioning LIST.',
      [{ op: 'rename-theme', theme: 'theme-1', label: 'Access to data' }],
    ],
    [
      'a theme is renamed to the name it has',
      'Answers about data, often mentioning LIST.',
      [{ op: 'rename-theme', theme: 'theme-1', label: 'Data' }],
    ],
    [
      'a researcher defined the theme, then renamed it',
      'Data and analysts.',
      [
        { op: 'define-theme', theme: 'theme-1', definition: 'Data and analysts.' },
        { op: 'rename-theme', theme: 'theme-1', label: 'Access to data' },
      ],
    ],
  ])('when %s, then its definition is "%s"', (_case, definition, operations) => {
    expect(theme(run(coding(), ...operations), 'theme-1').definition).toBe(definition);
  });

  test('when a mixed group the machine defined is renamed, then its definition, which only said it was mixed, goes', () => {
    const state = coding();
    Object.assign(state.themes[0]!, { mixed: true, definition: 'A mixed group to review: no phrase is shared.' });
    const after = run(state, { op: 'rename-theme', theme: 'theme-1', label: 'Access to data' });
    expect(theme(after, 'theme-1')).toMatchObject({ label: 'Access to data', definition: '' });
    expect(theme(after, 'theme-1').mixed).toBeUndefined();
  });

  test("when a theme's last codes are merged into another theme's code, then the empty theme is discarded, and the other stays", () => {
    const after = run(coding(), { op: 'merge-codes', into: 'b', codes: ['a'] });
    expect(theme(after, 'theme-1').status).toBe('discarded');
    expect(theme(after, 'theme-2').status).toBe('accepted');
    expect(workbenchModel(after, 1, 'all').themes.map((shown) => shown.id)).toEqual(['theme-2']);
  });

  test('when codes are merged within one theme, then the theme stays', () => {
    expect(theme(run(coding(), { op: 'merge-codes', into: 'b', codes: ['c'] }), 'theme-2').status).toBe('accepted');
  });

  test('when respondents gave the same answer, then the theme offers it as a quote once, a chosen one first', () => {
    const chosen = run(coding(), { op: 'choose-quotes', theme: 'theme-1', answers: ['r2'] });
    expect(themePageModel(chosen, 'theme-1').quotes).toEqual([{ answer: 'r2', text: SAME, chosen: true, check: null }]);
  });

  test.each<[string, string[], ReviewOperation[]]>([
    ['nothing changed', ['r4'], []],
    ['its code was moved to another theme', [], [{ op: 'move-code', code: 'b', theme: 'theme-1' }]],
    [
      "the machine's suggestion on the answer was rejected",
      [],
      [{ op: 'reject-suggestion', segment: 's4', code: 'b' }],
    ],
  ])("when %s, then the theme offers the machine's quotes %j", (_case, offered, operations) => {
    expect(themePageModel(run(coding(), ...operations), 'theme-2').quotes!.map((option) => option.answer)).toEqual(
      offered,
    );
  });

  test("when a researcher confirmed one of a theme's codes on an answer, then that answer is offered as a quote after the machine's", () => {
    const confirmed = run(coding(), { op: 'apply-code', segment: 's1', code: 'c' });
    expect(themePageModel(confirmed, 'theme-2').quotes!.map((option) => option.answer)).toEqual(['r4', 'r1']);
    expect(themePageModel(coding(), 'theme-2').quotes!.map((option) => option.answer)).toEqual(['r4']);
  });

  test('when a researcher coding independently has decided on a suggestion, then the segments list no longer offers it, nor counts it as waiting', () => {
    const independent = { ...coding(), independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed: false } };
    const decided = applyReviewOperation(
      independent,
      { op: 'reject-suggestion', segment: 's4', code: 'b' },
      'ana@example.org',
    );
    const ana = { email: 'ana@example.org', role: 'researcher' };
    const model = workbenchModel(decided, 1, 'all', ana);
    const s4 = model.segments.find((segment) => segment.id === 's4')!;
    expect(s4.applications.map((application) => [application.codeId, application.by, application.status])).toEqual([
      ['b', 'ana@example.org', 'rejected'],
    ]);
    expect(model.counts.suggested).toBe(workbenchModel(independent, 1, 'all', ana).counts.suggested - 1);
  });

  test('when the board counts a theme, then it says respondents, in the right number', () => {
    const model = workbenchModel(run(coding(), { op: 'accept-suggestion', segment: 's4', code: 'b' }), 1, 'all');
    expect(model.themes.find((shown) => shown.id === 'theme-2')!.prevalence).toMatchObject({
      respondents: '1 respondent',
      confirmed: 1,
    });
    expect(model.themes.find((shown) => shown.id === 'theme-1')!.prevalence).toMatchObject({
      respondents: '3 respondents',
      confirmed: 0,
    });
    expect(model.counts.answers).toBe('4 respondents');
  });
});

describe('respondent groups on the board', () => {
  test('when answers belong to groups, then the board names each group as the survey words it, not by its stored value', () => {
    const state = { ...coding(), groups: { r1: 'cql', r2: 'pql', r3: 'pql', r4: 'pql' } };
    const labels: Record<string, string> = { cql: 'Cluster Quality Lead (CQL)', pql: 'Practice Quality Lead (PQL)' };
    const model = workbenchModel(state, 1, 'all', null, (group) => labels[group] ?? group);
    expect(model.themes.find((shown) => shown.id === 'theme-1')!.prevalence.byGroup).toBe(
      'Cluster Quality Lead (CQL) 1, Practice Quality Lead (PQL) 2',
    );
  });
});

describe('a mixed group and acceptance', () => {
  const mixedFirst = (): CodingState => {
    const state = coding();
    state.themes[0] = { ...state.themes[0]!, label: 'Mixed: data, LIST, time', mixed: true };
    return state;
  };

  test('when a researcher accepts a mixed group as it is, then it is refused with a reason and nothing changes', () => {
    const state = mixedFirst();
    expect(() => run(state, { op: 'accept-theme', theme: 'theme-1' })).toThrow(/mixed group.*Rename it/);
    expect(state.themes[0]).toMatchObject({ status: 'proposed', mixed: true });
  });

  test('when a researcher renames a mixed group, then it is theirs and can be accepted', () => {
    const state = run(
      mixedFirst(),
      { op: 'rename-theme', theme: 'theme-1', label: 'Access to data' },
      { op: 'accept-theme', theme: 'theme-1' },
    );
    expect(state.themes[0]).toMatchObject({ label: 'Access to data', status: 'accepted' });
    expect(state.themes[0]!.mixed).toBeUndefined();
  });
});
