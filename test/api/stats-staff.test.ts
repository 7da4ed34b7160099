import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';
import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { runCli } from '../support/cli';

/** The staff statistics page and API as the form sends them (issue #28). */
describe('statistics for staff', () => {
  jest.setTimeout(90_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await storeJointReviewResponses(t.store);
  });
  afterAll(() => t.close());

  test.each([
    ['the page', `/staff/surveys/${CQL_PQL}/stats`],
    ['the API', `/api/surveys/${CQL_PQL}/stats`],
  ])('when %s is sent the form as it stands (All areas, no dates), then it answers 200 with no filter', async (_where, url) => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const response = await agent.get(`${url}?by=role&where=&from=&to=&weight=&suppressBelow=`);
    expect(response.status).toBe(200);
    if (url.startsWith('/api')) expect(response.body.responses.analysed).toBe(159);
  });

  test('when the command line is given empty options, then they mean not set', async () => {
    const result = await runCli(['stats', CQL_PQL, '--where', '', '--from', '', '--to', ''], { store: t.location });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).responses.analysed).toBe(159);
  });

  test('when split by a question, then that question is not tested against itself, and the others are', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const stats = (await agent.get(`/api/surveys/${CQL_PQL}/stats?by=role`)).body;
    expect(stats.questions.role.test).toBeNull();
    expect(stats.questions.plt_barrier.test).not.toBeNull();
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats?by=role`);
    const roleSection = page.text.slice(page.text.indexOf('id="q-role"'), page.text.indexOf('</section>', page.text.indexOf('id="q-role"')));
    expect(roleSection).not.toMatch(/test|statistic/i);
  });

  test('when a question was not shown to a group, then its column says "not asked", not 0 (0.0%)', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats?by=role`);
    const start = page.text.indexOf('id="q-cql_funding_matches_time"');
    const section = page.text.slice(start, page.text.indexOf('</section>', start));
    expect(section).toContain('not asked');
    expect(section).not.toContain('0 (0.0%)');
  });
});
