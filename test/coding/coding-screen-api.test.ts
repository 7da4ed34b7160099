import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';
import { storeTargets } from '../support/stores';
import { createServices } from '../../server/services';

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(60_000);

  const QUESTION = 'resources_not_in_place';
  const data = `/staff/surveys/${CQL_PQL}/coding/${QUESTION}/screen/data`;
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh() });
    await storeJointReviewResponses(t.store);
    await createServices(t.store).coding.code(CQL_PQL, QUESTION, { by: 'test' });
  });
  afterAll(() => t.close());

  test('when a researcher reads the coding screen, then it names the answers by number, role and LMC and pages them 25 at a time', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/coding/${QUESTION}/screen`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="cs-tree"');
    const first = await agent.get(data);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pages: 4, matching: 97, first: 1, last: 25, counts: { answers: 97 } });
    expect(first.body.answers[0].name).toMatch(/^Answer 1 · (CQL|PQL) · [A-Z][a-z]/);
    expect(first.body.filters.roles).toEqual(['CQL', 'PQL']);
    const last = await agent.get(`${data}?page=4&role=PQL`);
    expect(last.body.answers.every((answer: { name: string }) => answer.name.includes(' · PQL · '))).toBe(true);
  });

  test.each([
    ['a page past the end', '?page=999', 4],
    ['nonsense', '?page=abc&show=everything', 1],
  ])('when the query asks for %s, then the nearest page is shown rather than an error', async (_what, query, page) => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const response = await agent.get(`${data}${query}`);
    expect(response.status).toBe(200);
    expect(response.body.page).toBe(page);
  });

  test('when a viewer or nobody asks for the coding screen, then they are refused', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    expect((await agent.get(data)).status).toBe(403);
    expect((await agent.get(`/staff/surveys/${CQL_PQL}/coding/${QUESTION}/screen`)).status).toBe(403);
    const anonymous = await (await import('supertest')).default(t.app).get(data);
    expect([302, 303, 401]).toContain(anonymous.status);
  });
});
