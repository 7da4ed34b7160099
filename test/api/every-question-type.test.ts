import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { runCli } from '../support/cli';
import { signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { tempDir } from '../support/temp-files';
import { buildTestApp, type TestApp } from '../support/test-app';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'surveys');
const SLUG = 'every-question-type';
const answers = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${SLUG}.responses.json`), 'utf8')) as Array<
  Record<string, unknown>
>;

/** Wording written for the CQL/PQL survey that must not appear in another survey's report. */
const CQL_PQL_WORDING = [/\bCQL/, /\bPQL/, /\bhours\b/i, /By role/, /for example to/];

describe.each(storeTargets)('a survey using every SurveyJS question type on $name', (target) => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
    const added = await runCli(['surveys', 'add', path.join(FIXTURES, `${SLUG}.json`)], { store: t.location });
    expect([added.code, added.stderr]).toEqual([0, '']);
    for (const [i, data] of answers.entries()) {
      const response = await request(t.app)
        .post(`/api/surveys/${SLUG}/responses`)
        .send({ id: `every-${i}`, data, complete: true });
      expect([i, response.status, response.body.details]).toEqual([i, 201, undefined]);
    }
  });
  afterAll(() => t.close());

  test('when staff ask for statistics, then every question is there with a summary of its kind', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const stats = (await agent.get(`/api/surveys/${SLUG}/stats`)).body;
    expect(
      Object.fromEntries(
        Object.entries(stats.questions as Record<string, { kind: string }>).map(([name, q]) => [name, q.kind]),
      ),
    ).toEqual({
      role: 'choice',
      recommend: 'choice',
      satisfaction: 'choice',
      agree: 'matrix',
      would_return: 'choice',
      priorities: 'ranking',
      contact_hours: 'items',
      projects: 'entries',
      resources: 'items',
      meetings: 'entries',
      methods: 'multi',
      'methods-Comment': 'text',
      tags: 'multi',
      picture: 'choice',
      anything_else: 'text',
      score_sum: 'unsupported',
      signature: 'unsupported',
      upload: 'unsupported',
    });
    expect(stats.questions.recommend.nps.score).toBeCloseTo(16.67, 2);
  });

  test('when staff open the statistics page, then scales, the Likert matrix with its chart, rankings and parts are shown', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`/staff/surveys/${SLUG}/stats`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Net Promoter Score 16.7');
    expect(page.text).toContain('My workload is manageable');
    expect(page.text).toMatch(
      /<figure class="chart"><div class="chart-wide"><svg role="img" aria-label="How far do you agree\? My workload is manageable: Strongly disagree 20.0%/,
    );
    expect(page.text).toContain('Mean rank');
    expect(page.text).toContain('3 entries from 2 respondents');
    expect(page.text).toContain('Your projects: Impact');
    expect(page.text).toContain('cannot be summarised');
  });

  test('when the statistics are written as CSV, then each part has its own table', async () => {
    const dir = tempDir();
    const result = await runCli(['stats', SLUG, '--csv', dir], { store: t.location });
    expect(result.code).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toEqual(
      expect.arrayContaining([
        'question-agree.workload.csv',
        'question-priorities.csv',
        'question-projects.impact.csv',
        'question-resources.have.admin.csv',
        'question-signature.csv',
      ]),
    );
    expect(fs.readFileSync(path.join(dir, 'question-recommend.csv'), 'utf8')).toMatch(/nps,nps_ci95_low/);
  });

  test('when the report is made without a report definition, then its wording comes from this survey, not the CQL/PQL one', async () => {
    const dir = tempDir();
    for (const name of ['report.html', 'report.docx']) {
      const result = await runCli(['report', SLUG, '--out', path.join(dir, name), '--no-suppress'], {
        store: t.location,
      });
      expect([name, result.code, result.stderr]).toEqual([name, 0, '']);
    }
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    // One rounding rule: the score to one decimal place, as in the appendix.
    expect(html).toContain('The Net Promoter Score was 16.7.');
    expect(html).toContain('answered strongly agree or agree to &quot;I feel supported&quot;');
    expect(html).toContain('Mean rank');
    expect(html).toContain('Methods used (other, please specify)');
    for (const wording of CQL_PQL_WORDING) expect(html).not.toMatch(wording);
  });

  test('when responses are exported, then structured answers are kept whole', async () => {
    const result = await runCli(['export', SLUG, '--format', 'json'], { store: t.location });
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows.find((row) => row.id === 'every-0')).toMatchObject({
      agree: { workload: 1, support: 5 },
      projects: [
        { topic: 'asthma', impact: 5 },
        { topic: 'frailty', impact: 3 },
      ],
    });
  });
});
