import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { warmAssets } from '../../server/app';
import { SurveyService } from '../../server/surveys/survey-service';
import { tempDir } from '../support/temp-files';
import { buildTestApp, type TestApp } from '../support/test-app';
import { cqlPqlSurvey } from '../support/factories';

const survey = cqlPqlSurvey();

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ surveys: [survey] });
  // As the server does at start-up: compressed once, before anyone asks.
  await warmAssets();
}, 60_000);
afterAll(() => t.close());

const embeddedJson = (html: string, id: string) =>
  JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]!);

describe('GET /s/:slug', () => {
  test('when the survey is open, then the page loads SurveyJS from this server only, once the first page is answered', async () => {
    const page = await request(t.app).get(`/s/${survey.slug}`);
    expect(page.status).toBe(200);
    const tags = [...page.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const later = embeddedJson(page.text, 'survey-scripts') as string[];
    const sources = [...tags, ...later];
    const names = ['survey-core.min.js', 'survey-js-ui.min.js', 'survey-page.js', 'survey-core.min.css', 'canvass.css'];
    for (const name of names)
      expect(sources).toContainEqual(
        expect.stringMatching(new RegExp(`^/assets/[0-9a-f]{16}/${name.replace(/\./g, '\\.')}$`)),
      );
    expect(sources.filter((s) => /^https?:|^\/\//.test(s))).toEqual([]);
    // Only the page's own small script runs as the page loads; SurveyJS waits until the respondent presses Next.
    const scripts = [...page.text.matchAll(/<script [^>]*src=[^>]*>/g)].map(([tag]) => tag);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/ defer src="\/assets\/[0-9a-f]{16}\/survey-page\.js"/);
    expect(later.map((url) => url.replace(/^\/assets\/[0-9a-f]{16}\//, ''))).toEqual([
      'survey-core.min.js',
      'survey-js-ui.min.js',
    ]);
    expect(page.text).toContain('<h1>Cluster leads test survey</h1>');
    expect(embeddedJson(page.text, 'survey-definition').pages).toHaveLength(5);
    expect(embeddedJson(page.text, 'survey-settings')).toEqual({
      slug: survey.slug,
      submitUrl: `/api/surveys/${survey.slug}/responses`,
      prefill: null,
      keepDays: 30,
      messages: expect.objectContaining({ received: 'Your answers have been received.' }),
    });
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  test('when the survey opens, then its first page is a form in the HTML with every question, choice and limit', async () => {
    const page = (await request(t.app).get(`/s/${survey.slug}`)).text;
    expect(page).toContain('<form id="first-page" novalidate>');
    expect(page).toMatch(/<h2 class="sd-title sd-page__title"><span[^>]*>About you<\/span><\/h2>/);
    expect([...page.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1])).toEqual([
      '',
      'glasgow',
      'lothian',
      'fife',
      'ayrshire-arran',
    ]);
    expect([...page.matchAll(/<input [^>]*type="radio" name="role"[^>]*value="([^"]+)">/g)].map((m) => m[1])).toEqual([
      'cql',
      'pql',
    ]);
    expect(page).toMatch(/<input [^>]*name="hours_per_week" type="text" inputmode="decimal"/);
    expect(page).toContain('Page 1 of 5');
    expect(page).toMatch(/<button type="submit" class="sd-btn sd-navigation__next-btn">Next<\/button>/);
  });

  test('when the first page needs SurveyJS to show it, then the page loads SurveyJS at once and paints an outline', async () => {
    const dir = tempDir();
    const definition = {
      title: 'Checkboxes first',
      showQuestionNumbers: 'off',
      pages: [
        {
          name: 'p1',
          title: 'Start',
          elements: [{ type: 'checkbox', name: 'many', title: 'Pick any', choices: ['a', 'b'] }],
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'checkboxes-first.json'), JSON.stringify(definition));
    await new SurveyService(t.store.surveys).addFromFile({ file: path.join(dir, 'checkboxes-first.json') });
    const page = (await request(t.app).get('/s/checkboxes-first')).text;
    expect(page).not.toContain('<form id="first-page"');
    expect(page).not.toContain('id="survey-scripts"');
    expect(page).toMatch(/<div class="frame-question"><p>Pick any<\/p><\/div>/);
    const scripts = [...page.matchAll(/<script [^>]*src="([^"]+)"[^>]*>/g)].map(([tag, src]) => [
      / defer /.test(tag),
      src!.replace(/^\/assets\/[0-9a-f]{16}\//, ''),
    ]);
    expect(scripts).toEqual([
      [true, 'survey-core.min.js'],
      [true, 'survey-js-ui.min.js'],
      [true, 'survey-page.js'],
    ]);
  });

  test('when the link carries an LMC, then the page pre-fills it and names the area', async () => {
    const page = await request(t.app).get(`/s/${survey.slug}?lmc=ayrshire-arran`);
    expect(embeddedJson(page.text, 'survey-settings').prefill).toEqual({ question: 'lmc', value: 'ayrshire-arran' });
    expect(page.text).toContain('<strong>Ayrshire &amp; Arran</strong> LMC area');
    expect(page.text).not.toContain('name="lmc"');
    expect(page.text).toContain('name="role"');
  });

  test('when the link carries an unknown LMC, then the survey still opens and asks for the LMC', async () => {
    const page = await request(t.app).get(`/s/${survey.slug}?lmc=%3Cscript%3E`);
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
    const page = await request(t.app).get(`/s/${survey.slug}`);
    return new RegExp(`"(/assets/[0-9a-f]{16}/${name.replace(/\./g, '\\.')})"`).exec(page.text)![1]!;
  };

  test.each([
    ['br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['identity', undefined],
  ])(
    'when a browser accepting %s asks for SurveyJS, then it gets it compressed that way, cached for a year',
    async (accepts, encoding) => {
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
    },
  );

  test('when an asset is asked for under an old version, then it redirects to the current one; an unknown name is 404', async () => {
    const url = await assetUrl('canvass.css');
    const old = await request(t.app).get(url.replace(/\/assets\/[0-9a-f]{16}\//, '/assets/0000000000000000/'));
    expect([old.status, old.headers.location]).toEqual([302, url]);
    expect((await request(t.app).get('/assets/0000000000000000/package.json')).status).toBe(404);
    expect((await request(t.app).get('/assets/0000000000000000/constructor')).status).toBe(404);
  });

  test('when a page is asked for by a browser accepting gzip, then it comes compressed', async () => {
    const page = await request(t.app).get(`/s/${survey.slug}`).set('Accept-Encoding', 'gzip');
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
    const own = await buildTestApp({ surveys: [survey] });
    expect((await request(own.app).get('/healthz')).body).toEqual({ status: 'ok', store: 'sqlite' });
    await own.store.close();
    const down = await request(own.app).get('/healthz');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
  });
});
