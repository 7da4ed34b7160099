import { computeSurveyStats } from '../../analysis/survey-stats';
import definition from '../../surveys/gp-quality-clusters-2024.json';
import { pqlAnswers } from '../support/factories';

const survey = { slug: 's', title: 'S', definition: definition as Record<string, unknown>, distribution: null, analysis: null };
async function* stream(items: Array<{ data: Record<string, unknown>; complete?: boolean; submittedAt?: string }>) {
  for (const item of items) yield { complete: true, submittedAt: '2024-05-20T10:00:00.000Z', ...item };
}
const noNaN = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/NaN|Infinity/);

describe('statistics at the edges', () => {
  test('when there are no responses, then every figure is defined', async () => {
    const stats = await computeSurveyStats(survey, stream([]), { by: 'role' });
    expect(stats.responses).toMatchObject({ total: 0, complete: 0, partial: 0, analysed: 0, practices: null, rate: null });
    expect(stats.questions.plt_barrier).toMatchObject({ answered: 0, test: null });
    expect((stats.questions.plt_barrier as { options: Array<{ percent: number; ci95: unknown }> }).options[0]).toMatchObject({ count: 0, percent: 0, ci95: null });
    expect(stats.questions.hours_per_week).toMatchObject({ n: 0, mean: null, sd: null, median: null, test: null });
    noNaN(stats);
  });

  test('when only PQLs responded, then the CQL group is empty and there is no test', async () => {
    const stats = await computeSurveyStats(survey, stream([{ data: pqlAnswers() }, { data: pqlAnswers({ plt_barrier: 'no' }) }]), { by: 'role' });
    const plt = stats.questions.plt_barrier as unknown as { groups: Record<string, { answered: number }>; test: unknown };
    expect(plt.groups.cql!.answered).toBe(0);
    expect(plt.test).toBeNull();
    noNaN(stats);
  });

  test('when everyone gave the same answer, then the test is absent rather than NaN', async () => {
    const data = [pqlAnswers(), pqlAnswers({ role: 'cql', lmc: 'fife' })].map((d) => ({ data: { ...d, cql_funding_matches_time: undefined } }));
    const stats = await computeSurveyStats(survey, stream(data), { by: 'role' });
    expect((stats.questions.plt_barrier as { test: unknown }).test).toBeNull();
    expect((stats.questions.hours_per_week as { test: { p: unknown; note: string } }).test).toMatchObject({ p: null, note: expect.stringMatching(/same value/) });
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
    const withPartial = await computeSurveyStats(survey, stream(items), { where: [['lmc', 'glasgow']], includePartial: true });
    expect(withPartial.responses.analysed).toBe(3);
    expect(withPartial.questions.role).toMatchObject({ answered: 2, skipped: 1 });
    const may = await computeSurveyStats(survey, stream(items), { from: '2024-05-03', to: '2024-05-31' });
    expect(may.responses).toMatchObject({ complete: 2, partial: 1 });
    expect(may.filters).toMatchObject({ from: '2024-05-03T00:00:00.000Z', to: '2024-05-31T23:59:59.999Z' });
  });

  test.each([
    [{ by: 'hours_per_week' }, /--by/],
    [{ by: 'nope' }, /--by/],
    [{ where: [['nope', 'x']] as Array<[string, string]> }, /--where/],
    [{ from: 'yesterday' }, /not a date/],
  ])('when the options are %j, then a clear error', async (options, message) => {
    await expect(computeSurveyStats(survey, stream([]), options)).rejects.toThrow(message);
  });
});
