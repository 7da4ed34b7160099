import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { launchBrowser } from '../support/browser';
import { runCli } from '../support/cli';
import { tempSqlitePath } from '../support/temp-files';
import { writeSurveyFolder } from '../support/factories';

const SLUG = 'every-question-type';

describe('a respondent answers a survey using every question type on a phone', () => {
  jest.setTimeout(120_000);
  const store = `sqlite:${tempSqlitePath()}`;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const added = await runCli(['surveys', 'add', path.join(__dirname, '..', 'fixtures', 'surveys', `${SLUG}.json`)], {
      store,
    });
    expect(added.code).toBe(0);
    server = await startServer(
      loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: writeSurveyFolder([]) }),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const question = (page: Page, title: string) => page.locator('.sd-question', { hasText: title }).first();

  test('when they answer scales, a Likert matrix, multiple text and a dynamic panel and complete it, then every answer is stored as given', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/s/${SLUG}`);
    await page.locator('.sd-page__title', { hasText: 'Scales' }).waitFor();
    // On a phone, SurveyJS shows a 0-10 scale as a drop-down list.
    await question(page, 'How likely are you to recommend').getByRole('combobox').click();
    await page.getByRole('option', { name: '9', exact: true }).click();
    await question(page, 'How satisfied are you?').getByText('Satisfied', { exact: true }).click();
    const matrix = question(page, 'How far do you agree?');
    await matrix.locator('tr', { hasText: 'My workload is manageable' }).getByText('Neither', { exact: true }).click();
    await matrix.locator('tr', { hasText: 'I feel supported' }).getByText('Agree', { exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    await page.locator('.sd-page__title', { hasText: 'Structures' }).waitFor();
    const hours = question(page, 'Contact');
    // Each item's box is its label: tapping it opens the input, as on a phone.
    await hours.locator('label', { hasText: 'Days a week in the cluster' }).click();
    await page.keyboard.type('3');
    await hours.locator('label', { hasText: 'Anything about those days' }).click();
    await page.keyboard.type('mornings');
    const panels = question(page, 'Your projects');
    await panels.getByRole('button', { name: /Add new/i }).click();
    await panels.locator('input[type="text"]').first().fill('asthma reviews');
    await question(page, 'Methods used').getByText('audit', { exact: true }).click();
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByText('Your answers have been received').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    const exported = await runCli(['export', SLUG, '--format', 'json'], { store });
    const [row] = JSON.parse(exported.stdout) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({
      complete: true,
      recommend: 9,
      satisfaction: 4,
      agree: { workload: 3, support: 4 },
      contact_hours: { weekday: 3, note: 'mornings' },
      projects: [{ topic: 'asthma reviews' }],
      methods: ['audit'],
      score_sum: 5,
    });
  });
});
