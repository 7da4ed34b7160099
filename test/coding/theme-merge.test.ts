import { mergedFromText, mergedInto, type CodingState } from '../../server/coding/coding-state';
import { applyReviewOperation, type ReviewOperation } from '../../server/coding/review-operations';
import { operationSentence } from '../../server/coding/history-text';
import { boardThemes } from '../../server/coding/workbench-page-model';
import { themePageModel } from '../../server/coding/theme-page-model';
import { answerWords, type Labelling } from '../../analysis/coding/phrase-labels';
import { candidateTheme, machineCode, scoredPhrase } from '../support/coding-state-factories';
import { defineTheme } from '../../analysis/coding/themes';
import { withoutContrastWith } from '../../analysis/coding/theme-contrast';

const code = machineCode;
const theme = candidateTheme;

/** Three themes of praise and access; "Staff" is a code in two of them; one code the machine could not name. */
function coding(): CodingState {
  const texts = ['Friendly staff.', 'Kind staff and nurses.', 'Could not get an appointment.', 'Lovely nurses.'];
  return {
    surveySlug: 'survey',
    question: 'q',
    segments: texts.map((text, i) => ({ id: `s${i + 1}`, responseId: `r${i + 1}`, text, start: 0, end: text.length })),
    codes: [
      code('c1', 'Staff', 'theme-1'),
      code('c2', 'Staff', 'theme-2'),
      code('c3', 'Nurses', 'theme-2'),
      code('c4', 'Appointments', 'theme-3'),
      code('c5', 'Mixed: nurses, lovely, kind', 'theme-2', { mixed: true }),
    ],
    themes: [
      theme('theme-1', 'Friendly', { proposedQuotes: ['r1'], labelCoverage: 0.6, mergedFrom: ['Friendly'] }),
      theme('theme-2', 'Kind', { proposedQuotes: ['r2', 'r4'], chosenQuotes: ['r4'] }),
      theme('theme-3', 'Appointments', { proposedQuotes: ['r3'] }),
    ],
    applications: [
      { segmentId: 's1', codeId: 'c1', by: 'machine', status: 'suggested', confidence: null, evidence: [] },
      { segmentId: 's2', codeId: 'c2', by: 'machine', status: 'suggested', confidence: null, evidence: [] },
      { segmentId: 's2', codeId: 'c3', by: 'machine', status: 'suggested', confidence: null, evidence: [] },
      { segmentId: 's3', codeId: 'c4', by: 'machine', status: 'suggested', confidence: null, evidence: [] },
      { segmentId: 's4', codeId: 'c5', by: 'machine', status: 'suggested', confidence: null, evidence: [] },
    ],
    memos: [],
  };
}

const run = (state: CodingState, ...operations: ReviewOperation[]) =>
  operations.reduce((current, operation) => applyReviewOperation(current, operation, 'ra@example.org'), state);
const themeOf = (state: CodingState, id: string) => state.themes.find((candidate) => candidate.id === id)!;
const MERGE: ReviewOperation = { op: 'merge-themes', into: 'theme-1', themes: ['theme-2'] };

describe('merging themes', () => {
  test('when a theme is merged into another, then its codes move there and it is discarded, named under "merged from"', () => {
    const after = run(coding(), MERGE);
    expect(themeOf(after, 'theme-2').status).toBe('discarded');
    expect(themeOf(after, 'theme-1')).toMatchObject({ status: 'proposed', mergedFrom: ['Friendly', 'Kind'] });
    expect(
      after.codes.filter((candidate) => candidate.themeId === 'theme-1').map((candidate) => candidate.label),
    ).toEqual(['Staff', 'Nurses', 'Mixed: nurses, lovely, kind']);
    expect(themeOf(after, 'theme-3').status).toBe('proposed');
  });

  test('when both themes have a code of one name, then the merged theme has it once, on every segment either had', () => {
    const after = run(coding(), MERGE);
    expect(after.codes.map((candidate) => candidate.id)).not.toContain('c2');
    expect(after.applications.filter((application) => application.codeId === 'c1').map((a) => a.segmentId)).toEqual([
      's1',
      's2',
    ]);
  });

  test("when themes are merged, then the merged theme's quotes are offered, chosen ones kept, and the stale label coverage goes", () => {
    const target = themeOf(run(coding(), MERGE), 'theme-1');
    expect(target.proposedQuotes).toEqual(['r1', 'r2', 'r4']);
    expect(target.chosenQuotes).toEqual(['r4']);
    expect(target.labelCoverage).toBeUndefined();
  });

  test.each<[string, ReviewOperation, string]>([
    ['there is no such theme', { op: 'merge-themes', into: 'theme-1', themes: ['theme-9'] }, 'themes'],
    ['the target does not exist', { op: 'merge-themes', into: 'theme-9', themes: ['theme-2'] }, 'into'],
    ['a merged theme was discarded', { op: 'merge-themes', into: 'theme-1', themes: ['theme-3'] }, 'themes'],
  ])('when %s, then the merge is refused naming the field, and nothing changes', (_case, operation, field) => {
    const before = run(coding(), { op: 'discard-theme', theme: 'theme-3' });
    const copy = structuredClone(before);
    expect(() => run(before, operation)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field })] }),
    );
    expect(before).toEqual(copy);
  });

  test.each<[string, string, 'proposed' | 'accepted', boolean]>([
    ['an accepted theme is merged into a candidate', 'accepted', 'accepted', false],
    ['a candidate is merged into a candidate', 'proposed', 'proposed', false],
    ['an accepted theme is merged into a mixed group, which must be renamed first', 'proposed', 'accepted', true],
  ])('when %s, then the theme that holds it is %s', (_case, expected, mergedStatus, targetMixed) => {
    const before = coding();
    themeOf(before, 'theme-2').status = mergedStatus;
    themeOf(before, 'theme-1').mixed = targetMixed;
    expect(themeOf(run(before, MERGE), 'theme-1').status).toBe(expected);
  });

  test.each<[string, string, string | undefined]>([
    ["the machine's", '', undefined],
    ["a researcher's", 'The definition as written.', 'rb@example.org'],
  ])("when themes are merged and the target's definition is %s, then it becomes %j", (_case, expected, definedBy) => {
    const before = coding();
    Object.assign(themeOf(before, 'theme-1'), { definition: 'The definition as written.', definedBy });
    expect(themeOf(run(before, MERGE), 'theme-1').definition).toBe(expected);
  });

  test.each<[string, ReviewOperation, 'themes' | 'codes', string]>([
    ['a theme is merged into another', MERGE, 'themes', 'theme-1'],
    ['a code is moved to another theme', { op: 'move-code', code: 'c4', theme: 'theme-1' }, 'codes', 'c4'],
    ['codes are merged', { op: 'merge-codes', into: 'c3', codes: ['c2'] }, 'codes', 'c3'],
    ['a code is renamed', { op: 'rename-code', code: 'c3', label: 'Nursing' }, 'codes', 'c3'],
    ['a code is defined', { op: 'define-code', code: 'c3', definition: 'Nurses named.' }, 'codes', 'c3'],
  ])(
    'when %s, then what it reshaped is marked reviewed by the researcher, for a re-run to keep',
    (_case, operation, part, id) => {
      const after = run(coding(), operation);
      const reshaped = (after[part] as Array<{ id: string; reviewedBy?: string }>).find((item) => item.id === id)!;
      expect(reshaped.reviewedBy).toBe('ra@example.org');
    },
  );

  test("when a theme is renamed, then other themes' machine definitions contrast with it by its new name, and it is marked named by the researcher", () => {
    const before = coding();
    themeOf(before, 'theme-3').definition =
      'All say “appointment”. Unlike the nearest theme, “Kind”, 90% of these mention “appointment”, against 0% there.';
    const after = run(before, { op: 'rename-theme', theme: 'theme-2', label: 'Kindness of staff' });
    expect(themeOf(after, 'theme-3').definition).toBe(
      'All say “appointment”. Unlike the nearest theme, “Kindness of staff”, 90% of these mention “appointment”, against 0% there.',
    );
    expect(themeOf(after, 'theme-2').reviewedBy).toBe('ra@example.org');
  });

  test('when a theme is merged into itself alone, then nothing but the stale coverage changes', () => {
    const after = run(coding(), { op: 'merge-themes', into: 'theme-1', themes: ['theme-1'] });
    expect(after.themes.map((candidate) => candidate.status)).toEqual(['proposed', 'proposed', 'proposed']);
  });

  test('when the change list tells of a merge, then it names the themes', () => {
    expect(operationSentence(MERGE, coding())).toBe('merged the theme “Kind” into “Friendly”');
  });

  test('when coding independently, then a shared theme cannot be merged away by one researcher', () => {
    const state = { ...coding(), independent: { startedAt: '2026-01-01T00:00:00Z', revealed: false } };
    expect(() =>
      applyReviewOperation(state, MERGE, 'ra@example.org', new Date(), { independentCoder: 'ra@example.org' }),
    ).toThrow(/coding independently/);
  });
});

describe('the board after merging', () => {
  test("when a theme lists its own name under 'merged from', then the board leaves it out, and codes come largest first", () => {
    const state = run(coding(), MERGE, { op: 'accept-suggestion', segment: 's2', code: 'c3' });
    const shown = boardThemes(state).themes.find((candidate) => candidate.id === 'theme-1')!;
    expect(shown.mergedFromText).toBe('“Kind”');
    expect(shown.codes.map((candidate) => candidate.answers)).toEqual([2, 1, 1]);
    expect(shown.codes[0]!.label).toBe('Staff');
  });
});

describe('what a theme was merged from, as the board and the report say it', () => {
  test.each<[string, string[] | undefined, string | null]>([
    ['Service', ['Service'], null],
    ['Staff', ['Friendly', 'Staff'], '“Friendly”'],
    ['Care', undefined, null],
    ['Helpful', ['Brilliant', 'Thank you'], '“Brilliant”, “Thank you”'],
    ['Staff', ['Friendly staff', 'Mixed: staff, engage, cooking'], '“Friendly staff”, a mixed group'],
    ['Care', ['Mixed: care, team', 'Mixed: staff, ward'], '2 mixed groups'],
  ])('when %s was merged from %j, then it reads %j', (label, mergedFrom, expected) => {
    expect(mergedFromText({ label, mergedFrom })).toBe(expected);
  });
});

describe('mixed codes', () => {
  const ACCEPT: ReviewOperation = { op: 'accept-code', code: 'c5' };

  test('when a mixed code is accepted as it is, then it is refused with the reason', () => {
    expect(() => run(coding(), ACCEPT)).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ field: 'code', message: expect.stringMatching(/mixed group/) })],
      }),
    );
  });

  test('when a researcher renames a mixed code, then it is no longer mixed, its machine definition goes, and it can be accepted', () => {
    const state = coding();
    state.codes[4]!.definition = 'Segments with no phrase shared by a third of them.';
    const after = run(state, { op: 'rename-code', code: 'c5', label: 'Nurses were lovely' }, ACCEPT);
    expect(after.codes.find((candidate) => candidate.id === 'c5')).toMatchObject({
      status: 'accepted',
      definition: '',
    });
    expect(after.codes.find((candidate) => candidate.id === 'c5')!.mixed).toBeUndefined();
  });

  test("when a researcher renames a theme, then the machine's label coverage and its old name's look-alikes go with the machine's label", () => {
    const after = run(coding(), { op: 'rename-theme', theme: 'theme-1', label: 'Friendly staff' });
    expect(themeOf(after, 'theme-1').labelCoverage).toBeUndefined();
    // Nor does it list the look-alike group of its old name as if it were another theme merged in.
    expect(themeOf(after, 'theme-1').mergedFrom).toEqual([]);
    expect(
      themeOf(run(coding(), { op: 'rename-theme', theme: 'theme-1', label: 'Friendly' }), 'theme-1').labelCoverage,
    ).toBe(0.6);
  });
});

describe('definitions that name a theme no longer on the board', () => {
  const food = scoredPhrase('food', ['food'], 0.8, { score: 1 });
  const labelling: Labelling = { label: 'Food', mixed: false, coverage: 0.8, phrases: [food] };
  const neighbour = { label: 'Kind', members: [answerWords('Lovely staff'), answerWords('Kind nurses')] };

  test("when the machine's definition contrasts with a neighbour that is gone, then exactly that sentence is taken out", () => {
    const contrasted = defineTheme({ labelling, typical: 'Good food', neighbour });
    expect(contrasted).toContain('Unlike the nearest theme, “Kind”');
    expect(withoutContrastWith(contrasted, 'Kind')).toBe(
      defineTheme({ labelling, typical: 'Good food', neighbour: null }),
    );
    expect(withoutContrastWith(contrasted, 'Staff')).toBe(contrasted);
  });

  test("when a theme is merged away, then other themes' machine definitions stop naming it, and a researcher's stay", () => {
    const state = coding();
    const contrast = defineTheme({ labelling, typical: null, neighbour });
    state.themes[2]!.definition = contrast;
    state.themes[0]!.definition = contrast;
    state.themes[0]!.definedBy = 'rb@example.org';
    const after = run(state, MERGE);
    expect(themeOf(after, 'theme-3').definition).not.toContain('“Kind”');
    expect(themeOf(after, 'theme-1').definition).toBe(contrast);
  });
});

describe('bringing a discarded theme back', () => {
  test('when a discarded theme is brought back, then it is a candidate again with the codes it held that are still in no theme', () => {
    const discarded = run(coding(), { op: 'discard-theme', theme: 'theme-2' });
    expect(discarded.codes.filter((candidate) => candidate.themeId === 'theme-2')).toEqual([]);
    // One of its codes was moved to another theme meanwhile: it stays there.
    const moved = run(discarded, { op: 'move-code', code: 'c3', theme: 'theme-3' });
    const restored = run(moved, { op: 'restore-theme', theme: 'theme-2' });
    expect(themeOf(restored, 'theme-2')).toMatchObject({ status: 'proposed', label: 'Kind' });
    expect(themeOf(restored, 'theme-2').releasedCodes).toBeUndefined();
    expect(restored.codes.filter((candidate) => candidate.themeId === 'theme-2').map((c) => c.id)).toEqual([
      'c2',
      'c5',
    ]);
    expect(restored.codes.find((candidate) => candidate.id === 'c3')!.themeId).toBe('theme-3');
    expect(operationSentence({ op: 'restore-theme', theme: 'theme-2' }, restored)).toBe(
      'brought back the theme “Kind”',
    );
  });

  test('when a theme merged into another that was merged on in turn is looked up, then the theme that holds its codes now is named, and bringing it back is refused', () => {
    const chained = run(coding(), MERGE, { op: 'merge-themes', into: 'theme-3', themes: ['theme-1'] });
    expect(mergedInto(chained.themes, themeOf(chained, 'theme-2'))?.id).toBe('theme-3');
    expect(() => run(chained, { op: 'restore-theme', theme: 'theme-2' })).toThrow(/merged into "Appointments"/);
    // The theme it joined discarded since: that one is named, to be brought back itself.
    const joinedThenDiscarded = run(coding(), MERGE, { op: 'discard-theme', theme: 'theme-1' });
    expect(mergedInto(joinedThenDiscarded.themes, themeOf(joinedThenDiscarded, 'theme-2'))?.id).toBe('theme-1');
  });

  test('when a discarded theme has the name of a look-alike group the machine merged into a live theme, then it is still discarded, not merged, and comes back', () => {
    const state = run(coding(), { op: 'discard-theme', theme: 'theme-2' });
    themeOf(state, 'theme-1').mergedFrom = ['Friendly', 'Kind'];
    expect(mergedInto(state.themes, themeOf(state, 'theme-2'))).toBeNull();
    expect(themeOf(run(state, { op: 'restore-theme', theme: 'theme-2' }), 'theme-2').status).toBe('proposed');
  });

  test.each([
    ['an admin', 'admin', true],
    ['a researcher coding independently', 'researcher', false],
  ])(
    "when %s opens a shared theme's page after it was discarded, then bringing it back is offered only if they may",
    (_who, role, offered) => {
      const state = run(coding(), { op: 'discard-theme', theme: 'theme-2' });
      state.independent = { startedAt: '2026-12-01T00:00:00Z', revealed: false };
      const page = themePageModel(state, 'theme-2', { email: 'rb@example.org', role });
      expect(page.gone).toMatchObject({ label: 'Kind', mergedInto: null, restorable: offered, bringsCodes: true });
    },
  );

  test.each<[string, ReviewOperation[], string]>([
    ['it was never discarded', [], 'was not discarded'],
    ['it was merged into another', [MERGE], 'was merged into “Friendly”'.replace(/[“”]/g, '"')],
    ['there is no such theme', [], 'there is no theme'],
  ])('when %s, then bringing it back is refused, and nothing changes', (_case, before, message) => {
    const state = run(coding(), ...before);
    const copy = structuredClone(state);
    const theme = _case.startsWith('there is no') ? 'theme-9' : 'theme-2';
    expect(() => run(state, { op: 'restore-theme', theme })).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ field: 'theme', message: expect.stringContaining(message) })],
      }),
    );
    expect(state).toEqual(copy);
  });
});
