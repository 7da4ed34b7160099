import { tallyFor, type AnyTally } from '../../analysis/part-tallies';
import {
  questionStats,
  type ChoiceStats,
  type EntriesStats,
  type GroupTally,
  type NumberStats,
  type RankingStats,
  type TextStats,
  type UnsupportedStats,
} from '../../analysis/question-stats';
import type { StatsQuestion } from '../../analysis/stats-questions';

const yesNo: StatsQuestion = {
  name: 'q',
  title: 'Agree?',
  type: 'radiogroup',
  kind: 'choice',
  options: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
};

function tallied(question: StatsQuestion, answers: unknown[]): AnyTally {
  const tally = tallyFor(question);
  for (const answer of answers) tally.add(answer, true);
  return tally;
}
const repeat = (value: unknown, times: number) => Array.from({ length: times }, () => value);
const group = (key: string, question: StatsQuestion, answers: unknown[]): GroupTally => ({
  key,
  respondents: answers.length,
  tally: tallied(question, answers),
});

describe('questionStats', () => {
  test('when a choice question is split by group, then each group lists every option and the groups are compared', () => {
    const cql = [...repeat('yes', 30), ...repeat('no', 10)];
    const pql = [...repeat('yes', 15), ...repeat('no', 25), 'unsure'];
    const stats = questionStats(
      yesNo,
      tallied(yesNo, [...cql, ...pql]),
      [group('cql', yesNo, cql), group('pql', yesNo, pql)],
      81,
      null,
    ) as ChoiceStats;
    expect(stats.kind).toBe('choice');
    expect(stats.options.map((o) => [o.value, o.count])).toEqual([
      ['yes', 45],
      ['no', 35],
      ['unsure', 1],
    ]);
    // The CQL group never said "unsure" but lists it, with 0, so every group shows the same options.
    expect(stats.groups!.cql!.options.map((o) => [o.value, o.count, o.percent])).toEqual([
      ['yes', 30, 75],
      ['no', 10, 25],
      ['unsure', 0, 0],
    ]);
    expect(['chi-square', 'fisher', 'fisher-simulated']).toContain(stats.test!.name);
  });

  test('when a two-option choice is split by group, then it is compared by the chi-square test scipy gives', () => {
    const cql = [...repeat('yes', 30), ...repeat('no', 10)];
    const pql = [...repeat('yes', 15), ...repeat('no', 25)];
    const stats = questionStats(
      yesNo,
      tallied(yesNo, [...cql, ...pql]),
      [group('cql', yesNo, cql), group('pql', yesNo, pql)],
      80,
      null,
    ) as ChoiceStats;
    // scipy.stats.chi2_contingency([[30, 15], [10, 25]], correction=False) (scipy 1.17.1)
    expect(stats.test).toMatchObject({ name: 'chi-square', df: 1 });
    expect(stats.test!.statistic).toBeCloseTo(11.42857142857143, 10);
    expect(stats.test!.p).toBeCloseTo(0.0007232327164301923, 12);
  });

  test('when an ordered scale is split into two groups, then it is compared by Mann-Whitney as scipy does', () => {
    const scale: StatsQuestion = {
      ...yesNo,
      type: 'rating',
      options: [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) })),
      scale: { nps: false },
    };
    const a = [1, 2, 2, 3, 4, 5];
    const b = [3, 4, 4, 5, 5, 5];
    const stats = questionStats(
      scale,
      tallied(scale, [...a, ...b]),
      [group('a', scale, a), group('b', scale, b)],
      12,
      null,
    ) as ChoiceStats;
    // scipy.stats.mannwhitneyu([1,2,2,3,4,5], [3,4,4,5,5,5], method='asymptotic') = U 7.0, p 0.08355056526721258
    expect(stats.test).toMatchObject({ name: 'mann-whitney', statistic: 7 });
    expect(stats.test!.p).toBeCloseTo(0.08355056526721258, 12);
    expect(stats.scale!.mean).toBeCloseTo(43 / 12, 12);
    expect(stats.groups!.b!.topTwoBox).toEqual({ count: 5, percent: (5 / 6) * 100 });
  });

  test('when there are no groups, then a choice question has no test', () => {
    expect((questionStats(yesNo, tallied(yesNo, ['yes']), null, 1, null) as ChoiceStats).test).toBeNull();
  });

  test('when a number question has bands in the analysis settings, then its figures carry them', () => {
    const hours: StatsQuestion = { name: 'hours', title: 'Hours', type: 'number', kind: 'number', options: [] };
    const stats = questionStats(hours, tallied(hours, [0.5, 2, 6]), null, 3, {
      bands: { hours: [{ label: 'under 1', to: 1, includeTo: false }] },
    }) as NumberStats;
    expect(stats.quartileMethod).toMatch(/type 7/);
    expect(stats.bands).toEqual([{ label: 'under 1', count: 1, percent: (1 / 3) * 100 }]);
    expect(stats.test).toBeNull();
  });

  test("when a text question is split by group, then each group's share is of its own respondents", () => {
    const text: StatsQuestion = { name: 't', title: 'Why', type: 'comment', kind: 'text', options: [] };
    const stats = questionStats(
      text,
      tallied(text, ['a', 'b']),
      [group('x', text, ['a', '', '', ''])],
      8,
      null,
    ) as TextStats;
    expect(stats.share).toBe(25);
    expect(stats.groups!.x!.share).toBe(25);
  });

  test('when a ranking is summarised, then each option has its mean rank, first places and places', () => {
    const ranking: StatsQuestion = {
      ...yesNo,
      type: 'ranking',
      kind: 'ranking',
      options: ['a', 'b', 'c'].map((value) => ({ value, label: value.toUpperCase() })),
    };
    const stats = questionStats(
      ranking,
      tallied(ranking, [
        ['b', 'a', 'c'],
        ['b', 'c', 'a'],
        ['a', 'b', 'c'],
      ]),
      null,
      3,
      null,
    ) as RankingStats;
    expect(stats.options.map((o) => [o.value, o.meanRank, o.first, o.places])).toEqual([
      ['a', 2, 1, [1, 1, 1]],
      ['b', 4 / 3, 2, [2, 1, 0]],
      ['c', 8 / 3, 0, [0, 1, 2]],
    ]);
    expect(stats.options[1]!.firstPercent).toBeCloseTo((2 / 3) * 100, 12);
  });

  test('when a dynamic panel is summarised, then entries per respondent and each inner question are given', () => {
    const panel: StatsQuestion = {
      name: 'p',
      title: 'People',
      type: 'paneldynamic',
      kind: 'entries',
      options: [],
      parts: [{ name: 'age', title: 'Age', type: 'number', kind: 'number', options: [] }],
    };
    const stats = questionStats(
      panel,
      tallied(panel, [[{ age: 30 }, { age: 50 }], [{ age: 40 }]]),
      null,
      2,
      null,
    ) as EntriesStats;
    expect(stats.entries).toEqual({ total: 3, perRespondent: 1.5, most: 2 });
    expect((stats.items.age as NumberStats).mean).toBe(40);
  });

  test('when a question cannot be summarised, then only how many answered is given, with a note saying so', () => {
    const signature: StatsQuestion = {
      name: 's',
      title: 'Sign',
      type: 'signaturepad',
      kind: 'unsupported',
      options: [],
    };
    const stats = questionStats(signature, tallied(signature, ['data:x', '']), null, 2, null) as UnsupportedStats;
    expect([stats.answered, stats.skipped]).toEqual([1, 1]);
    expect(stats.note).toBe('A signaturepad answer cannot be summarised; only how many gave one is counted');
  });
});
