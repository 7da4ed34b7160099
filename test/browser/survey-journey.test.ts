import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { launchBrowser } from '../support/browser';
import { runCli } from '../support/cli';
import { CQL_PQL, SURVEYS_DIR } from '../support/test-app';
import { storeTargets } from '../support/stores';

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(120_000);

  const store = target.fresh();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: SURVEYS_DIR }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const question = (page: Page, title: string) => page.locator('.sd-question', { hasText: title });
  const choose = (page: Page, title: string, option: string) =>
    question(page, title).getByText(option, { exact: true }).click();
  const next = (page: Page) => page.getByRole('button', { name: 'Next' }).click();
  const pageTitle = (page: Page, title: string) => page.locator('.sd-page__title', { hasText: title }).waitFor();

  async function pageErrors(page: Page, errors: string[]) {
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/.test(message.text())) errors.push(message.text());
    });
  }

  describe('a respondent fills in the CQL/PQL survey from an LMC link', () => {
    test('when a PQL completes it, reloading half-way, then the CQL-only questions never appear and it is stored once', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const errors: string[] = [];
      await pageErrors(page, errors);
      await page.goto(`${server.url}/s/${CQL_PQL}?lmc=glasgow`);
      await pageTitle(page, 'About you');
      await expect(page.getByText('Which Local Medical Committee').count()).resolves.toBe(0);
      await choose(page, 'What is your role?', 'Practice Quality Lead (PQL)');
      await question(page, 'how many hours a week').locator('input').fill('2.5');
      await next(page);

      await pageTitle(page, 'Time and funding');
      await expect(page.getByText('Does your HSCP funding match').count()).resolves.toBe(0);
      await question(page, 'time and funding for your role').locator('textarea').fill('Backfill costs keep rising.');
      await next(page);

      await pageTitle(page, 'Doing more quality improvement');
      await choose(page, 'greater time commitment', 'Yes');
      await choose(page, 'registered patients', 'Yes');
      await next(page);
      await pageTitle(page, 'Protected learning time and change');

      // Closing the tab and coming back on the same device resumes where the respondent was.
      await page.reload();
      await pageTitle(page, 'Protected learning time and change');
      await choose(page, 'Protected Learning Time (PLT) a barrier', 'Yes');
      await choose(page, 'change within your practice', 'Yes');
      await next(page);

      await pageTitle(page, 'Training and support');
      await expect(page.getByText('leadership training for the CQL role').count()).resolves.toBe(0);
      await choose(page, 'QI and data training', 'No');
      await next(page);

      await pageTitle(page, 'Networks and guidance');
      await choose(page, 'National CQL Network hosted', 'Yes');
      await expect(page.getByText('Are you a member of the National CQL Network').count()).resolves.toBe(0);
      await choose(page, 'National GP Cluster Guidance', 'I was not aware of it');
      await next(page);

      await pageTitle(page, "Your cluster's work");
      await question(page, 'examples of QI work')
        .locator('textarea')
        .fill('Audit of <script>alert(1)</script> valproate prescribing.');
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByText('Your answers have been received').waitFor();

      // A shared PC keeps only the fact of completion, never the answers.
      const kept = await page.evaluate(() => Object.values(window.localStorage).join(' '));
      expect(kept).toContain('"completed":true');
      expect(kept).not.toMatch(/valproate|pql/);

      await page.reload();
      await page.getByText('You have already completed this survey on this device').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    test('when answers were left on a shared PC longer than the survey keeps them, then the survey starts afresh', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/s/${CQL_PQL}`);
      await pageTitle(page, 'About you');
      const longAgo = Date.now() - 31 * 24 * 60 * 60 * 1000;
      await page.evaluate(
        ([key, savedAt]) => {
          window.localStorage.setItem(
            key as string,
            JSON.stringify({
              id: 'abandoned',
              data: { role: 'cql', hours_per_week: 7 },
              pageNo: 1,
              completed: false,
              savedAt,
            }),
          );
        },
        [`canvass:${CQL_PQL}`, longAgo],
      );
      await page.reload();
      await pageTitle(page, 'About you');
      await expect(question(page, 'how many hours a week').locator('input').inputValue()).resolves.toBe('');
      const kept = await page.evaluate(() => Object.values(window.localStorage).join(' '));
      expect(kept).not.toContain('abandoned');
      await context.close();
    });

    test('when a CQL completes it using the keyboard for the role, then the CQL-only questions appear', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      await pageErrors(page, errors);
      await page.goto(`${server.url}/s/${CQL_PQL}?lmc=lothian`);
      await pageTitle(page, 'About you');
      await page.getByRole('radio', { name: 'Cluster Quality Lead (CQL)' }).focus();
      await page.keyboard.press('Space');
      await question(page, 'how many hours a week').locator('input').fill('6');
      await next(page);

      await pageTitle(page, 'Time and funding');
      await choose(page, 'Does your HSCP funding match', "Don't know");
      await choose(page, 'uplift in payment', 'No');
      await next(page);
      await pageTitle(page, 'Doing more quality improvement');
      await next(page);
      await pageTitle(page, 'Protected learning time and change');
      await next(page);
      await pageTitle(page, 'Training and support');
      await choose(page, 'leadership training for the CQL role', 'Yes');
      await next(page);
      await pageTitle(page, 'Networks and guidance');
      await choose(page, 'National CQL Network hosted', 'Yes');
      await choose(page, 'Are you a member of the National CQL Network', 'Yes');
      await next(page);
      await pageTitle(page, "Your cluster's work");
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByText('Your answers have been received').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    test('when staff export the survey, then both responses are there, complete and as answered', async () => {
      const result = await runCli(['export', CQL_PQL, '--format', 'json'], { store });
      expect(result.code).toBe(0);
      const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
      const complete = rows.filter((row) => row.complete === true);
      expect(complete).toHaveLength(2);
      const pql = complete.find((row) => row.role === 'pql')!;
      expect(pql).toMatchObject({
        lmc: 'glasgow',
        hours_per_week: 2.5,
        time_funding_comments: 'Backfill costs keep rising.',
        more_time_if_resourced: 'yes',
        plt_barrier: 'yes',
        qi_data_training: 'no',
        cql_network_aware: 'yes',
        guidance_used: 'not_aware',
        qi_work_examples: 'Audit of <script>alert(1)</script> valproate prescribing.',
      });
      expect(Object.keys(pql).filter((key) => key.startsWith('cql_') && key !== 'cql_network_aware')).toEqual([]);
      const cql = complete.find((row) => row.role === 'cql')!;
      expect(cql).toMatchObject({
        lmc: 'lothian',
        hours_per_week: 6,
        cql_funding_matches_time: 'dont_know',
        cql_payment_uplift: 'no',
        cql_leadership_training: 'yes',
        cql_network_member: 'yes',
      });
      // Partial saves while moving between pages became the completed responses, not extra rows.
      expect(rows).toHaveLength(2);
    });

    test('when a respondent answers the first page before SurveyJS has run, reloads and leaves an answer out, then SurveyJS takes what they gave, asks for the rest and saves it', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const errors: string[] = [];
      await pageErrors(page, errors);
      const surveyJsHasRun = () =>
        page.evaluate(() => typeof (window as unknown as { Survey?: unknown }).Survey !== 'undefined');
      await page.goto(`${server.url}/s/${CQL_PQL}`);
      await page.locator('#first-page').waitFor();
      await question(page, 'Which Local Medical Committee').locator('select').selectOption('fife');
      await question(page, 'how many hours a week').locator('input').fill('2.5');
      await page.reload();
      await page.locator('#first-page').waitFor();
      await expect(question(page, 'Which Local Medical Committee').locator('select').inputValue()).resolves.toBe(
        'fife',
      );
      await expect(question(page, 'how many hours a week').locator('input').inputValue()).resolves.toBe('2.5');
      await expect(surveyJsHasRun()).resolves.toBe(false);

      await next(page);
      await question(page, 'What is your role?').getByText('Response required.').waitFor();
      await expect(surveyJsHasRun()).resolves.toBe(true);
      await expect(question(page, 'how many hours a week').locator('input').inputValue()).resolves.toBe('2.5');
      await choose(page, 'What is your role?', 'Practice Quality Lead (PQL)');
      await next(page);
      await pageTitle(page, 'Time and funding');
      expect(errors).toEqual([]);
      await context.close();

      // Moving on saved the partial response, with the hours as a number.
      const rows = JSON.parse((await runCli(['export', CQL_PQL, '--format', 'json'], { store })).stdout) as Array<
        Record<string, unknown>
      >;
      expect(rows.filter((row) => row.lmc === 'fife')).toEqual([
        expect.objectContaining({ complete: false, role: 'pql', hours_per_week: 2.5 }),
      ]);
    });

    test('when SurveyJS cannot be fetched as the respondent presses Next, then they are told, keep their answers and can go on once it can', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      let offline = true;
      await page.route(/survey-core\.min\.js$/, (route) =>
        offline ? route.abort('internetdisconnected') : route.continue(),
      );
      await page.goto(`${server.url}/s/${CQL_PQL}?lmc=tayside`);
      await page.locator('#first-page').waitFor();
      await choose(page, 'What is your role?', 'Cluster Quality Lead (CQL)');
      await question(page, 'how many hours a week').locator('input').fill('4');
      await next(page);
      await page.getByText('The rest of the survey could not be loaded').waitFor();
      await expect(page.getByRole('radio', { name: 'Cluster Quality Lead (CQL)' }).isChecked()).resolves.toBe(true);

      offline = false;
      await next(page);
      await pageTitle(page, 'Time and funding');
      await expect(page.getByText('Does your HSCP funding match').count()).resolves.toBe(1);
      await expect(page.getByText('The rest of the survey could not be loaded').isVisible()).resolves.toBe(false);
      await context.close();
    });

    test('when the survey page is checked with axe-core, then it has no serious or critical violations', async () => {
      // The page's CSP rightly refuses axe's injected script, so this context bypasses it for the check only.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/s/${CQL_PQL}?lmc=fife`);
      await pageTitle(page, 'About you');
      await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string }> }> } }
        ).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations).toEqual([]);
      await context.close();
    });
  });
});
