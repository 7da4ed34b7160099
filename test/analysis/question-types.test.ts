import fs from 'node:fs';
import path from 'node:path';
import { Model } from 'survey-core';
import { withholdSmallGroups } from '../../analysis/suppression';
import { computeSurveyStats, type StatsResponse, type SurveyStats } from '../../analysis/survey-stats';

const definition = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'surveys', 'every-question-type.json'), 'utf8'),
) as Record<string, unknown>;
const survey = { slug: 'every-type', title: 'Every question type', definition, distribution: null, analysis: null };

/** Six respondents; the expected values below are worked out from these by hand or with numpy and scipy. */
const answers = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'surveys', 'every-question-type.responses.json'), 'utf8'),
) as Array<Record<string, unknown>>;

async function* stream(): AsyncIterable<StatsResponse> {
  for (const data of answers) yield { data, complete: true, submittedAt: '2026-03-01T10:00:00.000Z' };
}

describe('statistics for every SurveyJS question type', () => {
  let stats: SurveyStats;
  let byRole: SurveyStats;
  beforeAll(async () => {
    stats = await computeSurveyStats(survey, stream());
    byRole = await computeSurveyStats(survey, stream(), { by: 'role' });
  });
  const q = (name: string) => stats.questions[name] as Record<string, any>;

  test('when any question takes an answer, then it appears in the statistics, and an "other" box follows its question', () => {
    const answerable = new Model(definition)
      .getAllQuestions(false)
      .filter((question) => question.getType() !== 'html')
      .map((question) => question.getValueName());
    expect(Object.keys(stats.questions)).toEqual([
      ...answerable.slice(0, answerable.indexOf('methods') + 1),
      'methods-Comment',
      ...answerable.slice(answerable.indexOf('methods') + 1),
    ]);
    expect(q('methods-Comment')).toMatchObject({
      kind: 'text',
      answered: 1,
      title: 'Methods used (other, please specify)',
    });
  });

  test.each([
    ['the 0-10 rating', 'recommend', { n: 6, mean: 43 / 6, median: 8.5, q1: 6.5, q3: 9.75 }, 3, 50],
    ['the numeric satisfaction scale', 'satisfaction', { n: 6, mean: 19 / 6, median: 3.5 }, 3, 50],
  ])(
    'when %s is answered, then it is an ordered scale with mean, quartiles and top-two-box',
    (_case, name, scale, topCount, topPercent) => {
      // numpy: np.mean, np.percentile(x, [25, 50, 75]) on [10, 9, 8, 6, 0, 10] and [5, 4, 4, 2, 1, 3]
      expect(q(name).scale).toMatchObject(
        Object.fromEntries(Object.entries(scale).map(([key, value]) => [key, expect.closeTo(value, 10)])),
      );
      expect(q(name).topTwoBox).toEqual({ count: topCount, percent: topPercent });
    },
  );

  test('when a 0-10 rating is answered, then it gets a Net Promoter Score with its interval', () => {
    // promoters 3 (9-10), passives 1, detractors 2 of 6; interval: score ± 1.959964 * sqrt((p + d - (p - d)^2) / n) * 100
    expect(q('recommend').nps).toMatchObject({
      n: 6,
      score: expect.closeTo(16.6667, 3),
      promoters: 50,
      counts: { promoters: 3, passives: 1, detractors: 2 },
    });
    expect(q('recommend').nps.ci95[0]).toBeCloseTo(-55.149168337971474, 6);
    expect(q('recommend').nps.ci95[1]).toBeCloseTo(88.48250167130482, 6);
    expect(q('satisfaction').nps).toBeUndefined();
  });

  test('when a scale is split by a group, then it is compared by rank (Mann-Whitney)', () => {
    // scipy: mannwhitneyu([10, 8, 0], [9, 6, 10], alternative='two-sided', method='asymptotic', use_continuity=True) -> p 0.8247780950825133
    const recommend = byRole.questions.recommend as Record<string, any>;
    expect(recommend.test).toMatchObject({ name: 'mann-whitney', p: expect.closeTo(0.8247780950825133, 9) });
    expect(recommend.groups.a.scale.mean).toBeCloseTo(6, 10);
  });

  test('when a Likert matrix is answered, then each row has its options, scale and base', () => {
    const rows = q('agree').rows as Array<Record<string, any>>;
    expect(rows.map((row) => [row.value, row.label, row.answered, row.skipped])).toEqual([
      ['workload', 'My workload is manageable', 5, 1],
      ['support', 'I feel supported', 6, 0],
    ]);
    // numpy on [1, 2, 2, 5, 4]: mean 2.8, sd (ddof=1) 1.6431676725154984, quartiles 2, 2, 4
    expect(rows[0]!.scale).toMatchObject({
      n: 5,
      mean: expect.closeTo(2.8, 10),
      sd: expect.closeTo(1.6431676725154984, 10),
      q1: 2,
      median: 2,
      q3: 4,
    });
    expect(rows[0]!.options.map((option: { label: string; count: number }) => [option.label, option.count])).toEqual([
      ['Strongly disagree', 1],
      ['Disagree', 2],
      ['Neither', 0],
      ['Agree', 1],
      ['Strongly agree', 1],
    ]);
    expect(rows[1]!.topTwoBox).toEqual({ count: 4, percent: expect.closeTo(400 / 6, 10) });
    expect(q('agree')).toMatchObject({ kind: 'matrix', answered: 6 });
  });

  test('when options are ranked, then each has its mean rank, how often it came first and its places', () => {
    expect(q('priorities')).toMatchObject({ kind: 'ranking', answered: 3, skipped: 3 });
    expect(q('priorities').options).toEqual([
      {
        value: 'time',
        label: 'Protected time',
        meanRank: 4 / 3,
        first: 2,
        firstPercent: expect.closeTo(200 / 3, 10),
        places: [2, 1, 0],
      },
      {
        value: 'admin',
        label: 'Admin support',
        meanRank: 2,
        first: 1,
        firstPercent: expect.closeTo(100 / 3, 10),
        places: [1, 1, 1],
      },
      { value: 'data', label: 'Data', meanRank: 8 / 3, first: 0, firstPercent: 0, places: [0, 1, 2] },
    ]);
  });

  test('when multiple text is answered, then each item is analysed as its own type', () => {
    expect(q('contact_hours')).toMatchObject({ kind: 'items', answered: 2, skipped: 4 });
    expect(q('contact_hours').items.weekday).toMatchObject({ kind: 'number', n: 2, mean: 4 });
    expect(q('contact_hours').items.note).toMatchObject({ kind: 'text', answered: 1, skipped: 5 });
  });

  test('when dynamic panels and matrices are answered, then their questions count each entry and entries are counted per respondent', () => {
    expect(q('projects')).toMatchObject({
      kind: 'entries',
      answered: 2,
      entries: { total: 3, perRespondent: 1.5, most: 2 },
    });
    expect(q('projects').items.impact.scale).toMatchObject({ n: 3, mean: 4 });
    expect(q('projects').items.topic).toMatchObject({ kind: 'text', answered: 3 });
    expect(q('meetings')).toMatchObject({ kind: 'entries', answered: 1, entries: { total: 2 } });
    expect(q('meetings').items.attended).toMatchObject({ kind: 'number', n: 2, mean: 11 });
  });

  test('when a matrix has dropdown and text columns, then choices become a matrix by row and text an item per row', () => {
    const have = q('resources').items.have;
    expect(have.kind).toBe('matrix');
    expect(
      have.rows.map((row: { value: string; answered: number; options: Array<{ count: number }> }) => [
        row.value,
        row.answered,
        row.options.map((o) => o.count),
      ]),
    ).toEqual([
      ['admin', 2, [1, 1]],
      ['data', 1, [0, 1]],
    ]);
    expect(q('resources').items.comment).toMatchObject({
      kind: 'items',
      items: { admin: { kind: 'text', answered: 1 }, data: { kind: 'text', answered: 0 } },
    });
  });

  test.each([
    ['signature pad', 'signature', 1],
    ['file upload', 'upload', 1],
    ['expression', 'score_sum', 1],
  ])('when a %s is answered, then it is counted and marked as not summarised', (_case, name, answered) => {
    expect(q(name)).toMatchObject({
      kind: 'unsupported',
      answered,
      note: expect.stringContaining('cannot be summarised'),
    });
  });

  test('when an option has no answers, then its interval starts at exactly 0', () => {
    const neither = (q('agree').rows[0].options as Array<{ label: string; ci95: [number, number] }>).find(
      (option) => option.label === 'Neither',
    )!;
    expect(neither.ci95[0]).toBe(0);
    expect(JSON.stringify(stats)).not.toMatch(/e-1\d/);
  });

  test('when published with a minimum base, then every part of every question below it is withheld', () => {
    const published = withholdSmallGroups(stats, 5) as unknown as { questions: Record<string, any> };
    expect(published.questions.agree.rows[0].scale).toBeDefined();
    expect(published.questions.priorities).toMatchObject({ suppressed: true });
    expect(published.questions.priorities.options.length).toBeGreaterThan(0);
    expect(
      published.questions.priorities.options.every(
        (option: { suppressed?: boolean; first?: number }) => option.suppressed && option.first === undefined,
      ),
    ).toBe(true);
    expect(published.questions.projects.items.impact).toMatchObject({ suppressed: true });
    expect(published.questions.projects.items.impact.scale).toBeUndefined();
    expect(published.questions.resources.items.have.rows[0]).toMatchObject({ suppressed: true });
  });
});
