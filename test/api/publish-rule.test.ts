import { ResponseService } from '../../server/responses/response-service';
import type { Submission } from '../../server/responses/response-schema';
import { createServices } from '../../server/services';
import { renderReportHtml } from '../../server/reports/report-html';
import { SurveyService } from '../../server/surveys/survey-service';
import { runCli } from '../support/cli';
import { addSurvey, cqlAnswers, cqlPqlSurvey, nextId, pqlAnswers, signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

const EARLIER = 'publish-wave-2024';
const LATER = 'publish-wave-2026';

/**
 * Two waves of the CQL/PQL-like factory survey (the earlier without a report). The earlier has 9 CQLs (under the minimum base of 10); the later has
 * Ayrshire & Arran's only CQL among 12 PQLs, and enough elsewhere that whole-area filters are safe.
 */
async function storeWaves(t: TestApp) {
  const surveys = new SurveyService(t.store.surveys);
  const { report, ...earlier } = cqlPqlSurvey({ slug: EARLIER });
  await addSurvey(t.store, earlier);
  await addSurvey(
    t.store,
    cqlPqlSurvey({
      slug: LATER,
      report: { ...report, previousWave: { survey: EARLIER, label: '2024', thisLabel: '2026' } },
    }),
  );
  const responses = new ResponseService(t.store.responses, surveys);
  const add = async (slug: string, count: number, answers: () => Record<string, unknown>) => {
    for (let i = 0; i < count; i += 1)
      await responses.submit(
        slug,
        { id: nextId('pub'), data: answers() as Submission['data'], complete: true },
        { acceptWhenClosed: true },
      );
  };
  await add(EARLIER, 9, () => cqlAnswers({ lmc: 'fife', cql_payment_uplift: 'yes', cql_network_member: 'yes' }));
  await add(EARLIER, 40, () => pqlAnswers({ lmc: 'fife', plt_barrier: 'yes' }));
  await add(LATER, 1, () => cqlAnswers({ lmc: 'ayrshire-arran', cql_payment_uplift: 'no' }));
  await add(LATER, 12, () => pqlAnswers({ lmc: 'ayrshire-arran', plt_barrier: 'no' }));
  await add(LATER, 19, () => cqlAnswers({ lmc: 'fife', cql_payment_uplift: 'no', cql_network_member: 'no' }));
  await add(LATER, 14, () => pqlAnswers({ lmc: 'fife', plt_barrier: 'no' }));
  await add(LATER, 15, () => cqlAnswers({ lmc: 'glasgow' }));
  await add(LATER, 15, () => pqlAnswers({ lmc: 'glasgow' }));
}

describe.each(storeTargets)('every published output obeys the publication rule on $name', (target) => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
    await storeWaves(t);
  }, 120_000);
  afterAll(() => t.close());
  const stats = (query: string) => `/api/surveys/${LATER}/stats?publish=true&${query}`;

  test.each([
    [
      'a filter that leaves out one respondent of a published table (Ayrshire & Arran minus its PQLs)',
      'where=lmc=ayrshire-arran&where=role=pql',
      'where',
    ],
    [
      'a grouped table whose one withheld group is its total minus the groups shown (Ayrshire & Arran by role)',
      'where=lmc=ayrshire-arran&by=role',
      'by',
    ],
    [
      "a filter whose removed part of a group is one respondent (every CQL but Ayrshire & Arran's)",
      'where=role=cql&where=lmc=fife&by=lmc',
      'where',
    ],
    ['a date window (binary search on to=)', 'to=2099-01-01', 'to'],
    ['unfinished responses', 'includePartial=true', 'includePartial'],
  ])(
    'when published figures are asked for with %s, then 400 names the filter and no figure is given',
    async (_case, query, field) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(stats(query));
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field })]);
      expect(response.body.questions).toBeUndefined();
    },
  );

  test('when published figures are filtered to a whole area whose groups and their complements reach the base, then they are given', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const response = await agent.get(stats('where=lmc=fife&by=role'));
    expect(response.status).toBe(200);
    expect(response.body.responses.analysed).toBe(33);
    // Without publish=true staff may still filter freely: the rule is for what is published.
    expect((await agent.get(`/api/surveys/${LATER}/stats?where=lmc=ayrshire-arran&where=role=pql`)).status).toBe(200);
  });

  test("when two waves are compared in publish mode, then groups and questions under either wave's base are withheld and listed", async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const open = await agent.get(`/api/compare?a=${EARLIER}&b=${LATER}&by=role`);
    expect(open.body.questions.plt_barrier.groups.cql).toBeDefined();
    expect(open.body.questions.cql_payment_uplift).toBeDefined();
    const published = await agent.get(`/api/compare?a=${EARLIER}&b=${LATER}&by=role&publish=true`);
    expect(published.status).toBe(200);
    expect(published.body.questions.cql_payment_uplift).toBeUndefined();
    expect(published.body.questions.plt_barrier.groups.cql).toBeUndefined();
    expect(published.body.questions.plt_barrier.groups.pql).toBeDefined();
    expect(published.body.withheld).toEqual(expect.arrayContaining(['cql_payment_uplift', 'plt_barrier: cql']));
    const cli = await runCli(['compare', EARLIER, LATER, '--by', 'role', '--publish'], { store: t.location });
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout);
    expect(fromCli.questions.cql_payment_uplift).toBeUndefined();
    expect(fromCli.questions.plt_barrier.groups.cql).toBeUndefined();
  });

  test("when the later wave's report is built under the publication rule, then the earlier wave's small groups give no clause or trend", async () => {
    const reports = createServices(t.store).reports;
    // Unpublished (no disclosure control, internal use) the 9 CQLs of 2024 show; published they must not.
    const internal = renderReportHtml(await reports.build(LATER, { suppressBelow: null }));
    expect(internal).toMatch(/uplift[^<]*from 100(\.0)?% in 2024/);
    const published = renderReportHtml(await reports.build(LATER));
    expect(published).not.toMatch(/uplift[^<]*from 100(\.0)?% in 2024/);
    const html = (
      await (await signedInAgent(t.app, t.store, 'viewer')).agent.get(`/staff/surveys/${LATER}/report.html`)
    ).text;
    expect(html).not.toMatch(/uplift[^<]*from 100(\.0)?% in 2024/);
  });

  test('when a reader may see only the later wave, then its report carries nothing of the earlier one', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer', [LATER]);
    const restricted = await agent.get(`/staff/surveys/${LATER}/report.html`);
    expect(restricted.status).toBe(200);
    expect(restricted.text).not.toContain('2024');
    const { agent: everyone } = await signedInAgent(t.app, t.store, 'viewer');
    expect((await everyone.get(`/staff/surveys/${LATER}/report.html`)).text).toContain('in 2024');
  });
});
