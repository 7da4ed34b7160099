import type { CodingState } from '../../server/coding/coding-state';
import { quoteOptions } from '../../server/coding/workbench-page-model';
import { candidateTheme, machineCode } from '../support/coding-state-factories';

/* A theme's quote options are what the report would print: a researcher chooses among them as they will read. */
describe("a theme's quote options", () => {
  const TEXT = 'My psychiatrist Dr Boghal listened to me at the Kirkcaldy practice every single week.';
  const state: CodingState = {
    surveySlug: 'survey',
    question: 'q',
    segments: [{ id: 's1', responseId: 'r1', text: TEXT, start: 0, end: TEXT.length }],
    codes: [machineCode('c1', 'Listened', 'theme-1')],
    themes: [candidateTheme('theme-1', 'Listened', { proposedQuotes: ['r1'] })],
    applications: [
      { segmentId: 's1', codeId: 'c1', by: 'machine', status: 'suggested', confidence: 0.9, evidence: [] },
    ],
    memos: [],
  };

  test.each([
    [
      'no place names',
      [],
      'My psychiatrist Dr [name] listened to me at the Kirkcaldy practice every single week.',
      '“Kirkcaldy”',
    ],
    [
      'the survey’s place names',
      ['Kirkcaldy'],
      'My psychiatrist Dr [name] listened to me at the [place] practice every single week.',
      null,
    ],
  ])(
    'when a proposed quote names a person and the survey has %s, then the option reads as the report prints it and points out any word left that may name someone',
    (_case, places, expected, check) => {
      expect(quoteOptions(state, state.themes[0]!, ['c1'], places)).toEqual([
        { answer: 'r1', text: expected, chosen: false, check },
      ]);
    },
  );
});
