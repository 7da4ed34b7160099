import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { openStore } from '../../server/store/open-store';
import { launchBrowser, signInOnPage } from '../support/browser';
import { codedSurvey } from '../support/coding-factories';
import { createUser, writeSurveyFolder } from '../support/factories';
import { tempDir } from '../support/temp-files';

jest.setTimeout(180_000);

const QUESTION = 'resources_not_in_place';
let CQL_PQL: string;
const SHOTS = process.env.CANVASS_SCREENSHOTS;
const store = `sqlite:${path.join(tempDir(), 'theme-run.db')}`;
let server: RunningServer;
let browser: Browser;
let starter: string;
let colleague: string;
// Each theme run waits here before it works, until the test lets it go: the run is watched in progress without timing.
const held: Array<() => void> = [];

beforeAll(async () => {
  const setup = await openStore(store);
  // A survey of the 66 development answers, not coded yet.
  CQL_PQL = await codedSurvey(setup, { code: false });
  starter = await createUser(setup, 'researcher');
  colleague = await createUser(setup, 'researcher');
  await setup.close();
  const holdThemeRunsForTests = () => new Promise<void>((resolve) => held.push(resolve));
  server = await startServer(
    loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: writeSurveyFolder([]), holdThemeRunsForTests }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  held.forEach((release) => release());
  await browser?.close();
  await server?.close();
});

async function signedIn(email: string, options: { javaScript?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  await signInOnPage(page, server.url, email, `/staff/surveys/${CQL_PQL}/coding`);
  await page.getByRole('heading', { name: 'Coding free-text answers' }).waitFor();
  return page;
}

const propose = (page: Page) =>
  page.locator('tr', { hasText: QUESTION }).getByRole('button', { name: 'Propose codes and themes' }).click();
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
};

describe('a theme run in the workbench', () => {
  test('when a researcher proposes codes, then the run shows its phase, a colleague sees the same run, and cancelling leaves the coding as it was', async () => {
    const page = await signedIn(starter);
    await propose(page);
    await page.getByRole('heading', { name: 'Proposing codes and themes' }).waitFor();
    await expect(page.getByRole('status').innerText()).resolves.toBe('reading answers…');
    await expect(page.getByRole('button', { name: 'Cancel the run' }).count()).resolves.toBe(1);
    await shot(page, 'theme-run-in-progress');

    // A colleague who proposes codes for the same question joins this run rather than starting a second one.
    const other = await signedIn(colleague, { width: 390 });
    await propose(other);
    await other.getByRole('heading', { name: 'Proposing codes and themes' }).waitFor();
    await expect(other.getByText(`started by ${starter}`).count()).resolves.toBe(1);
    await expect(other.getByRole('button', { name: 'Cancel the run' }).count()).resolves.toBe(0);
    await expect(other.getByText(`Only ${starter} or an admin can cancel it.`).count()).resolves.toBe(1);
    expect(held).toHaveLength(1);

    await page.getByRole('button', { name: 'Cancel the run' }).click();
    await page.getByText('Cancelled; the coding is as it was before the run.').waitFor();
    await shot(page, 'theme-run-cancelled');
    held.shift()!();
    // The colleague's page learns of it too, and the question is still uncoded.
    await other.getByText('Cancelled; the coding is as it was before the run.').waitFor();
    await page.getByRole('link', { name: 'Back to coding' }).click();
    await expect(
      page.locator('tr', { hasText: QUESTION }).getByRole('button', { name: 'Propose codes and themes' }).count(),
    ).resolves.toBe(1);
    await page.context().close();
    await other.context().close();
  });

  test('when a run finishes, then a page without JavaScript, refreshing itself, arrives at the proposed themes', async () => {
    const page = await signedIn(colleague, { javaScript: false });
    await propose(page);
    await page.getByRole('heading', { name: 'Proposing codes and themes' }).waitFor();
    await expect(page.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(1);
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    held.shift()!();
    await page.getByRole('heading', { name: 'Themes and codes' }).waitFor({ timeout: 120_000 });
    await expect(page.getByText(/Proposed by the machine/).count()).resolves.toBe(1);
    await page.context().close();
  });
});
