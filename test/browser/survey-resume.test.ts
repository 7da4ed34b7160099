import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { launchBrowser } from '../support/browser';
import { makeSurvey, q, writeSurveyFolder } from '../support/factories';
import { tempSqlitePath } from '../support/temp-files';

/** What a respondent finds when they come back to the survey on the same device: what they typed, or that it is done. */
const survey = makeSurvey({
  slug: 'coming-back',
  title: 'Coming back to a survey',
  settings: {
    description: 'A few questions about your cluster, with room to say more in your own words.',
    showQuestionNumbers: 'off',
  },
  pages: [
    { name: 'start', title: 'Start', elements: [q.freeText('first_thoughts'), q.yesNo('agree', { isRequired: true })] },
    {
      name: 'details',
      title: 'Details',
      elements: [
        q.choice('role', ['lead', 'member'], { showOtherItem: true }),
        q.number('hours', 0, 80),
        { type: 'text', inputType: 'email', name: 'email', title: 'Email' },
        { type: 'rating', name: 'support', title: 'Support', showCommentArea: true },
        q.freeText('resources', { title: 'Which resources would help your cluster?' }),
      ],
    },
    { name: 'end', title: 'End', elements: [q.yesNo('contact')] },
  ],
});

describe('a respondent comes back to the survey on the same device', () => {
  jest.setTimeout(120_000);
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(
      loadConfig(
        {},
        {
          store: `sqlite:${tempSqlitePath()}`,
          port: 0,
          host: '127.0.0.1',
          surveysDir: writeSurveyFolder([survey]),
        },
      ),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const link = () => `${server.url}/s/${survey.slug}`;
  const question = (page: Page, title: string) => page.locator('.sd-question', { hasText: title });
  const pageTitle = (page: Page, title: string) => page.locator('.sd-page__title', { hasText: title }).waitFor();

  /** Types as a person does, key by key, and leaves the cursor in the box. */
  async function typeInto(box: Locator, text: string) {
    await box.click();
    await box.page().keyboard.type(text);
  }

  /** Closes the tab with the cursor still in the box (no blur, no Next) and opens the link again in a new one. */
  async function closeAndReopen(context: BrowserContext, page: Page, title: string): Promise<Page> {
    await page.close();
    const reopened = await context.newPage();
    await reopened.goto(link());
    await pageTitle(reopened, title);
    return reopened;
  }

  test('when a respondent types into text boxes and closes the tab without leaving the box, then what they typed is there when they reopen it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    let page = await context.newPage();
    const errors: string[] = [];
    context.on('weberror', (error) => errors.push(error.error().message));
    await page.goto(link());
    await page.locator('#first-page').waitFor();
    await typeInto(question(page, 'First thoughts').locator('textarea'), 'The cluster meets monthly');
    page = await closeAndReopen(context, page, 'Start');
    await expect(question(page, 'First thoughts').locator('textarea').inputValue()).resolves.toBe(
      'The cluster meets monthly',
    );

    await question(page, 'Agree').getByText('Yes', { exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await pageTitle(page, 'Details');
    await question(page, 'Role').getByText('Other (describe)', { exact: true }).click();
    // Each kind of box: "other", number, e-mail, a question's comment, a free-text question.
    const typed: Array<[string, string, string]> = [
      ['Role', 'textarea', 'Practice manager'],
      ['Hours', 'input', '1,500'],
      ['Email', 'input', 'lead@example.org'],
      ['Support', 'textarea', 'Only from the practice'],
      ['resources would help', 'textarea', 'A data analyst for half a day'],
    ];
    for (const [title, box, text] of typed) {
      await typeInto(question(page, title).locator(box), text);
      page = await closeAndReopen(context, page, 'Details');
      await expect(question(page, title).locator(box).inputValue()).resolves.toBe(text);
    }
    for (const [title, box, text] of typed) {
      await expect(question(page, title).locator(box).inputValue()).resolves.toBe(text);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('when a respondent who completed the survey reopens it on a phone, then the already-completed notice is on the first screen', async () => {
    const viewport = { width: 390, height: 844 };
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(link());
    await page.locator('#first-page').waitFor();
    await question(page, 'Agree').getByText('Yes', { exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await pageTitle(page, 'Details');
    await page.getByRole('button', { name: 'Next' }).click();
    await pageTitle(page, 'End');
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByText('Your answers have been received').waitFor();

    await page.close();
    const reopened = await context.newPage();
    await reopened.goto(link());
    const notice = reopened.getByText('You have already completed this survey on this device');
    await notice.waitFor();
    const box = (await notice.boundingBox())!;
    expect(box.y).toBeLessThan(viewport.height);
    await expect(reopened.getByRole('button', { name: 'Start a new response' }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
