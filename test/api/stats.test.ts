// Keeps the shipped survey on purpose: it checks the statistics API, page and CLI against the joint review's
// figures (159 responses, 890 practices, Glasgow's 38) from the shipped survey and surveys/demo/joint-review-159.json.
import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';
import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-files';
import { storeTargets } from '../support/stores';

describe.each(storeTargets)('on $name', (target) => {
  // Several tests run the command line as a separate process, on a CI machine that may be busy.
  jest.setTimeout(90_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh() });
    await storeJointReviewResponses(t.store);
  });
  afterAll(() => t.close());

  describe('GET /api/surveys/:slug/stats', () => {
    test('when staff ask by role, then the JSON follows the contract and reproduces the review', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`/api/surveys/${CQL_PQL}/stats?by=role`);
      expect(response.status).toBe(200);
      const stats = response.body;
      expect(stats).toMatchObject({
        survey: CQL_PQL,
        suppression: null,
        // The fieldwork days, never a respondent's time of day.
        responses: {
          total: 159,
          complete: 159,
          partial: 0,
          practices: 890,
          rate: 17.87,
          firstAt: '2024-05-20',
          lastAt: '2024-05-20',
        },
      });
      const funding = stats.questions.cql_funding_matches_time;
      expect(funding).toMatchObject({ type: 'radiogroup', answered: 46, skipped: 0, notShown: 113 });
      expect(funding.options[0]).toMatchObject({ value: 'yes', count: 20, percent: expect.closeTo(43.478, 3) });
      expect(funding.options[0].ci95[0]).toBeCloseTo(30.2, 1);
      expect(funding.options[0].ci95[1]).toBeCloseTo(57.8, 1);
      expect(Object.keys(funding.groups)).toEqual(['cql', 'pql']);
      expect(stats.questions.hours_per_week).toMatchObject({ type: 'number', n: 159, test: { name: 'mann-whitney' } });
    });

    test('when filters are given, then they apply; bad filters get 400', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const glasgow = await agent.get(`/api/surveys/${CQL_PQL}/stats?where=lmc%3Dglasgow&where=role%3Dcql`);
      expect(glasgow.status).toBe(200);
      expect(glasgow.body.filters.where).toEqual({ lmc: 'glasgow', role: 'cql' });
      expect(glasgow.body.responses.practices).toBe(220);
      const bad = await agent.get(`/api/surveys/${CQL_PQL}/stats?by=hours_per_week`);
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('by');
      expect((await agent.get(`/api/surveys/${CQL_PQL}/stats?from=soon`)).status).toBe(400);
      expect((await agent.get(`/api/surveys/${CQL_PQL}/stats?suppressBelow=1`)).status).toBe(400);
    });

    test('when asked for publication, then groups below the survey minimum base are withheld with no counts, and national figures stay', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`/api/surveys/${CQL_PQL}/stats?by=role&publish=true`);
      expect(response.status).toBe(200);
      const stats = response.body;
      expect(stats.suppression).toEqual({ rule: 'minimum-base', threshold: 10 });
      // 32 of 33 CQLs: a national figure of a group of 33 is published in full.
      expect(
        stats.questions.cql_network_member.options.find((o: { value: string }) => o.value === 'yes'),
      ).toMatchObject({ count: 32 });
      expect(
        stats.questions.cql_network_member.options.find((o: { value: string }) => o.value === 'yes').percent,
      ).toBeCloseTo(96.97, 2);
      // PQLs are never shown the CQL-only question: a group of 0 discloses nothing and is not withheld.
      expect(stats.questions.cql_network_member.groups.pql.suppressed).toBeUndefined();
      for (const area of ['orkney', 'shetland', 'western-isles', 'borders']) {
        expect(stats.responses.byLmc[area]).toMatchObject({ suppressed: true });
        expect(stats.responses.byLmc[area].responses).toBeUndefined();
        expect(stats.responses.byLmc[area].rate).toBeUndefined();
      }
      expect(stats.responses.byLmc.glasgow).toMatchObject({ responses: 38 });
    });

    test('when asked for the cell rule, then small counts are suppressed', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`/api/surveys/${CQL_PQL}/stats?by=role&suppressBelow=5`);
      expect(response.body.suppression).toEqual({ rule: 'cell', threshold: 5 });
      expect(response.body.responses.byLmc.shetland).toMatchObject({ suppressed: true });
      expect(response.body.responses.byLmc.shetland.responses).toBeUndefined();
    });

    test('when nobody is signed in, then 401', async () => {
      const { default: request } = await import('supertest');
      expect((await request(t.app).get(`/api/surveys/${CQL_PQL}/stats`)).status).toBe(401);
    });
  });

  describe('the statistics page', () => {
    test('when staff open it, then it shows tables by role, tests and charts with text alternatives', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Cluster Quality Lead (CQL)');
      expect(page.text).toContain('20 (43.5%)');
      expect(page.text).toContain('Mann-Whitney U test');
      expect(page.text).toMatch(/<svg role="img" aria-label="Does your HSCP funding match/);
      expect(page.text).toContain('<figcaption>Response rate by LMC');
      // Each chart is drawn a second time to a phone's width, for the page to show there instead.
      const charts = page.text.match(/<figure class="chart">/g)!.length;
      expect(
        page.text.match(
          /<figure class="chart"><div class="chart-wide"><svg[^]*?<\/div><div class="chart-narrow"><svg/g,
        ),
      ).toHaveLength(charts);
      const published = await agent.get(`/staff/surveys/${CQL_PQL}/stats?publish=true`);
      expect(published.text).toContain('as published: figures for any group of fewer than 10 respondents are withheld');
      // A link's publish=true shows as the form's choice of rule.
      expect(published.text).toMatch(/name="rule" value="publish" checked/);
      const ungrouped = await agent.get(`/staff/surveys/${CQL_PQL}/stats?by=&suppressBelow=5`);
      expect(ungrouped.text).not.toContain('Mann-Whitney U test');
      expect(ungrouped.text).toContain('suppressed');
    });
  });

  describe('canvass stats', () => {
    test('when run with --json and with --csv, then it prints the same figures and writes tidy tables', async () => {
      const store = t.location;
      const json = await runCli(['stats', CQL_PQL, '--by', 'role', '--where', 'lmc=glasgow', '--json'], { store });
      expect(json.code).toBe(0);
      const stats = JSON.parse(json.stdout);
      expect(stats.responses).toMatchObject({ analysed: 38, practices: 220, rate: 17.27 });

      const dir = tempDir();
      const published = JSON.parse(
        (await runCli(['stats', CQL_PQL, '--by', 'lmc', '--publish', '--json'], { store })).stdout,
      );
      expect(published.suppression).toEqual({ rule: 'minimum-base', threshold: 10 });
      expect(published.questions.plt_barrier.groups.orkney).toMatchObject({ suppressed: true });
      expect(published.questions.plt_barrier.groups.orkney.answered).toBeUndefined();
      expect(published.questions.plt_barrier.groups.orkney.options).toHaveLength(2);
      expect(
        published.questions.plt_barrier.groups.orkney.options.every(
          (o: Record<string, unknown>) => o.suppressed && o.count === undefined,
        ),
      ).toBe(true);
      const both = await runCli(['stats', CQL_PQL, '--publish', '--suppress-below', '5'], { store });
      expect(both.code).toBe(1);
      expect(both.stderr).toContain('two different rules');
      const csv = await runCli(['stats', CQL_PQL, '--by', 'role', '--suppress-below', '5', '--csv', dir], { store });
      expect(csv.code).toBe(0);
      const files = fs.readdirSync(dir);
      expect(files).toEqual(
        expect.arrayContaining([
          'responses.csv',
          'tests.csv',
          'question-plt_barrier.csv',
          'question-hours_per_week.csv',
        ]),
      );
      const plt = fs.readFileSync(path.join(dir, 'question-plt_barrier.csv'), 'utf8').trim().split('\n');
      expect(plt[0]).toBe('group,value,label,answered,count,percent,ci95_low,ci95_high,suppressed');
      expect(plt[1]).toMatch(/^all,yes,Yes,154,95,61\.68/);
      expect(fs.readFileSync(path.join(dir, 'responses.csv'), 'utf8')).toMatch(/^shetland,Shetland,,10,,true$/m);

      const bad = await runCli(['stats', CQL_PQL, '--where', 'lmc'], { store });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--where: must be question=value');
      // The analysis names the option it cannot use; the command line words it as the flag.
      const notAQuestion = await runCli(['stats', CQL_PQL, '--where', 'colour=blue', '--by', 'hours_per_week'], {
        store,
      });
      expect([notAQuestion.code, notAQuestion.stderr]).toEqual([
        1,
        expect.stringMatching(/--where: "colour" is not a question in this survey/),
      ]);
      const notADate = await runCli(['stats', CQL_PQL, '--from', '2024-02-31'], { store });
      expect([notADate.code, notADate.stderr]).toEqual([
        1,
        expect.stringMatching(/--from: must be a date \(YYYY-MM-DD\)/),
      ]);
      const low = await runCli(['stats', CQL_PQL, '--suppress-below', '1'], { store });
      expect([low.code, low.stderr]).toEqual([1, expect.stringContaining('--suppress-below: ')]);
    });
  });

  describe('canvass export --format xlsx', () => {
    test('when exported, then the workbook has every response and a codebook with value labels', async () => {
      const { default: ExcelJS } = await import('exceljs');
      const file = path.join(tempDir(), 'responses.xlsx');
      const result = await runCli(['export', CQL_PQL, '--format', 'xlsx', '--out', file], { store: t.location });
      expect(result.code).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const responses = workbook.getWorksheet('responses')!;
      expect(responses.rowCount).toBe(160);
      expect((responses.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
        'id',
        'submitted_at',
        'complete',
        'lmc',
        'role',
      ]);
      const codebook = workbook.getWorksheet('codebook')!;
      const rows = (codebook.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
      expect(rows).toContainEqual([
        'guidance_used',
        expect.stringContaining('National GP Cluster Guidance'),
        'radiogroup',
        'aware_used',
        expect.stringContaining('used it'),
      ]);
      expect(rows).toContainEqual(['lmc', expect.any(String), 'dropdown', 'glasgow', 'Greater Glasgow & Clyde']);
      const noOut = await runCli(['export', CQL_PQL, '--format', 'xlsx'], { store: t.location });
      expect(noOut.code).toBe(1);
    });
  });
});
