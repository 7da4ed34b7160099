import request from 'supertest';
import { warmAssets } from '../../server/app';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  // As the server does at start-up: compressed once, before anyone asks.
  await warmAssets();
}, 60_000);
afterAll(() => t.close());

const embeddedJson = (html: string, id: string) =>
  JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]!);

describe('GET /s/:slug', () => {
  test('when the survey is open, then the page loads SurveyJS from this server only', async () => {
    const page = await request(t.app).get(`/s/${CQL_PQL}`);
    expect(page.status).toBe(200);
    const sources = [...page.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const names = ['survey-core.min.js', 'survey-js-ui.min.js', 'survey-page.js', 'survey-core.min.css', 'canvass.css'];
    for (const name of names) expect(sources).toContainEqual(expect.stringMatching(new RegExp(`^/assets/[0-9a-f]{16}/${name.replace(/\./g, '\\.')}$`)));
    expect(sources.filter((s) => /^https?:|^\/\//.test(s))).toEqual([]);
    // Scripts wait for the page: the title and the first page's outline paint before SurveyJS has loaded.
    expect([...page.text.matchAll(/<script [^>]*src=[^>]*>/g)].every(([tag]) => / defer /.test(tag))).toBe(true);
    expect(page.text).toMatch(/<h1>GP Quality Clusters[^<]*<\/h1>/);
    expect(page.text).toMatch(/<div class="frame-question"><p>What is your role\?<\/p><\/div>/);
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

  const assetUrl = async (name: string) => {
    const page = await request(t.app).get(`/s/${CQL_PQL}`);
    return new RegExp(`"(/assets/[0-9a-f]{16}/${name.replace(/\./g, '\\.')})"`).exec(page.text)![1]!;
  };

  test.each([
    ['br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['identity', undefined],
  ])('when a browser accepting %s asks for SurveyJS, then it gets it compressed that way, cached for a year', async (accepts, encoding) => {
    const url = await assetUrl('survey-core.min.js');
    const response = await request(t.app).get(url).set('Accept-Encoding', accepts);
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['vary']).toMatch(/Accept-Encoding/);
    // Bytes on the wire (the client has already decompressed the body).
    const size = Number(response.headers['content-length']);
    if (encoding) expect(size).toBeLessThan(400_000);
    else expect(size).toBeGreaterThan(1_000_000);
  });

  test('when an asset is asked for under an old version, then it redirects to the current one; an unknown name is 404', async () => {
    const url = await assetUrl('canvass.css');
    const old = await request(t.app).get(url.replace(/\/assets\/[0-9a-f]{16}\//, '/assets/0000000000000000/'));
    expect([old.status, old.headers.location]).toEqual([302, url]);
    expect((await request(t.app).get('/assets/0000000000000000/package.json')).status).toBe(404);
    expect((await request(t.app).get('/assets/0000000000000000/constructor')).status).toBe(404);
  });

  test('when a page is asked for by a browser accepting gzip, then it comes compressed', async () => {
    const page = await request(t.app).get(`/s/${CQL_PQL}`).set('Accept-Encoding', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
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
