import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { SurveyService } from '../../server/surveys/survey-service';
import { launchBrowser } from '../support/browser';
import { CQL_PQL, SURVEYS_DIR } from '../support/test-app';
import { storeTargets } from '../support/stores';

/**
 * What a respondent on a phone is told about their answers, following what the server answered: sending,
 * received, kept on the device and sent again (offline, busy), closed, refused; and how the survey asks.
 * With CANVASS_SCREENSHOTS=<folder>, each state is also saved as a PNG; CANVASS_SCREENSHOTS_LAPTOP=1 runs it all at
 * 1280 px instead of a phone's 390 px.
 */
const SHOTS = process.env.CANVASS_SCREENSHOTS;
const SCREEN = process.env.CANVASS_SCREENSHOTS_LAPTOP ? { width: 1280, height: 900 } : { width: 390, height: 844 };

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(120_000);

  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer(
      loadConfig({}, { store: target.fresh(), port: 0, host: '127.0.0.1', surveysDir: SURVEYS_DIR }),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: SCREEN });
    page = await context.newPage();
    errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
  });
  afterEach(async () => {
    await context.close();
  });

  const statusBox = () => page.locator('#save-status');
  const statusButtons = () => page.locator('#save-status button:visible');
  const visibleText = (text: string | RegExp) => page.getByText(text).filter({ visible: true });
  const question = (title: string) => page.locator('.sd-question', { hasText: title });
  const next = () => page.getByRole('button', { name: 'Next' }).click();
  const complete = () => page.getByRole('button', { name: 'Complete' }).click();
  const pageTitle = (title: string) => page.locator('.sd-page__title', { hasText: title }).waitFor();
  const responseId = () =>
    page.evaluate(
      (key) => (JSON.parse(window.localStorage.getItem(key) ?? '{}') as { id?: string }).id ?? '',
      `canvass:${CQL_PQL}`,
    );
  const stored = async (id: string) => server.store.responses.get(CQL_PQL, id);

  async function shot(name: string) {
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${page.viewportSize()!.width}.png`), fullPage: true });
  }

  /** A PQL from the Glasgow link who has answered the first page and moved on to the last one. */
  async function onLastPage() {
    await page.goto(`${server.url}/s/${CQL_PQL}?lmc=glasgow`);
    await page.locator('#first-page').waitFor();
    await page.getByText('Practice Quality Lead (PQL)', { exact: true }).click();
    await question('how many hours a week').locator('input').fill('2.5');
    await next();
    for (const title of [
      'Time and funding',
      'Doing more quality improvement',
      'Protected learning time and change',
      'Training and support',
      'Networks and guidance',
    ]) {
      await pageTitle(title);
      await next();
    }
    await pageTitle("Your cluster's work");
    await question('examples of QI work').locator('textarea').fill('Audit of valproate prescribing.');
  }

  describe('completing the survey', () => {
    test('when the device is offline at Complete, then it says the answers are kept and will be sent, with one button, and sends them once back online', async () => {
      await onLastPage();
      const id = await responseId();
      await context.setOffline(true);
      await complete();
      await visibleText('this device seems to be offline').waitFor();
      await shot('offline-kept');
      await expect(visibleText('Thank you for taking part').count()).resolves.toBe(0);
      await expect(visibleText(/Failed to fetch|could not be sent/).count()).resolves.toBe(0);
      await expect(statusButtons().allTextContents()).resolves.toEqual(['Send now']);
      await expect(page.getByRole('button', { name: /try/i }).count()).resolves.toBe(0);
      await expect(stored(id)).resolves.toMatchObject({ complete: false });

      await context.setOffline(false);
      await visibleText('Your answers have been received.').waitFor();
      await visibleText('Thank you for taking part').waitFor();
      await shot('received');
      await expect(visibleText('offline').count()).resolves.toBe(0);
      await expect(statusButtons().count()).resolves.toBe(0);
      await expect(page.locator('.sv-save-data_root, .sv-notifier').filter({ visible: true }).count()).resolves.toBe(0);
      await expect(stored(id)).resolves.toMatchObject({
        complete: true,
        data: expect.objectContaining({ hours_per_week: 2.5, qi_work_examples: 'Audit of valproate prescribing.' }),
      });
      // The message is on the screen with the thank-you page, not a screen's height below it.
      const box = (await statusBox().boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
      expect(errors).toEqual([]);
    });

    test('when sending fails and the respondent presses Send now, then the answers are received and only that is said', async () => {
      await onLastPage();
      const id = await responseId();
      let down = true;
      await page.route('**/api/surveys/*/responses', (route) =>
        down ? route.abort('internetdisconnected') : route.continue(),
      );
      await complete();
      await statusButtons().getByText('Send now').waitFor();
      down = false;
      await statusButtons().getByText('Send now').click();
      await visibleText('Your answers have been received.').waitFor();
      await expect(visibleText(/not been sent|offline/).count()).resolves.toBe(0);
      await expect(statusButtons().count()).resolves.toBe(0);
      await expect(stored(id)).resolves.toMatchObject({ complete: true });
    });

    test('when the server is busy (503, Retry-After), then the answers are kept without a button and sent again by themselves', async () => {
      await onLastPage();
      const id = await responseId();
      let refusals = 1;
      await page.route('**/api/surveys/*/responses', async (route) => {
        if (refusals > 0) {
          refusals -= 1;
          await route.fulfill({
            status: 503,
            headers: { 'Retry-After': '1' },
            contentType: 'application/json',
            body: JSON.stringify({ error: 'The service cannot store answers just now.' }),
          });
        } else await route.continue();
      });
      await complete();
      await visibleText('the survey is busy just now').waitFor();
      await shot('busy-kept');
      await expect(statusButtons().count()).resolves.toBe(0);
      await visibleText('Your answers have been received.').waitFor();
      await expect(stored(id)).resolves.toMatchObject({ complete: true });
    });

    test('when the page is left while the answers are kept and opened again, then they are sent without pressing Complete again', async () => {
      await onLastPage();
      const id = await responseId();
      await page.route('**/api/surveys/*/responses', (route) => route.abort('internetdisconnected'));
      await complete();
      await visibleText('this device seems to be offline').waitFor();
      await page.reload();
      await visibleText('this device seems to be offline').waitFor();
      await page.unroute('**/api/surveys/*/responses');
      await statusButtons().getByText('Send now').click();
      await visibleText('Your answers have been received.').waitFor();
      await expect(stored(id)).resolves.toMatchObject({ complete: true });
    });

    test('when the server refuses the answers (400), then it lists what was refused by question and offers the way back to them', async () => {
      await onLastPage();
      await page.route('**/api/surveys/*/responses', (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: 'The answers are not valid for this survey',
            details: [{ field: 'hours_per_week', message: 'must be at most 80' }],
          }),
        }),
      );
      await complete();
      await visibleText('The survey could not accept your answers as they are:').waitFor();
      await visibleText('On average, how many hours a week do you spend in this role? Must be at most 80').waitFor();
      await shot('refused');
      await expect(visibleText('Thank you for taking part').count()).resolves.toBe(0);
      await expect(statusButtons().allTextContents()).resolves.toEqual(['Back to your answers']);
      await statusButtons().click();
      await pageTitle("Your cluster's work");
      await expect(statusBox().isVisible()).resolves.toBe(false);
    });

    test("when this device's answers were already completed elsewhere (409), then it says they were received, not that they failed", async () => {
      await onLastPage();
      const id = await responseId();
      const other = await fetch(`${server.url}/api/surveys/${CQL_PQL}/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, complete: true, data: { lmc: 'glasgow', role: 'cql', hours_per_week: 4 } }),
      });
      expect(other.status).toBe(200);
      await complete();
      await visibleText('Answers to this survey from this device have already been received.').waitFor();
      await expect(statusButtons().count()).resolves.toBe(0);
      await expect(visibleText(/not been sent|could not/).count()).resolves.toBe(0);
    });

    test('when the survey closes while the respondent answers, then Complete says it has closed, once, with no button, and nothing stays on the device', async () => {
      const surveys = new SurveyService(server.store.surveys);
      try {
        await onLastPage();
        await surveys.setSchedule(CQL_PQL, { opensAt: null, closesAt: null, action: 'close' });
        await complete();
        await visibleText(
          'This survey has closed, so it could not take your answers. Thank you for your time.',
        ).waitFor();
        await shot('closed');
        const said = await statusBox().innerText();
        expect(said).not.toMatch(/\.\.|connection|try again|kept/i);
        await expect(visibleText('Thank you for taking part').count()).resolves.toBe(0);
        await expect(statusButtons().count()).resolves.toBe(0);
        await expect(page.evaluate(() => Object.values(window.localStorage).join(' '))).resolves.not.toContain(
          'valproate',
        );
      } finally {
        await surveys.setSchedule(CQL_PQL, { opensAt: null, closesAt: null, action: 'reopen' });
      }
    });

    test('when the survey closes while the respondent is between pages, then Next says so at once', async () => {
      const surveys = new SurveyService(server.store.surveys);
      try {
        await page.goto(`${server.url}/s/${CQL_PQL}?lmc=glasgow`);
        await page.getByText('Practice Quality Lead (PQL)', { exact: true }).click();
        await question('how many hours a week').locator('input').fill('3');
        await next();
        await pageTitle('Time and funding');
        await surveys.setSchedule(CQL_PQL, { opensAt: null, closesAt: null, action: 'close' });
        await next();
        await visibleText('This survey has closed').waitFor();
        await expect(page.locator('#survey').isVisible()).resolves.toBe(false);
      } finally {
        await surveys.setSchedule(CQL_PQL, { opensAt: null, closesAt: null, action: 'reopen' });
      }
    });
  });

  test('when the answers are refused and then kept on the device, then axe-core finds no serious or critical violations in either message', async () => {
    // The page's CSP rightly refuses axe's injected script, so this context bypasses it for the check only.
    await context.close();
    context = await browser.newContext({ viewport: SCREEN, bypassCSP: true });
    page = await context.newPage();
    await onLastPage();
    const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const violations = async () => {
      await page.addScriptTag({ content: axe });
      return page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string }> }> } }
        ).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
    };
    let answer: 'refuse' | 'drop' = 'refuse';
    await page.route('**/api/surveys/*/responses', (route) =>
      answer === 'refuse'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: 'Not valid',
              details: [{ field: 'role', message: 'An answer is required.' }],
            }),
          })
        : route.abort('internetdisconnected'),
    );
    await complete();
    await visibleText('The survey could not accept your answers as they are:').waitFor();
    await expect(violations()).resolves.toEqual([]);
    answer = 'drop';
    await statusButtons().click();
    await complete();
    await visibleText('this device seems to be offline').waitFor();
    await expect(violations()).resolves.toEqual([]);
  });

  describe('answering', () => {
    test.each([
      ['the plain first page', false],
      ['the first page as SurveyJS shows it', true],
    ])('when "2,5" is typed for the hours on %s, then 2.5 hours are saved', async (_where, withSurveyJs) => {
      await page.goto(`${server.url}/s/${CQL_PQL}?lmc=fife`);
      await page.getByText('Practice Quality Lead (PQL)', { exact: true }).click();
      // The save that carries the hours wanted: an earlier save (of "1") may still be answering when the page turns.
      const partialSave = (hours: number) =>
        page.waitForResponse(
          (response) =>
            response.url().endsWith('/responses') &&
            response.request().method() === 'POST' &&
            new RegExp(`"hours_per_week":${hours}\\b`).test(response.request().postData() ?? ''),
        );
      await question('how many hours a week')
        .locator('input')
        .fill(withSurveyJs ? '1' : '2,5');
      let saved = partialSave(withSurveyJs ? 1 : 2.5);
      await next();
      await pageTitle('Time and funding');
      if (withSurveyJs) {
        await saved;
        await page.getByRole('button', { name: 'Previous' }).click();
        await pageTitle('About you');
        await question('how many hours a week').locator('input').fill('2,5');
        saved = partialSave(2.5);
        await next();
        await pageTitle('Time and funding');
      }
      expect((await saved).status()).toBeLessThan(300);
      await expect(stored(await responseId())).resolves.toMatchObject({
        data: expect.objectContaining({ hours_per_week: 2.5 }),
      });
    });

    test.each([
      ['90', 'the plain first page', false],
      ['90', 'the first page as SurveyJS shows it', true],
      ['-1', 'the first page as SurveyJS shows it', true],
      ['1,500', 'the plain first page', false],
      ['two', 'the first page as SurveyJS shows it', true],
    ])(
      'when "%s" is typed for the hours on %s, then the survey\'s own message says what it takes',
      async (typed, _where, withSurveyJs) => {
        await page.goto(`${server.url}/s/${CQL_PQL}?lmc=fife`);
        await page.getByText('Practice Quality Lead (PQL)', { exact: true }).click();
        const hours = question('how many hours a week').locator('input');
        if (withSurveyJs) {
          await hours.fill('1');
          await next();
          await pageTitle('Time and funding');
          await page.getByRole('button', { name: 'Previous' }).click();
          await pageTitle('About you');
        }
        await hours.fill(typed);
        await next();
        await question('how many hours a week').getByText('Please enter a number of hours from 0 to 80.').waitFor();
        if (typed === '90' && withSurveyJs) await shot('validation');
        await expect(visibleText(/The value should/).count()).resolves.toBe(0);
        await expect(question('how many hours a week').locator('input').getAttribute('inputmode')).resolves.toBe(
          'decimal',
        );
      },
    );

    test('when the respondent moves past the first page, then the title and description are no longer above the questions', async () => {
      await page.goto(`${server.url}/s/${CQL_PQL}?lmc=glasgow`);
      const description = page.locator('.survey-intro .lede');
      await expect(description.isVisible()).resolves.toBe(true);
      await expect(visibleText('Your link is for practices in the').count()).resolves.toBe(1);
      await shot('first-page');
      await page.getByText('Practice Quality Lead (PQL)', { exact: true }).click();
      await question('how many hours a week').locator('input').fill('2');
      await next();
      await pageTitle('Time and funding');
      await shot('second-page');
      await expect(description.isVisible()).resolves.toBe(false);
      await expect(visibleText('Your link is for practices in the').count()).resolves.toBe(0);
      // Still the page's heading for a screen reader, without taking the screen.
      const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
      expect(heading.height).toBeLessThanOrEqual(1);
      const firstQuestion = (await question('time and funding for your role').boundingBox())!;
      expect(firstQuestion.y).toBeLessThan(SCREEN.height / 2);
      await page.getByRole('button', { name: 'Previous' }).click();
      await pageTitle('About you');
      await expect(description.isVisible()).resolves.toBe(true);
    });

    test('while the answers are on their way, then only "Sending your answers…" is said', async () => {
      await onLastPage();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/surveys/*/responses', async (route) => {
        await held;
        await route.continue();
      });
      await complete();
      await visibleText('Sending your answers…').waitFor();
      await shot('sending');
      await expect(visibleText('Thank you for taking part').count()).resolves.toBe(0);
      await expect(statusButtons().count()).resolves.toBe(0);
      release();
      await visibleText('Your answers have been received.').waitFor();
    });
  });
});
