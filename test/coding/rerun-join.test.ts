import { carriedOver, describeRerun } from '../../server/coding/coding-rerun';
import type { CodeApplication, CodingState } from '../../server/coding/coding-state';
import { candidateTheme, machineCode } from '../support/coding-state-factories';

const TEXTS = ['The food was cold.', 'Lovely meals.', 'Friendly staff.', 'No parking.'];
const segments = TEXTS.map((text, i) => ({
  id: `s${i + 1}`,
  responseId: `r${i + 1}`,
  text,
  start: 0,
  end: text.length,
}));
const suggestion = (segmentId: string, codeId: string): CodeApplication => ({
  segmentId,
  codeId,
  by: 'machine',
  status: 'suggested',
  confidence: null,
  evidence: [],
});
const coding = (parts: Pick<CodingState, 'codes' | 'themes' | 'applications'>): CodingState => ({
  surveySlug: 'survey',
  question: 'q',
  segments,
  memos: [],
  ...parts,
});

/**
 * A researcher accepted "Food" (into which they merged "Meals") and "Access" as the machine proposed its code,
 * renamed "Share good practice" to "Networking", discarded "Parking", and kept "Staff" private. One answer (r9)
 * has gone since.
 */
function previous(): CodingState {
  const gone = { id: 's9', responseId: 'r9', text: 'Long wait.', start: 0, end: 10 };
  return {
    ...coding({
      codes: [
        machineCode('c1', 'Food', 'theme-1', { status: 'accepted' }),
        machineCode('c2', 'Parking', null),
        machineCode('c3', 'Staff', 'theme-3', { source: 'researcher', privateTo: 'rb@example.org' }),
        machineCode('c4', 'Waiting list', 'theme-4'),
        machineCode('c5', 'Share good practice', 'theme-5'),
      ],
      themes: [
        candidateTheme('theme-1', 'Food', { status: 'accepted', mergedFrom: ['Meals'] }),
        candidateTheme('theme-2', 'Parking', { status: 'discarded' }),
        candidateTheme('theme-3', 'Staff', { privateTo: 'rb@example.org' }),
        candidateTheme('theme-4', 'Access', {
          status: 'accepted',
          definition:
            'All say “wait”. Unlike the nearest theme, “Mixed: wait, car”, 90% of these mention “wait”, against 5% there.',
        }),
        candidateTheme('theme-5', 'Networking', {
          reviewedBy: 'ra@example.org',
          definition:
            'All say “share”. Unlike the nearest theme, “Food”, 100% of these mention “share”, against 0% there.',
        }),
      ],
      applications: [
        { ...suggestion('s1', 'c1'), by: 'ra@example.org', status: 'accepted' },
        suggestion('s4', 'c4'),
        suggestion('s9', 'c4'),
        suggestion('s3', 'c5'),
      ],
    }),
    segments: [...segments, gone],
  };
}

/** The machine's new proposal names "Food", "Meals", "Parking" and "Staff" again. */
function fresh(): CodingState {
  return coding({
    codes: [
      machineCode('c1', 'food', 'theme-1'),
      machineCode('c2', 'Meals', 'theme-2'),
      machineCode('c3', 'Parking', 'theme-3'),
      machineCode('c4', 'Staff', 'theme-4'),
      machineCode('c5', 'Share good practice', 'theme-5'),
    ],
    themes: [
      candidateTheme('theme-1', 'Food '),
      candidateTheme('theme-2', 'Meals'),
      candidateTheme('theme-3', 'Parking'),
      candidateTheme('theme-4', 'Staff', {
        definition:
          'All say “staff”. Unlike the nearest theme, “Meals”, 100% of these mention “staff”, against 0% there.',
      }),
      candidateTheme('theme-5', 'Share good practice'),
    ],
    applications: [
      suggestion('s1', 'c1'),
      suggestion('s2', 'c1'),
      suggestion('s2', 'c2'),
      suggestion('s4', 'c3'),
      suggestion('s3', 'c5'),
    ],
  });
}

describe('running the machine again over reviewed coding', () => {
  const { state, summary } = carriedOver(previous(), fresh());
  const live = state.themes.filter((theme) => theme.status !== 'discarded');
  const keptFood = state.themes.find((theme) => theme.label === 'Food')!;
  const codeNamed = (label: string) => state.codes.filter((code) => code.label === label);

  test('when a new candidate is named as a kept theme or one merged into it, then it joins that theme rather than being listed twice', () => {
    expect(live.map((theme) => theme.label).sort()).toEqual([
      'Access',
      'Food',
      'Networking',
      'Parking',
      'Staff',
      'Staff',
    ]);
    expect(keptFood.status).toBe('accepted');
    expect(codeNamed('Meals').map((code) => code.themeId)).toEqual([keptFood.id]);
  });

  test('when a new code is named as a kept one, then its suggestions go to the kept code, except where a researcher decided', () => {
    expect(codeNamed('food')).toEqual([]);
    const food = codeNamed('Food')[0]!;
    expect(
      state.applications
        .filter((application) => application.codeId === food.id)
        .map((application) => [application.segmentId, application.by]),
    ).toEqual([
      ['s1', 'ra@example.org'],
      ['s2', 'machine'],
    ]);
  });

  test("when the board is listed again, then people's themes come first as they were, the new candidates next, the discarded last", () => {
    expect(state.themes.map((theme) => theme.label)).toEqual([
      'Food',
      'Staff',
      'Access',
      'Networking',
      'Parking',
      'Staff',
      'Parking',
    ]);
    expect(state.themes.at(-1)!.status).toBe('discarded');
  });

  test('when a discarded theme remembers codes the run replaces, then it forgets them: bringing it back must not take in a new code that gets one of their ids', () => {
    const before = previous();
    before.themes.find((theme) => theme.id === 'theme-2')!.releasedCodes = ['c2', 'c1'];
    const after = carriedOver(before, fresh()).state;
    const discarded = after.themes.find((theme) => theme.status === 'discarded')!;
    expect([discarded.label, discarded.releasedCodes]).toEqual(['Parking', ['c1']]);
  });

  test('when a new candidate is named as a theme a researcher discarded, then it is proposed afresh with its codes', () => {
    const parking = live.find((theme) => theme.label === 'Parking')!;
    expect(parking.status).toBe('proposed');
    expect(codeNamed('Parking').map((code) => code.themeId)).toEqual([parking.id]);
  });

  test('when a theme was accepted as the machine proposed its codes, then they stay in it with their suggestions on the answers still there', () => {
    const waiting = codeNamed('Waiting list')[0]!;
    expect(waiting.themeId).toBe(state.themes.find((theme) => theme.label === 'Access')!.id);
    expect(
      state.applications.filter((application) => application.codeId === waiting.id).map((a) => a.segmentId),
    ).toEqual(['s4']);
  });

  test('when a researcher renamed a candidate and the machine proposes it again under its old name, then it joins theirs: one theme, one code, one suggestion each', () => {
    expect(state.themes.map((theme) => theme.label)).not.toContain('Share good practice');
    const shared = codeNamed('Share good practice');
    expect(shared.map((code) => [code.id, code.themeId])).toEqual([['c5', 'theme-5']]);
    expect(state.applications.filter((application) => application.codeId === 'c5')).toHaveLength(1);
  });

  test('when the new proposal uses the ids of kept themes and codes, then the kept ones keep theirs and the new ones get unused ids', () => {
    expect(state.themes.filter((theme) => theme.label === 'Food').map((theme) => theme.id)).toEqual(['theme-1']);
    expect(codeNamed('Food').map((code) => code.id)).toEqual(['c1']);
    // And each kept code in use keeps its place among the codes in use, so its colour on the coding screen.
    const places = (codes: Array<{ id: string; status: string }>) =>
      new Map(codes.filter((code) => code.status !== 'discarded').map((code, place) => [code.id, place]));
    const [was, is] = [places(previous().codes), places(state.codes)];
    for (const id of ['c1', 'c3', 'c4', 'c5']) expect([id, is.get(id)]).toEqual([id, was.get(id)]);
    const ids = [...state.themes, ...state.codes].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    const before = new Set([...previous().themes, ...previous().codes].map((item) => item.id));
    const fromMachine = state.themes.filter((theme) => theme.label === 'Parking' && theme.status === 'proposed');
    expect(before.has(fromMachine[0]!.id)).toBe(false);
  });

  test('when a new candidate joins a theme of another name, then no machine definition contrasts another theme with it', () => {
    const staff = state.themes.find((theme) => theme.label === 'Staff' && !theme.privateTo)!;
    expect(staff.definition).toBe('All say “staff”.');
  });

  test('when a kept theme was contrasted with a candidate no longer on the board, then that sentence goes; one on the board stays', () => {
    expect(state.themes.find((theme) => theme.label === 'Access')!.definition).toBe('All say “wait”.');
    expect(state.themes.find((theme) => theme.label === 'Networking')!.definition).toMatch(
      /^All say “share”\. Unlike the nearest theme, “Food”, /,
    );
  });

  test("when a kept theme is one researcher's private theme, then the machine's theme of that name stays apart", () => {
    expect(
      state.themes
        .filter((theme) => theme.label === 'Staff')
        .map((theme) => theme.privateTo)
        .sort(),
    ).toEqual(['rb@example.org', undefined]);
  });

  test('when the run is described, then it says what it kept and joined', () => {
    expect(summary).toMatchObject({ kept: { suggestions: 2 }, joined: { themes: 3, codes: 2 } });
    expect(describeRerun(summary)).toMatch(
      /2 suggestions of kept codes, .*; joined 3 new candidate themes and 2 new codes to kept ones$/,
    );
  });
});
