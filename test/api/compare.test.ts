import fs from 'node:fs';
import path from 'node:path';
import { ResponseService } from '../../server/responses/response-service';
import type { Submission } from '../../server/responses/response-schema';
import { SurveyService } from '../../server/surveys/survey-service';
import { createServices } from '../../server/services';
import { renderReportHtml } from '../../server/reports/report-html';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-files';
import { pointsText } from '../../analysis/stats-format';
import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, CQL_PQL, SURVEYS_DIR, type TestApp } from '../support/test-app';

const LATER = 'gp-quality-clusters-2026';

/**
 * A second wave of the survey: the 159 fixture answers again, except that 30 who said PLT was a barrier now
 * say it is not, and everyone gives one hour more a week.
 */
async function storeSecondWave(t: TestApp) {
  const surveys = new SurveyService(t.store.surveys);
  // The later wave's report names the earlier one, so its findings say what changed since 2024.
  const report = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, `${CQL_PQL}.report.json`), 'utf8'));
  const reportFile = path.join(tempDir(), 'report.json');
  fs.writeFileSync(
    reportFile,
    JSON.stringify({ ...report, previousWave: { survey: CQL_PQL, label: '2024', thisLabel: '2026' } }),
  );
  await surveys.addFromFile({
    file: path.join(SURVEYS_DIR, `${CQL_PQL}.json`),
    slug: LATER,
    distributionFile: path.join(SURVEYS_DIR, `${CQL_PQL}.distribution.json`),
    analysisFile: path.join(SURVEYS_DIR, `${CQL_PQL}.analysis.json`),
    reportFile,
  });
  const rows = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
  ) as Array<Record<string, unknown>>;
  const responses = new ResponseService(t.store.responses, surveys);
  let flipped = 0;
  for (const { id, ...data } of rows) {
    if (data.plt_barrier === 'yes' && flipped < 30) {
      data.plt_barrier = 'no';
      flipped += 1;
    }
    if (typeof data.hours_per_week === 'number') data.hours_per_week = Math.min(80, data.hours_per_week + 1);
    await responses.submit(LATER, { id: `w2-${id as string}`, data: data as Submission['data'], complete: true });
  }
}

describe.each(storeTargets)('comparing two waves on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh() });
    await storeJointReviewResponses(t.store);
    await storeSecondWave(t);
  }, 120_000);
  afterAll(() => t.close());

  test('when a researcher compares the waves from the command line, then each shared question has both shares, the change with its interval and a test', async () => {
    const result = await runCli(['compare', CQL_PQL, LATER, '--json'], { store: t.location });
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout);
    expect(comparison.a).toEqual({ slug: CQL_PQL, title: expect.any(String), responses: 159 });
    expect(comparison.b.responses).toBe(159);
    const yes = comparison.questions.plt_barrier.options.find((option: { value: string }) => option.value === 'yes');
    expect(yes.a).toEqual({ count: 95, answered: 154, percent: (95 / 154) * 100 });
    expect(yes.b).toEqual({ count: 65, answered: 154, percent: (65 / 154) * 100 });
    expect(yes.difference.points).toBeCloseTo(((65 - 95) / 154) * 100, 10);
    // statsmodels: confint_proportions_2indep(65, 154, 95, 154, method='newcomb', compare='diff')
    expect(yes.difference.ci95[0]).toBeCloseTo(-29.96275683460045, 8);
    expect(yes.difference.ci95[1]).toBeCloseTo(-8.328861289010032, 8);
    // scipy: chi2_contingency([[95,59],[65,89]], correction=False)[1]
    expect(yes.p).toBeCloseTo(0.0006229617835732701, 10);
    // Unchanged questions show no change.
    expect(comparison.questions.cql_network_member.options[0].difference.points).toBe(0);
    expect(comparison.questions.hours_per_week.difference).toBeCloseTo(1, 1);
    expect(comparison.questions.hours_per_week.test).toBe('mann-whitney');
    expect(comparison.questions.lmc).toBeDefined();
    expect(comparison.questions.resources_not_in_place).toBeUndefined();
  });

  test('when compared by role, then each role has its own comparison', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const response = await agent.get(`/api/compare?a=${CQL_PQL}&b=${LATER}&by=role`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.questions.plt_barrier.groups).sort()).toEqual(['cql', 'pql']);
    expect(response.body.questions.hours_per_week.groups.cql.a.n).toBe(46);
    const badBy = await agent.get(`/api/compare?a=${CQL_PQL}&b=${LATER}&by=nonsense`);
    const why = '"nonsense" is not a single-choice question in this survey';
    // Either wave may be refused first: the message names the one that was.
    expect([badBy.status, badBy.body.details]).toEqual([400, [{ field: 'by', message: why }]]);
    expect([`${CQL_PQL}: ${why}`, `${LATER}: ${why}`]).toContain(badBy.body.error);
    expect((await agent.get(`/api/compare?a=${CQL_PQL}&b=no-such-survey`)).status).toBe(404);
    const itself = await agent.get(`/api/compare?a=${CQL_PQL}&b=${CQL_PQL}`);
    expect([itself.status, itself.body.details]).toEqual([
      400,
      [{ field: 'b', message: 'must be a different survey from the first wave (a)' }],
    ]);
    expect((await agent.get(`/staff/compare?a=${CQL_PQL}&b=${CQL_PQL}`)).status).toBe(400);
    expect((await agent.get(`/api/compare?a=${CQL_PQL}`)).status).toBe(400);
  });

  test('when staff open the comparison page, then they pick two waves and see the table', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const empty = await agent.get('/staff/compare');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain(`<option value="${LATER}">`);
    const page = await agent.get(`/staff/compare?a=${CQL_PQL}&b=${LATER}`);
    expect(page.text).toContain('Is the current level of Protected Learning Time (PLT) a barrier');
    expect(page.text).toMatch(/<strong>-19\.5<\/strong>/);
    expect(page.text).toContain('-30.0 to -8.3');
    // Styled as the other staff tables; no change is "-0.0"; two waves with one title are told apart by their slugs.
    expect(page.text).toContain('<table class="data">');
    expect(page.text).not.toMatch(/-0\.0\b/);
    expect(page.text).toContain(
      `<dd>GP Quality Clusters: survey of Cluster and Practice Quality Leads (${CQL_PQL}): 159 responses</dd>`,
    );
    expect(page.text).toContain(`(${LATER}): 159 responses</dd>`);
  });

  test.each([
    [-0.04, '0.0'],
    [0.04, '0.0'],
    [-0, '0.0'],
    [-19.48, '-19.5'],
    [4.25, '+4.3'],
  ])('when a change of %d points is written, then it reads %s', (value, text) => {
    expect(pointsText(value)).toBe(text);
  });

  test('when the later wave\'s report names the earlier one, then significant changes say "down from" and charted questions get both waves', async () => {
    const html = renderReportHtml(await createServices(t.store).reports.build(LATER));
    expect(html).toContain(
      '42.2% of respondents said that the current level of provision of PLT is acting as a barrier to implementation of change, down from 61.7% in 2024.',
    );
    // Unchanged between the waves: no clause.
    expect(html).toMatch(
      /74\.2% of respondents said that they believed that work undertaken in GP quality clusters has led to change within their practices which has benefitted patients or the practice team in the delivery of care\.<sup>/,
    );
    expect(html).toContain('Percentage answering yes in 2024 and 2026');
  });

  test('when a researcher may see only one of the two surveys, then the comparison is refused', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher', [CQL_PQL]);
    expect((await agent.get(`/api/compare?a=${CQL_PQL}&b=${LATER}`)).status).toBe(403);
  });
});
