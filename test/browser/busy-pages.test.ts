import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { openStore } from '../../server/store/open-store';
import { launchBrowser, signInOnPage } from '../support/browser';
import {
  addSurvey,
  createUser,
  cqlPqlSurvey,
  sampleAnswers,
  storeResponses,
  writeSurveyFolder,
} from '../support/factories';
import { tempDir } from '../support/temp-files';

jest.setTimeout(180_000);

const SHOTS = process.env.CANVASS_SCREENSHOTS;
const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;
const store = `sqlite:${path.join(tempDir(), 'busy.db')}`;
let server: RunningServer;
let browser: Browser;
let email: string;

beforeAll(async () => {
  const setup = await openStore(store);
  await addSurvey(setup, survey);
  await storeResponses(setup, CQL_PQL, sampleAnswers());
  email = await createUser(setup, 'admin');
  await setup.close();
  server = await startServer(
    loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: writeSurveyFolder([survey]) }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(next: string, width = 1280): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true })).newPage();
  await signInOnPage(page, server.url, email, next);
  await page.waitForURL(`**${next}`);
  return page;
}

/** Holds the browser's next request matching the pattern until the test lets it go: the wait is watched, not timed. */
async function holdNext(page: Page, pattern: RegExp): Promise<() => Promise<void>> {
  let held: Route | null = null;
  let arrived: () => void = () => undefined;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  await page.route(pattern, async (route) => {
    if (held) return route.continue();
    held = route;
    arrived();
  });
  return async () => {
    await arrival;
    await held!.continue();
  };
}

describe('staff pages that take a moment', () => {
  test('when the statistics filters are applied, then the page says the statistics are being worked out while it waits', async () => {
    const page = await signedIn(`/staff/surveys/${CQL_PQL}/stats`);
    // Playwright waits for a page in flight before it looks at anything, so the test keeps this page: the form's
    // sending is stopped after the page's own handlers have seen it, and what they show is what people see meanwhile.
    await page.evaluate(() => window.addEventListener('submit', (event) => event.preventDefault()));
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Working out the statistics…' }).waitFor();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'stats-computing-1280.png') });
  });

  test('when the report PDF is downloaded, then the page says it is being made, and then that it arrived under the name the server gave it', async () => {
    const page = await signedIn(`/staff/surveys/${CQL_PQL}/report`, 390);
    const release = await holdNext(page, /report\.pdf$/);
    await page.getByRole('link', { name: 'Download PDF' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Making the PDF…' }).count()).resolves.toBe(1);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'report-pdf-making-390.png') });
    const download = page.waitForEvent('download');
    await release();
    // Named as the server names it: which survey, and a draft until the report is marked final.
    expect((await download).suggestedFilename()).toBe(`${CQL_PQL}-report-DRAFT.pdf`);
    await page
      .getByRole('status')
      .filter({ hasText: `Downloaded ${CQL_PQL}-report-DRAFT.pdf.` })
      .waitFor();
  });

  test('when the reader was signed out meanwhile and downloads the PDF, then the sign-in page opens, to come back to the report, rather than being saved as the file', async () => {
    const page = await signedIn(`/staff/surveys/${CQL_PQL}/report`);
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Download PDF' }).click();
    await page.waitForURL(new RegExp(`/login\\?next=${encodeURIComponent(`/staff/surveys/${CQL_PQL}/report`)}$`));
  });
});
