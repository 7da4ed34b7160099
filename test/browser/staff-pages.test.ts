// Keeps the shipped survey on purpose: a layout check (nothing overflows, no figure wraps) is only worth as much as
// its content, and the shipped survey with its 159 answers is the widest real case (14 LMCs, "Greater Glasgow &
// Clyde", every figure the joint review publishes).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { ResponseService } from '../../server/responses/response-service';
import type { Submission } from '../../server/responses/response-schema';
import { startServer, type RunningServer } from '../../server/server';
import { openStore } from '../../server/store/open-store';
import { SurveyService } from '../../server/surveys/survey-service';
import { createServices } from '../../server/services';
import { launchBrowser, signInOnPage } from '../support/browser';
import { createUser, storeJointReviewResponses } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { CQL_PQL, SURVEYS_DIR } from '../support/test-app';

jest.setTimeout(180_000);

const LATER = 'gp-quality-clusters-2026';
const CODED = 'resources_not_in_place';
/** Set STAFF_SCREENSHOTS=<folder> to keep a PNG of each page at each width, to look at. */
const SHOTS = process.env.STAFF_SCREENSHOTS;
const store = `sqlite:${path.join(tempDir(), 'staff-pages.db')}`;
let server: RunningServer;
let browser: Browser;
let email: string;

beforeAll(async () => {
  const setup = await openStore(store);
  const surveys = new SurveyService(setup.surveys);
  await surveys.addBundled(SURVEYS_DIR);
  await storeJointReviewResponses(setup);
  // A second wave with the same title, for the comparison page.
  await surveys.addFromFile({
    file: path.join(SURVEYS_DIR, `${CQL_PQL}.json`),
    slug: LATER,
    distributionFile: path.join(SURVEYS_DIR, `${CQL_PQL}.distribution.json`),
    analysisFile: path.join(SURVEYS_DIR, `${CQL_PQL}.analysis.json`),
  });
  const rows = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
  ) as Array<Record<string, unknown>>;
  const responses = new ResponseService(setup.responses, surveys);
  for (const [i, { id, ...data }] of rows.entries()) {
    if (i % 5 === 0 && data.plt_barrier === 'yes') data.plt_barrier = 'no';
    await responses.submit(LATER, { id: `later-${id as string}`, data: data as Submission['data'], complete: true });
  }
  // The machine's themes and codes on a free-text question, for the coding workbench's layout.
  await createServices(setup).coding.code(CQL_PQL, CODED, { by: 'test' });
  // A long code name widens the answers page's code list, which once pushed the page past a phone's width.
  await createServices(setup).coding.review(
    CQL_PQL,
    CODED,
    { op: 'create-code', label: 'Locum costs for backfill now exceed what the HSCP pays for the session' },
    (await setup.codings.get(CQL_PQL, CODED))!.version,
    'test',
  );
  email = await createUser(setup, 'admin');
  await setup.close();
  server = await startServer(loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: SURVEYS_DIR }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await signInOnPage(page, server.url, email);
  await page.waitForURL(/\/staff/);
  return page;
}

/** Links under 24 px tall and checkboxes or radios under 24 px either way, named for the failure message. */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('main a, main input[type="checkbox"], main input[type="radio"]'))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(
        ({ element, box }) => box.width > 0 && (box.height < 23.5 || (element.tagName === 'INPUT' && box.width < 23.5)),
      )
      .map(
        ({ element, box }) => `${element.outerHTML.slice(0, 80)} ${Math.round(box.width)}x${Math.round(box.height)}`,
      ),
  );

const PAGES: Array<[string, string]> = [
  ['statistics split by role', `/staff/surveys/${CQL_PQL}/stats?by=role`],
  ['statistics split by LMC', `/staff/surveys/${CQL_PQL}/stats?by=lmc`],
  ['comparison of two waves', `/staff/compare?a=${CQL_PQL}&b=${LATER}`],
  ['distribution', `/staff/surveys/${CQL_PQL}`],
];

describe.each([390, 1280])('staff pages at %i px', (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await signedInPage(width);
  });
  afterAll(() => page.close());

  test.each(PAGES)('when the %s page is shown, then nothing overflows sideways', async (name, url) => {
    const response = await page.goto(`${server.url}${url}`);
    expect(response?.status()).toBe(200);
    if (SHOTS)
      await page.screenshot({ path: path.join(SHOTS, `${name.replace(/\W+/g, '-')}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // On a phone every link is at least 24 px tall and every checkbox and radio 24 px square (WCAG 2.2 target size).
    if (width < 1280) expect(await smallTargets(page)).toEqual([]);
    if (width >= 1280) {
      // No figure wraps onto a second line: "25 (41.0%)" and "30.2–57.8" each on one.
      const wrapped = await page.evaluate(() =>
        // Cells holding a form field (the practices inputs) are not figures.
        Array.from(document.querySelectorAll('td.num'))
          .filter((cell) => {
            if (cell.querySelector('input')) return false;
            const range = document.createRange();
            range.selectNodeContents(cell);
            return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size > 1;
          })
          .map((cell) => cell.textContent),
      );
      expect(wrapped).toEqual([]);
    }
  });
});

describe.each([390, 1280])('the coding workbench at %i px', (width) => {
  test('when the machine has proposed themes and codes, then nothing overflows sideways, on the board, in its cards or on a theme page', async () => {
    const page = await signedInPage(width);
    const response = await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/${CODED}`);
    expect(response?.status()).toBe(200);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `coding-workbench-${width}.png`), fullPage: true });
    expect(await page.locator('table.cards-on-phone tbody tr').count()).toBeGreaterThan(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Nor inside a theme's card: its codes table fits without scrolling (columns cut off on a phone before).
    const cutCards = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('.theme-card')).filter((card) => card.scrollWidth > card.clientWidth + 1)
          .length,
    );
    expect(cutCards).toBe(0);
    // The answers page, where its code list holds every code's name.
    expect((await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/${CODED}/answers`))?.status()).toBe(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/${CODED}`);
    const themePage = await page.locator('.theme-card h3 a').first().getAttribute('href');
    await page.goto(`${server.url}${themePage}`);
    if (width < 1280) expect(await smallTargets(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `coding-theme-${width}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe.each([390, 1280])('the report at %i px', (width) => {
  test('when the report is read, then every chart is shown whole, at the size it was drawn', async () => {
    const page = await signedInPage(width);
    expect((await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/report.html`))?.status()).toBe(200);
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('figure')).map((figure) => {
        const shown = Array.from(figure.querySelectorAll('svg')).filter((svg) => svg.getBoundingClientRect().width > 0);
        const svg = shown[0]!;
        return {
          shown: shown.length,
          // Shrunk, its labels would be smaller than drawn; wider than its figure, its ends would be cut off.
          scale: svg.getBoundingClientRect().width / Number(svg.getAttribute('width')),
          cut: figure.scrollWidth > figure.clientWidth,
        };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) expect(chart).toEqual({ shown: 1, scale: expect.any(Number), cut: false });
    for (const chart of charts) expect(chart.scale).toBeGreaterThan(0.95);
    await page.close();
  });
});

describe.each([390, 1280])('copying from the distribution page at %i px', (width) => {
  test('when staff copy an LMC link, its subject and its message, then each reaches the clipboard whole and the message is shown whole', async () => {
    const page = await browser.newPage({
      viewport: { width, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await signInOnPage(page, server.url, email);
    await page.waitForURL(/\/staff/);
    await page.goto(`${server.url}/staff/surveys/${CQL_PQL}`);
    // The server has no public address: its links open only here, and the admin is told before sending them.
    expect(await page.locator('.notice', { hasText: 'only this computer can open' }).textContent()).toContain(
      'CANVASS_PUBLIC_URL',
    );
    const row = page.locator('tr[data-area="fife"]');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await row.getByRole('button', { name: 'Copy the link for Fife' }).click();
    // The status beside the button, on the page from the start, says so once the copy is done.
    await row.getByRole('status').first().filter({ hasText: 'Copied.' }).waitFor();
    expect(await clipboard()).toBe(`${server.url}/s/${CQL_PQL}?lmc=fife`);
    await row.locator('summary', { hasText: 'Message for practices in Fife' }).click();
    await row.getByRole('button', { name: 'Copy the subject for Fife' }).click();
    await row.getByRole('status').nth(1).filter({ hasText: 'Copied.' }).waitFor();
    expect(await clipboard()).toMatch(/^(Reminder: )?GP Quality Clusters/);
    await row.getByRole('button', { name: 'Copy the message for Fife' }).click();
    await row.getByRole('status').nth(2).filter({ hasText: 'Copied.' }).waitFor();
    const message = await clipboard();
    expect(message.split('\n')[0]).toBe('Dear Practice Manager,');
    expect(message).toContain(`${server.url}/s/${CQL_PQL}?lmc=fife`);
    // Nothing of the message hidden below the box's edge (its link and sign-off were, at 12 rows).
    for (const name of ['Subject of the message for Fife', 'Message for practices in Fife']) {
      const hidden = await row.getByRole('textbox', { name }).evaluate((box) => box.scrollHeight - box.clientHeight);
      expect(hidden).toBeLessThanOrEqual(1);
    }
    await page.close();
  });
});
