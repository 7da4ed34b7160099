import { AnalysisInputError } from '../../analysis/input-error';
import { computeSurveyStats } from '../../analysis/survey-stats';
import { pqlAnswers, cqlPqlSurvey } from '../support/factories';

const { definition } = cqlPqlSurvey();

const survey = {
  slug: 's',
  title: 'S',
  definition: definition as Record<string, unknown>,
  distribution: null,
  analysis: null,
};
async function* stream(items: Array<{ data: Record<string, unknown>; complete?: boolean; submittedAt?: string }>) {
  for (const item of items) yield { complete: true, submittedAt: '2024-05-20T10:00:00.000Z', ...item };
}
const noNaN = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/NaN|Infinity/);

describe('statistics at the edges', () => {
  test('when there are no responses, then every figure is defined', async () => {
    const stats = await computeSurveyStats(survey, stream([]), { by: 'role' });
    expect(stats.responses).toMatchObject({
      total: 0,
      complete: 0,
      partial: 0,
      analysed: 0,
      practices: null,
      rate: null,
    });
    expect(stats.questions.plt_barrier).toMatchObject({ answered: 0, test: null });
    // 0 of 0 is no share: no percent rather than 0.0%.
    expect((stats.questions.plt_barrier as { options: Array<Record<string, unknown>> }).options[0]).toEqual({
      value: 'yes',
      label: 'Yes',
      count: 0,
      ci95: null,
    });
    expect(stats.questions.hours_per_week).toMatchObject({ n: 0, mean: null, sd: null, median: null, test: null });
    noNaN(stats);
  });

  test('when only PQLs responded, then the CQL group is empty and there is no test', async () => {
    const stats = await computeSurveyStats(
      survey,
      stream([{ data: pqlAnswers() }, { data: pqlAnswers({ plt_barrier: 'no' }) }]),
      { by: 'role' },
    );
    const plt = stats.questions.plt_barrier as unknown as {
      groups: Record<string, { answered: number }>;
      test: unknown;
    };
    expect(plt.groups.cql!.answered).toBe(0);
    expect(plt.test).toBeNull();
    noNaN(stats);
  });

  test('when everyone gave the same answer, then the test is absent rather than NaN', async () => {
    const data = [pqlAnswers(), pqlAnswers({ role: 'cql', lmc: 'fife' })].map((d) => ({
      data: { ...d, cql_funding_matches_time: undefined },
    }));
    const stats = await computeSurveyStats(survey, stream(data), { by: 'role' });
    expect((stats.questions.plt_barrier as { test: unknown }).test).toBeNull();
    expect((stats.questions.hours_per_week as { test: { p: unknown; note: string } }).test).toMatchObject({
      p: null,
      note: expect.stringMatching(/same value/),
    });
    noNaN(stats);
  });

  test('when nobody was shown a question, then it is all "not shown" and nothing else', async () => {
    const stats = await computeSurveyStats(survey, stream([{ data: pqlAnswers() }, { data: pqlAnswers() }]));
    expect(stats.questions.cql_network_member).toMatchObject({ answered: 0, skipped: 0, notShown: 2 });
    noNaN(stats);
  });

  test('when filters are given, then only matching responses count; partials only when asked', async () => {
    const items = [
      { data: pqlAnswers({ lmc: 'fife' }), submittedAt: '2024-05-02T10:00:00.000Z' },
      { data: pqlAnswers({ lmc: 'glasgow' }), submittedAt: '2024-05-10T10:00:00.000Z' },
      { data: pqlAnswers({ lmc: 'glasgow' }), submittedAt: '2024-05-31T23:00:00.000Z' },
      { data: { lmc: 'glasgow' }, complete: false, submittedAt: '2024-05-11T10:00:00.000Z' },
    ];
    const glasgow = await computeSurveyStats(survey, stream(items), { where: [['lmc', 'glasgow']] });
    expect(glasgow.responses).toMatchObject({ total: 3, complete: 2, partial: 1, analysed: 2 });
    const withPartial = await computeSurveyStats(survey, stream(items), {
      where: [['lmc', 'glasgow']],
      includePartial: true,
    });
    expect(withPartial.responses.analysed).toBe(3);
    expect(withPartial.questions.role).toMatchObject({ answered: 2, skipped: 1 });
    const may = await computeSurveyStats(survey, stream(items), { from: '2024-05-03', to: '2024-05-31' });
    expect(may.responses).toMatchObject({ complete: 2, partial: 1 });
    expect(may.filters).toMatchObject({ from: '2024-05-03T00:00:00.000Z', to: '2024-05-31T23:59:59.999Z' });
  });

  test.each([
    [{ by: 'hours_per_week' }, 'by', /not a single-choice question/],
    [{ by: 'nope' }, 'by', /not a single-choice question/],
    [{ where: [['nope', 'x']] as Array<[string, string]> }, 'where', /"nope" is not a question/],
    [{ from: 'yesterday' }, 'from', /not a date/],
    [{ to: '2024-13-01' }, 'to', /not a date/],
  ])('when the options are %j, then an input error names the option %s', async (options, field, message) => {
    const error = await computeSurveyStats(survey, stream([]), options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnalysisInputError);
    expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
  });
});

describe('statistics for a survey that is not the CQL/PQL one', () => {
  const other = {
    slug: 'team',
    title: 'Team',
    distribution: null,
    analysis: null,
    definition: {
      elements: [
        { type: 'checkbox', name: 'topics', choices: ['data', 'time', 'admin'] },
        { type: 'boolean', name: 'would_recommend', labelTrue: 'Would', labelFalse: 'Would not' },
        { type: 'rating', name: 'score', rateMin: 1, rateMax: 3 },
      ],
    },
  };

  test('when checkbox, boolean and rating answers are counted, then checkbox options are percentages of respondents', async () => {
    const data = [
      { topics: ['data', 'time'], would_recommend: true, score: 3 },
      { topics: ['time'], would_recommend: false, score: 2 },
      { topics: ['time', 'admin'], would_recommend: true, score: 3 },
      { would_recommend: true },
    ];
    const stats = await computeSurveyStats(other, stream(data.map((d) => ({ data: d }))));
    const topics = stats.questions.topics as unknown as {
      kind: string;
      answered: number;
      skipped: number;
      options: Array<{ value: string; count: number; percent: number }>;
    };
    expect(topics.kind).toBe('multi');
    expect(topics).toMatchObject({ answered: 3, skipped: 1 });
    expect(topics.options.map((o) => [o.value, o.count, Number(o.percent.toFixed(2))])).toEqual([
      ['data', 1, 33.33],
      ['time', 3, 100],
      ['admin', 1, 33.33],
    ]);
    const recommend = stats.questions.would_recommend as unknown as {
      options: Array<{ value: boolean; label: string; count: number }>;
    };
    expect(recommend.options.map((o) => [o.value, o.label, o.count])).toEqual([
      [true, 'Would', 3],
      [false, 'Would not', 1],
    ]);
    const score = stats.questions.score as unknown as { options: Array<{ value: number; count: number }> };
    expect(score.options.map((o) => [o.value, o.count])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
  });
});

describe('responses by area', () => {
  const areas = [
    { code: 'fife', name: 'Fife', practices: 50 },
    { code: 'glasgow', name: 'Glasgow', practices: 220 },
  ];
  const conditional = {
    pages: [
      {
        name: 'p',
        elements: [
          { type: 'radiogroup', name: 'role', choices: ['cql', 'pql'] },
          { type: 'dropdown', name: 'area', visibleIf: "{role} = 'cql'", choices: ['fife', 'glasgow'] },
          { type: 'text', name: 'place' },
        ],
      },
    ],
  };
  const responses = [
    { role: 'cql', area: 'fife', place: 'fife' },
    { role: 'cql', area: 'glasgow', place: 'glasgow' },
    // The area question was hidden from this respondent, but the answer held still says where they are.
    { role: 'pql', area: 'fife', place: 'fife' },
    { role: 'pql', place: 'glasgow' },
  ];
  test.each([
    ['a single-choice question, sometimes hidden', 'area', { fife: 2, glasgow: 1 }],
    ['a text question', 'place', { fife: 2, glasgow: 2 }],
  ])(
    'when the area is %s, then each area counts every analysed response that names it',
    async (_, question, expected) => {
      const stats = await computeSurveyStats(
        { ...survey, definition: conditional, distribution: { question, areas } },
        stream(responses.map((data) => ({ data }))),
        { by: 'role' },
      );
      expect(
        Object.fromEntries(Object.entries(stats.responses.byLmc).map(([code, area]) => [code, area.responses])),
      ).toEqual(expected);
      expect(stats.questions.area).toMatchObject({ answered: 2, notShown: 2 });
    },
  );
});

describe('long streams', () => {
  test.each([999, 1000, 1001, 2345])(
    'when %i responses arrive, then each is counted once whatever batch it falls in',
    async (n) => {
      const responses = Array.from({ length: n }, (_, i) => ({
        data: pqlAnswers({ plt_barrier: i % 3 === 0 ? 'yes' : 'no' }),
      }));
      const stats = await computeSurveyStats(survey, stream(responses), { by: 'role' });
      const yes = Math.ceil(n / 3);
      expect(stats.responses).toMatchObject({ total: n, analysed: n });
      const plt = stats.questions.plt_barrier as unknown as {
        answered: number;
        options: Array<{ value: string; count: number }>;
      };
      expect(plt.answered).toBe(n);
      expect(plt.options.map((option) => [option.value, option.count])).toEqual([
        ['yes', yes],
        ['no', n - yes],
      ]);
    },
  );
});
