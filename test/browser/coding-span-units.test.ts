import path from 'node:path';
import { codingStateFrom } from '../../server/coding/coding-record';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { openStore } from '../../server/store/open-store';
import { launchBrowser, signInOnPage } from '../support/browser';
import { addSurvey, createUser, cqlPqlSurvey, pqlAnswers, writeSurveyFolder } from '../support/factories';
import { answerTexts, twoResearcherCoding } from '../support/refi-qda-project';
import { tempDir } from '../support/temp-files';

jest.setTimeout(120_000);

const QUESTION = 'resources_not_in_place';
let CQL_PQL: string;
let surveys = 0;
const dir = tempDir();
const store = `sqlite:${path.join(dir, 'span-units.db')}`;
let server: RunningServer;
let browser: Browser;
let email: string;

beforeAll(async () => {
  const setup = await openStore(store);
  email = await createUser(setup, 'researcher');
  await setup.close();
  server = await startServer(loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: writeSurveyFolder([]) }));
  browser = await launchBrowser();
});
// Each test codes spans in a coding of its own: the four answers and the two researchers' coding.
beforeEach(async () => {
  const setup = await openStore(store);
  CQL_PQL = await addSurvey(setup, cqlPqlSurvey({ slug: `span-units-${(surveys += 1)}` }));
  for (const [id, text] of Object.entries(answerTexts)) {
    await setup.responses.save({
      surveySlug: CQL_PQL,
      id,
      data: pqlAnswers({ [QUESTION]: text }),
      complete: true,
      submittedAt: '2024-05-20T10:00:00.000Z',
    });
  }
  await setup.codings.save(twoResearcherCoding({ surveySlug: CQL_PQL }), 0, {
    operation: 'test',
    doneBy: 'test',
    doneAt: '2024-05-21T08:00:00.000Z',
  });
  await setup.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, next: string) {
  await signInOnPage(page, server.url, email, next);
}

/** Selects some words of an answer on the page, as a mouse drag would. */
async function select(page: Page, answer: string, words: string) {
  await page.locator(`.answer-text[data-answer="${answer}"]`).evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const all = nodes.map((node) => node.data).join('');
    const locate = (offset: number) => {
      for (const node of nodes) {
        if (offset <= node.length) return [node, offset] as const;
        offset -= node.length;
      }
      throw new Error('offset outside the answer');
    };
    const start = all.indexOf(wanted);
    const range = document.createRange();
    range.setStart(...locate(start));
    range.setEnd(...locate(start + wanted.length));
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    element.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, words);
}

describe('coding a selection in the workbench', () => {
  test.each([
    ['after an emoji', 'emoji', 'for the cluster', 'code-5'],
    ['after an emoji and a Windows line break', 'windows', 'about Protected time', 'code-5'],
  ])(
    'when a researcher selects words %s, then exactly those words are coded (the page sends code points)',
    async (_case, answer, words, code) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await signIn(page, `/staff/surveys/${CQL_PQL}/coding/${QUESTION}/answers`);
      await page.getByRole('heading', { name: 'Coding the answers' }).waitFor();
      await select(page, answer, words);
      await page.getByLabel('Code', { exact: true }).selectOption(code);
      await page.getByRole('button', { name: 'Code the selection' }).click();
      await page.locator('#span-selected', { hasText: 'Coded.' }).waitFor();
      expect(errors).toEqual([]);

      const check = await openStore(store);
      const state = codingStateFrom((await check.codings.get(CQL_PQL, QUESTION))!.state);
      await check.close();
      const text = answerTexts[answer]!;
      const start = text.indexOf(words);
      const span = state.segments.find(
        (segment) => segment.responseId === answer && segment.start === start && segment.end === start + words.length,
      );
      expect(span?.text).toBe(words);
      expect(state.applications).toContainEqual(
        expect.objectContaining({ segmentId: span!.id, codeId: code, by: email, status: 'accepted' }),
      );
      await page.screenshot({ path: path.join(dir, `coded-${answer}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(dir, `coded-${answer}-390.png`), fullPage: true });
      await page.close();
    },
  );

  test('when a researcher names a new code after an existing one, then the page says the selection joined that code', async () => {
    const page = await browser.newPage();
    await signIn(page, `/staff/surveys/${CQL_PQL}/coding/${QUESTION}/answers`);
    await page.getByRole('heading', { name: 'Coding the answers' }).waitFor();
    await select(page, 'control', 'the cluster');
    await page.getByLabel('New code').fill('backfill');
    await page.getByRole('button', { name: 'Code the selection' }).click();
    await page
      .locator('#span-selected', { hasText: 'There is a code "Backfill" already: the span was coded with it.' })
      .waitFor();
    await page.close();
  });
});
