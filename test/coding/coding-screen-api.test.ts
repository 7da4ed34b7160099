import { LEARNED_FROM } from '../../server/coding/coding-state';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { signedInAgent } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';
import { storeTargets } from '../support/stores';

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(60_000);

  let t: TestApp;
  let slug: string;
  let data: string;

  // The tests only read the coding: one survey of 66 coded answers (22 from CQLs) serves them all.
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
    slug = await codedSurvey(t.store);
    data = `/staff/surveys/${slug}/coding/${QUESTION}/screen/data`;
  });
  afterAll(() => t.close());

  test('when a researcher reads the coding screen, then it names the answers by number, role and LMC and pages them 25 at a time', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}/screen`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="cs-tree"');
    const first = await agent.get(data);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pages: 3, matching: 66, first: 1, last: 25, counts: { answers: 66 } });
    expect(first.body.answers[0].name).toMatch(/^Answer 1 · (CQL|PQL) · [A-Z][a-z]/);
    expect(first.body.filters.roles).toEqual(['CQL', 'PQL']);
    // Nothing decided yet: "Suggest codes" has nothing to learn from, and the screen says so before it is pressed.
    expect(first.body.suggest).toEqual({ ready: false, learnedFrom: LEARNED_FROM });
    const last = await agent.get(`${data}?page=2&role=PQL`);
    expect(last.body).toMatchObject({ page: 2, pages: 2, matching: 44 });
    expect(last.body.answers).toHaveLength(19);
    expect(last.body.answers.every((answer: { name: string }) => answer.name.includes(' · PQL · '))).toBe(true);
  });

  test('when a researcher follows the coding screen to the themes page, then its contents lead to each section there', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const workbench = `/staff/surveys/${slug}/coding/${QUESTION}`;
    const page = await agent.get(`${workbench}/screen`);
    expect(page.text).toContain(`<a href="${workbench}" class="cs-more">Themes, quotes, agreement, history</a>`);
    const sections = (await agent.get(workbench)).text;
    const contents = sections.slice(
      sections.indexOf('aria-label="On this page"'),
      sections.indexOf('</nav>', sections.indexOf('aria-label="On this page"')),
    );
    const anchors = [...contents.matchAll(/<a href="#(\w+)">/g)].map((link) => link[1]);
    expect(anchors).toEqual(expect.arrayContaining(['board', 'quotes', 'agreement', 'history']));
    for (const anchor of anchors) expect(sections).toContain(`id="${anchor}"`);
  });

  test.each([
    ['a page past the end', '?page=999', 3],
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
    expect((await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}/screen`)).status).toBe(403);
    const anonymous = await (await import('supertest')).default(t.app).get(data);
    expect([302, 303, 401]).toContain(anonymous.status);
  });
});
