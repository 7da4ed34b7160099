import type { PublishedStats } from '../../analysis/published-stats';
import { appendixTables } from '../../server/reports/report-appendix';
import { disclosureMethod } from '../../server/reports/report-methods';
import { buildResponse } from '../../server/reports/report-response';
import type { ReportOptions } from '../../server/reports/report-service';
import { createServices } from '../../server/services';
import { SurveyService } from '../../server/surveys/survey-service';
import { defaultReportDefinition } from '../../server/reports/default-definition';
import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';

/**
 * The report and the statistics page show the same figures: each report option against the statistics query
 * that asks for the same thing (the page and the API share one computation, here in the server's worker thread).
 */
const CASES: Array<{ when: string; report: ReportOptions; query: string }> = [
  { when: 'under the publication rule', report: {}, query: 'publish=true' },
  { when: 'under the cell rule', report: { suppressBelow: 5 }, query: 'suppressBelow=5' },
  { when: 'weighted by LMC', report: { weightBy: 'lmc' }, query: 'publish=true&weight=lmc' },
  {
    when: 'weighted under the cell rule',
    report: { weightBy: 'lmc', suppressBelow: 5 },
    query: 'suppressBelow=5&weight=lmc',
  },
  { when: 'with no disclosure control', report: { suppressBelow: null }, query: '' },
];

describe.each(storeTargets)('the report and the statistics agree on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh() });
    await storeJointReviewResponses(t.store);
  });
  afterAll(() => t.close());

  test.each(CASES)(
    'when the report is built $when, then its response figures, tables and disclosure are those the statistics give',
    async ({ report: options, query }) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const { record } = await new SurveyService(t.store.surveys).get(CQL_PQL);
      const definition = record.report ?? defaultReportDefinition(record);
      const response = await agent.get(`/api/surveys/${CQL_PQL}/stats?by=${record.analysis?.groupBy}&${query}`);
      expect(response.status).toBe(200);
      const stats = response.body as PublishedStats;

      const report = await createServices(t.store).reports.build(CQL_PQL, options);
      const context = { stats, definition };
      expect(report.disclosure).toBe(disclosureMethod(stats.suppression));
      expect(report.suppressionThreshold).toBe(stats.suppression?.threshold ?? null);
      expect(report.response).toEqual(buildResponse(context));
      expect(report.appendix).toEqual(
        Object.entries(stats.questions).flatMap(([name, question]) => appendixTables(name, question, context)),
      );
      // Not agreeing by both being empty: the tables hold the question the first finding is about.
      expect(report.appendix.find((table) => table.name === 'plt_barrier')?.rows.length).toBeGreaterThan(0);
      // What a table's note says is withheld is what the rule in force withholds.
      const notes = report.appendix.map((table) => table.base).join(' ');
      const said = { cell: 'the methods: small counts', 'minimum-base': 'smaller than the minimum base' } as const;
      for (const [rule, words] of Object.entries(said))
        expect(notes.includes(words)).toBe(stats.suppression?.rule === rule);
    },
  );

  test('when the statistics run in a worker thread, then the report is the one worked out in this thread, quotes included', async () => {
    // One clock for both: the methods say the minute the data was read, and the two builds can straddle one.
    const now = () => new Date('2026-12-06T21:04:30Z');
    const inThread = await createServices(t.store, { now }).reports.build(CQL_PQL);
    const offThread = await createServices(t.store, { now, statsOffThread: true }).reports.build(CQL_PQL);
    // The quotes come from the observer, which sees the responses in this thread as they are fed to the worker.
    expect(offThread.examples?.quotes.length).toBeGreaterThan(0);
    expect({ ...offThread, snapshotAt: null }).toEqual({ ...inThread, snapshotAt: null });
  });
});
