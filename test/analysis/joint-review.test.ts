// Keeps the shipped survey on purpose: it checks the joint review's published figures from the shipped CQL/PQL
// survey and its 159 answers (surveys/demo/joint-review-159.json), the contract the survey and report exist for.
import fs from 'node:fs';
import path from 'node:path';
import { computeSurveyStats, type SurveyStats } from '../../analysis/survey-stats';
import definition from '../../surveys/gp-quality-clusters-2024.json';
import distribution from '../../surveys/gp-quality-clusters-2024.distribution.json';
import analysis from '../../surveys/gp-quality-clusters-2024.analysis.json';
import { CompiledSurvey } from '../../server/surveys/compiled-survey';

const rows = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
) as Array<Record<string, unknown>>;
const responses = rows.map(({ id: _id, ...data }) => ({
  data,
  complete: true,
  submittedAt: '2024-05-20T10:00:00.000Z',
}));
const survey = {
  slug: 'gp-quality-clusters-2024',
  title: 'GP Quality Clusters',
  definition: definition as Record<string, unknown>,
  distribution,
  analysis: analysis as never,
};

async function* stream<T>(items: T[]) {
  yield* items;
}

let stats: SurveyStats;
beforeAll(async () => {
  stats = await computeSurveyStats(survey, stream(responses), { by: 'role' });
});

type Choice = {
  answered: number;
  options: Array<{ value: unknown; count?: number; percent?: number }>;
  groups?: Record<string, Choice>;
};
const choice = (name: string) => stats.questions[name] as unknown as Choice;
const pct = (name: string, value: string, group?: string) => {
  const block = group ? choice(name).groups![group]! : choice(name);
  return block.options.find((option) => option.value === value)!.percent!;
};
const oneDecimal = (value: number) => value.toFixed(1);
const whole = (value: number) => value.toFixed(0);

describe('the 159-response fixture reproduces the joint review (Key findings)', () => {
  test('when the fixture is checked as the API would, then every response is valid', () => {
    const compiled = new CompiledSurvey(definition as Record<string, unknown>);
    for (const { data } of responses) expect(compiled.check(data, true)).toEqual([]);
  });

  test('when responses are counted, then 159 came back, 113 PQLs and 46 CQLs, just under 18% of 890 practices', () => {
    expect(stats.responses).toMatchObject({ total: 159, complete: 159, partial: 0, practices: 890, rate: 17.87 });
    expect(stats.groupBy!.groups.map((g) => [g.value, g.respondents])).toEqual([
      ['cql', 46],
      ['pql', 113],
    ]);
    expect(stats.responses.byLmc.glasgow).toEqual({
      name: 'Greater Glasgow & Clyde',
      responses: 38,
      practices: 220,
      rate: 17.27,
    });
  });

  // [finding, question, value, group or overall, denominator, as the review prints it, rounding]
  const findings: Array<[string, string, string, string | null, number, string, (v: number) => string]> = [
    ['1: funding matched time', 'cql_funding_matches_time', 'yes', 'cql', 46, '43.5', oneDecimal],
    ['1: funding did not match', 'cql_funding_matches_time', 'no', 'cql', 46, '34.8', oneDecimal],
    ['1: did not know', 'cql_funding_matches_time', 'dont_know', 'cql', 46, '21.7', oneDecimal],
    ['1: uplift in payments', 'cql_payment_uplift', 'yes', 'cql', 46, '15.2', oneDecimal],
    ['2: more time if resourced', 'more_time_if_resourced', 'yes', null, 156, '64.7', oneDecimal],
    ['2: practice QI', 'interest_practice_qi', 'yes', null, 159, '96', whole],
    ['2: wider QI', 'interest_wider_qi', 'yes', null, 159, '79', whole],
    ['4: PLT a barrier', 'plt_barrier', 'yes', null, 154, '61.7', oneDecimal],
    ['5: change in practice', 'practice_change', 'yes', null, 159, '74', whole],
    ['6: wider system change', 'wider_system_change', 'yes', null, 159, '33', whole],
    ['7: CQL leadership training', 'cql_leadership_training', 'yes', 'cql', 45, '27', whole],
    ['8: QI and data training', 'qi_data_training', 'yes', null, 159, '35', whole],
    ['8: LIST analyst', 'list_analyst_access', 'yes', null, 159, '50', whole],
    ['9: admin support', 'admin_support', 'yes', null, 159, '22', whole],
    ['10: aware of the CQL network', 'cql_network_aware', 'yes', null, 159, '57', whole],
    ['10: responding CQLs who are members', 'cql_network_member', 'yes', 'cql', 33, '97', whole],
    ['11: aware of the guidance and used it', 'guidance_used', 'aware_used', null, 159, '26', whole],
  ];

  test.each(findings)(
    'when finding %s is computed, then it reads as the review prints it',
    (_finding, name, value, group, denominator, printed, round) => {
      const block = group ? choice(name).groups![group]! : choice(name);
      expect(block.answered).toBe(denominator);
      expect(round(pct(name, value, group ?? undefined))).toBe(printed);
    },
  );

  test('when CQL-only questions are counted overall, then PQLs are "not shown", not missing', () => {
    expect(stats.questions.cql_funding_matches_time).toMatchObject({ answered: 46, skipped: 0, notShown: 113 });
    expect(stats.questions.cql_leadership_training).toMatchObject({ answered: 45, skipped: 1, notShown: 113 });
    // Shown only to CQLs aware of the network: 34; one of them skipped it.
    expect(stats.questions.cql_network_member).toMatchObject({ answered: 33, skipped: 1, notShown: 125 });
  });

  test('when hours are averaged by role, then PQLs average 2.1 and CQLs 4.2, most PQLs between 1 and 4', () => {
    const hours = stats.questions.hours_per_week as unknown as {
      n: number;
      groups: Record<string, { mean: number; bands: Array<{ label: string; count: number }> }>;
      test: { name: string; p: number };
    };
    expect(hours.n).toBe(159);
    expect(hours.groups.pql!.mean.toFixed(1)).toBe('2.1');
    expect(hours.groups.cql!.mean.toFixed(1)).toBe('4.2');
    const pqlBands = Object.fromEntries(hours.groups.pql!.bands.map((band) => [band.label, band.count]));
    expect(pqlBands['1 to 4 hours']! / 113).toBeGreaterThan(0.85);
    const cqlBands = Object.fromEntries(hours.groups.cql!.bands.map((band) => [band.label, band.count]));
    expect(cqlBands['Over 4 to 8 hours']).toBeGreaterThanOrEqual(11);
    expect(hours.test.name).toBe('mann-whitney');
    expect(hours.test.p).toBeLessThan(0.001);
  });

  test('when every choice question is tested against role, then each test is defined and names its method', () => {
    let tested = 0;
    for (const [name, question] of Object.entries(stats.questions)) {
      if (question.kind !== 'choice') continue;
      const test = (question as { test: { name: string; p: number | null } | null }).test;
      if ((name.startsWith('cql_') && name !== 'cql_network_aware') || name === 'role') {
        expect(test).toBeNull(); // only CQLs answer these: one group, nothing to compare; role is the split itself
      } else {
        expect(['chi-square', 'fisher', 'fisher-simulated']).toContain(test!.name);
        expect(test!.p).toBeGreaterThanOrEqual(0);
        expect(test!.p).toBeLessThanOrEqual(1);
        tested += 1;
      }
    }
    // The checks above ran on the survey's 12 choice questions that both roles answer (17 less role and the four
    // only CQLs see), not on none of them.
    expect(tested).toBe(12);
  });

  test('when free text is summarised, then answered, share and median length are given', () => {
    expect(stats.questions.resources_not_in_place).toMatchObject({
      kind: 'text',
      answered: 97,
      skipped: 62,
      notShown: 0,
    });
    expect((stats.questions.resources_not_in_place as { share: number }).share).toBeCloseTo((97 / 159) * 100, 10);
    expect((stats.questions.qi_work_examples as { medianLength: number }).medianLength).toBeGreaterThan(50);
  });

  test('when the statistics are serialised, then no NaN or Infinity appears', () => {
    const text = JSON.stringify(stats);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(JSON.stringify(stats, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v))).not.toContain(
      'BAD',
    );
  });
});
