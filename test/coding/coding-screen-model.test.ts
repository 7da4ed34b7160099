import {
  CODE_COLOURS,
  codePassages,
  codingScreenModel,
  screenQuerySchema,
} from '../../server/coding/coding-screen-model';
import type { CodingState } from '../../server/coding/coding-state';

const TEXT = 'Protected time and admin support would help.';

/** Two answers: the first coded "Time" on "Protected time" and "Admin" on the whole answer, with "Admin" also suggested on the second. */
function state(): CodingState {
  return {
    surveySlug: 's',
    question: 'q',
    segments: [
      { id: 'a1', responseId: 'r1', text: TEXT, start: 0, end: TEXT.length },
      { id: 'a2', responseId: 'r1', text: 'Protected time', start: 0, end: 14 },
      { id: 'b1', responseId: 'r2', text: 'More admin.', start: 0, end: 11 },
    ],
    codes: [
      {
        id: 'gone',
        label: 'Gone',
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: null,
        parentId: null,
        status: 'discarded',
      },
      {
        id: 'time',
        label: 'Time',
        definition: '',
        keywords: [],
        source: 'researcher',
        themeId: 'resources',
        parentId: null,
        status: 'accepted',
      },
      {
        id: 'admin',
        label: 'Admin',
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: null,
        parentId: null,
        status: 'proposed',
      },
    ],
    themes: [
      { id: 'resources', label: 'Resources', definition: '', status: 'proposed', proposedQuotes: [], chosenQuotes: [] },
    ],
    applications: [
      { segmentId: 'a2', codeId: 'time', by: 'x', status: 'accepted', confidence: null, evidence: [] },
      { segmentId: 'a1', codeId: 'admin', by: 'x', status: 'accepted', confidence: null, evidence: [] },
      { segmentId: 'b1', codeId: 'admin', by: 'machine', status: 'suggested', confidence: 0.734, evidence: ['admin'] },
      { segmentId: 'b1', codeId: 'gone', by: 'x', status: 'accepted', confidence: null, evidence: [] },
    ],
    memos: [],
  };
}
const answers = [
  { id: 'r1', text: TEXT, role: 'PQL', area: 'Fife' },
  { id: 'r2', text: 'More admin.', role: 'CQL', area: null },
];
const query = (over: Record<string, string> = {}) => screenQuerySchema.parse(over);

describe('the coding screen model', () => {
  test('when answers are coded, then each is named by number, role and area and cut where its codes start and end', () => {
    const view = codingScreenModel(state(), answers, query());
    expect(view.answers.map((answer) => answer.name)).toEqual(['Answer 1 · PQL · Fife', 'Answer 2 · CQL']);
    expect(view.answers[0]!.pieces).toEqual([
      { text: 'Protected time', codes: ['time', 'admin'], suggested: [] },
      { text: TEXT.slice(14), codes: ['admin'], suggested: [] },
    ]);
    expect(view.answers[1]!.suggestions).toEqual([
      expect.objectContaining({ label: 'Admin', confidence: '73%', evidence: 'admin', words: 'More admin.' }),
    ]);
  });

  test('when the codebook is built, then discarded codes are left out (and take no colour), each code has its colour and counts passages, people and suggestions', () => {
    const view = codingScreenModel(state(), answers, query());
    expect(view.codebook.themes).toEqual([
      expect.objectContaining({
        label: 'Resources',
        passages: 1,
        people: 1,
        codes: [expect.objectContaining({ label: 'Time', colour: CODE_COLOURS[0] })],
      }),
    ]);
    expect(view.codebook.unthemed).toEqual([
      expect.objectContaining({ label: 'Admin', colour: CODE_COLOURS[1], passages: 1, people: 1, waiting: 1 }),
    ]);
  });

  test.each([
    [{ show: 'uncoded' }, ['r2']],
    [{ show: 'suggested' }, ['r2']],
    [{ code: 'time' }, ['r1']],
    [{ code: 'admin' }, ['r1', 'r2']],
    [{ role: 'CQL' }, ['r2']],
    [{ area: 'Fife' }, ['r1']],
    [{ theme: 'resources' }, ['r1']],
    [{ show: 'nonsense', page: '-3' }, ['r1', 'r2']],
  ])('when filtered by %j, then the answers shown are %j', (filter, expected) => {
    expect(codingScreenModel(state(), answers, query(filter)).answers.map((answer) => answer.id)).toEqual(expected);
  });

  test('when an answer has suggestions learned from decisions and ones proposed with the themes, then the learned ones come first, most sure first, and the proposed ones carry no confidence', () => {
    const mixed = state();
    mixed.applications.push(
      { segmentId: 'b1', codeId: 'time', by: 'machine', status: 'suggested', confidence: null, evidence: [] },
      { segmentId: 'b1', codeId: 'time', by: 'machine', status: 'suggested', confidence: 0.9, evidence: ['more'] },
    );
    const suggestions = codingScreenModel(mixed, answers, query()).answers[1]!.suggestions;
    expect(suggestions.map((suggestion) => [suggestion.label, suggestion.confidence])).toEqual([
      ['Time', '90%'],
      ['Admin', '73%'],
      ['Time', null],
    ]);
  });

  test("when a researcher coding independently has decided on the machine's suggestion, then it no longer waits on the answer, in the counts or in the filter", () => {
    const decided = state();
    decided.independent = { startedAt: '2026-01-01T00:00:00.000Z', revealed: false };
    decided.applications.push({
      segmentId: 'b1',
      codeId: 'admin',
      by: 'x',
      origin: 'machine',
      status: 'rejected',
      confidence: 0.734,
      evidence: [],
    });
    const view = codingScreenModel(decided, answers, query(), 'x');
    expect(view.answers[1]!.suggestions).toEqual([]);
    expect(view.codebook.unthemed[0]).toMatchObject({ label: 'Admin', waiting: 0 });
    expect(codingScreenModel(decided, answers, query({ show: 'suggested' }), 'x').answers).toEqual([]);
    // Revealed, the other researcher, who has not decided, still has it waiting.
    decided.independent.revealed = true;
    expect(codingScreenModel(decided, answers, query(), 'y').answers[1]!.suggestions).toHaveLength(1);
  });

  test('when coded independently and revealed, then an answer says who gave each code and offers to remove only the viewer’s own', () => {
    const revealed = state();
    revealed.independent = { startedAt: '2026-01-01T00:00:00.000Z', revealed: true };
    revealed.applications.push(
      { segmentId: 'a2', codeId: 'time', by: 'y', status: 'accepted', confidence: null, evidence: [] },
      { segmentId: 'a1', codeId: 'time', by: 'y', status: 'accepted', confidence: null, evidence: [] },
    );
    const view = codingScreenModel(revealed, answers, query(), 'x');
    expect(view.independent).toBe(true);
    expect(view.answers[0]!.codes.map((code) => [code.label, code.by, code.passages.map((p) => p.segment)])).toEqual([
      ['Time', ['x', 'y'], ['a2']],
      ['Admin', ['x'], ['a1']],
    ]);
    expect(codingScreenModel(revealed, answers, query(), 'z').answers[0]!.codes[0]!.passages).toEqual([]);
  });

  test.each([
    ['x, who made it', 'x', 'researcher', false, null],
    ['y, another researcher, after the reveal', 'y', 'researcher', true, 'x'],
    ['y before the reveal (coding independently, it is not on their screen to change)', 'y', 'researcher', false, null],
    ['an admin after the reveal', 'admin', 'admin', true, null],
  ])('when a code x made on their own is seen by %s, then it is held by %s', (_who, viewer, role, revealed, heldBy) => {
    const coded = state();
    coded.independent = { startedAt: '2026-01-01T00:00:00.000Z', revealed };
    coded.codes.find((code) => code.id === 'time')!.privateTo = 'x';
    coded.themes[0]!.privateTo = 'x';
    const view = codingScreenModel(coded, answers, query(), viewer, role);
    const time = view.codebook.themes.flatMap((theme) => theme.codes).find((code) => code.id === 'time');
    expect([time?.heldBy ?? null, view.codebook.themes[0]!.heldBy]).toEqual([heldBy, heldBy]);
  });

  test("when two of a theme's codes are suggested on one passage, then the theme counts that passage once as waiting, beside what researchers coded", () => {
    const both = state();
    both.codes[2]!.themeId = 'resources';
    both.applications.push({
      segmentId: 'b1',
      codeId: 'time',
      by: 'machine',
      status: 'suggested',
      confidence: 0.6,
      evidence: [],
    });
    const theme = codingScreenModel(both, answers, query()).codebook.themes[0]!;
    expect(theme).toMatchObject({ passages: 2, people: 1, waiting: 1 });
  });

  test("when a theme's codes are listed, then the most widely raised comes first, each keeping its colour", () => {
    const moved = state();
    moved.codes[2]!.themeId = 'resources';
    const codes = codingScreenModel(moved, answers, query()).codebook.themes[0]!.codes;
    expect(codes.map((code) => [code.label, code.colour])).toEqual([
      ['Admin', CODE_COLOURS[1]],
      ['Time', CODE_COLOURS[0]],
    ]);
  });

  test('when the codebook is built, then each code says which theme it is in (what "Move to theme" leaves out)', () => {
    const view = codingScreenModel(state(), answers, query());
    expect(view.codebook.themes[0]!.codes[0]!.themeId).toBe('resources');
    expect(view.codebook.unthemed[0]!.themeId).toBeNull();
  });

  test('when a code is to be split, then its passages are listed in answer order, named by answer, suggested ones marked', () => {
    expect(codePassages(state(), answers, 'admin')).toEqual([
      { segment: 'a1', words: TEXT, answer: 'Answer 1 · PQL · Fife', suggested: false },
      { segment: 'b1', words: 'More admin.', answer: 'Answer 2 · CQL', suggested: true },
    ]);
  });
});
