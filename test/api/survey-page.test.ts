import request from 'supertest';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const embeddedJson = (html: string, id: string) =>
  JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]!);

describe('GET /s/:slug', () => {
  test('when the survey is open, then the page loads SurveyJS from this server only', async () => {
    const page = await request(t.app).get(`/s/${CQL_PQL}`);
    expect(page.status).toBe(200);
    const sources = [...page.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(
      expect.arrayContaining(['/vendor/survey-core.min.js', '/vendor/survey-js-ui.min.js', '/static/survey-page.js', '/vendor/survey-core.min.css']),
    );
    expect(sources.filter((s) => /^https?:|^\/\//.test(s!))).toEqual([]);
    expect(embeddedJson(page.text, 'survey-definition').pages).toHaveLength(7);
    expect(embeddedJson(page.text, 'survey-settings')).toEqual({
      slug: CQL_PQL,
      submitUrl: `/api/surveys/${CQL_PQL}/responses`,
      prefill: null,
      keepDays: 30,
    });
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  test('when the link carries an LMC, then the page pre-fills it and names the area', async () => {
    const page = await request(t.app).get(`/s/${CQL_PQL}?lmc=highland`);
    expect(embeddedJson(page.text, 'survey-settings').prefill).toEqual({ question: 'lmc', value: 'highland' });
    expect(page.text).toContain('<strong>Highland</strong> LMC area');
  });

  test('when the link carries an unknown LMC, then the survey still opens and asks for the LMC', async () => {
    const page = await request(t.app).get(`/s/${CQL_PQL}?lmc=%3Cscript%3E`);
    expect(page.status).toBe(200);
    expect(embeddedJson(page.text, 'survey-settings').prefill).toBeNull();
    expect(page.text).not.toContain('<script>');
  });

  test('when the survey does not exist, then 404 with a page', async () => {
    const page = await request(t.app).get('/s/no-such-survey').set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
  });

  test.each([
    ['/vendor/survey-core.min.js', /javascript/],
    ['/vendor/survey-js-ui.min.js', /javascript/],
    ['/vendor/survey-core.min.css', /css/],
    ['/static/survey-page.js', /javascript/],
    ['/static/canvass.css', /css/],
  ])('when %s is asked for, then it is served from this server', async (path, type) => {
    const response = await request(t.app).get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(type);
  });

  test('when a file outside the vendor list is asked for, then 404', async () => {
    expect((await request(t.app).get('/vendor/package.json')).status).toBe(404);
    expect((await request(t.app).get('/vendor/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});

describe('GET /healthz', () => {
  test('when the store answers, then 200; when it does not, then 503', async () => {
    const own = await buildTestApp();
    expect((await request(own.app).get('/healthz')).body).toEqual({ status: 'ok', store: 'sqlite' });
    await own.store.close();
    const down = await request(own.app).get('/healthz');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
  });
});
