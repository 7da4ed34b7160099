import path from 'node:path';
import { codingStateFrom } from '../../server/coding/coding-record';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { openStore } from '../../server/store/open-store';
import { launchBrowser, signInOnPage } from '../support/browser';
import { codedSurvey } from '../support/coding-factories';
import { createUser, writeSurveyFolder } from '../support/factories';
import { tempDir } from '../support/temp-files';

jest.setTimeout(120_000);

const store = `sqlite:${path.join(tempDir(), 'workbench.db')}`;
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
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let CQL_PQL: string;
/** A survey of the test's own with the 66 development answers, coded by the machine unless told. */
async function arrange(code = true) {
  const setup = await openStore(store);
  CQL_PQL = await codedSurvey(setup, { code });
  await setup.close();
}

/** The address of the board's first theme's own page. */
const firstThemePage = (page: Page) =>
  page
    .locator('.theme-card')
    .first()
    .getByRole('link', { name: /^Review “/ })
    .getAttribute('href');

async function signIn(page: Page, next: string) {
  await signInOnPage(page, server.url, email, next);
}

describe("the researchers' workbench in a browser", () => {
  test('when a researcher codes a question, names and accepts a theme, decides a suggestion and picks a quote, then the page shows it all and undo takes back the last step', async () => {
    await arrange(false);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, `/staff/surveys/${CQL_PQL}/coding`);
    await page.getByRole('heading', { name: 'Coding free-text answers' }).waitFor();
    const row = page.locator('tr', { hasText: 'resources_not_in_place' });
    await row.getByRole('button', { name: 'Propose codes and themes' }).click();
    await page.getByRole('heading', { name: 'Themes and codes' }).waitFor();
    await expect(page.getByText(/66 respondents answered, in \d+ segments/).count()).resolves.toBe(1);
    await expect(
      page
        .getByText(
          /Proposed by the machine: answers grouped by the words they use \(\d+ answers are too few to learn word meaning from\); into as many themes as come out alike from different random starts/,
        )
        .count(),
    ).resolves.toBe(1);
    await expect(page.locator('.theme-card p.small').first().innerText()).resolves.toMatch(
      /^(\d+% of its answers say “|Mixed group:)/,
    );

    // Each theme is reviewed on a page of its own, reached from its card on the board.
    await page
      .locator('.theme-card')
      .first()
      .getByRole('link', { name: /^Review “/ })
      .click();
    await page.getByRole('button', { name: 'Rename theme' }).waitFor();
    await expect(page.locator('main p').first().innerText()).resolves.toMatch(/^← All themes · theme 1 of \d+ · .+ →$/);
    await page.getByLabel(/^New name for theme /).fill('Need for admin support');
    await page.getByRole('button', { name: 'Rename theme' }).click();
    await page.getByRole('heading', { level: 1, name: /^Need for admin support/ }).waitFor();
    // The machine's definition described the theme under its old name: renamed, the theme waits for the researcher's.
    await expect(page.getByLabel('Definition of theme Need for admin support').inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: 'Accept theme “Need for admin support”' }).click();
    await page.locator('h1', { hasText: 'Need for admin support' }).getByText('accepted', { exact: true }).waitFor();
    const themePage = page.url();

    await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/resources_not_in_place?filter=undecided#segments`);
    const suggestion = page.locator('#segment-table .application-suggested').first();
    await suggestion.getByRole('button', { name: /^Accept / }).click();
    await page
      .locator('#history + table tbody tr')
      .first()
      .filter({ hasText: new RegExp(`^.*${email} applied “[^”]+” to “[^”]+”, as suggested`) })
      .waitFor();
    // Accepting a suggestion is agreement with the machine: 100%, not a dash.
    await expect(page.locator('#agreement + table tbody tr').first().locator('td').nth(2).innerText()).resolves.toBe(
      '100%',
    );
    // On a phone the agreement table reads as cards rather than running off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });

    // A long theme name, as researchers write them, offered by every code's Move select.
    await page.goto(themePage);
    await page.locator('a[rel="next"]').click();
    await page
      .getByLabel(/^New name for theme /)
      .fill('Access to a LIST analyst and to better data for every practice');
    await page.getByRole('button', { name: 'Rename theme' }).click();
    await page.getByRole('heading', { level: 1, name: /^Access to a LIST analyst/ }).waitFor();
    await page.goto(themePage);
    // On a phone the theme page's codes, with their Move selects offering every theme by name, fit the width.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });
    const quotes = page.locator('form', { hasText: 'Use the ticked quotes for “Need for admin support”' });
    await quotes.getByRole('checkbox').first().check();
    await quotes.getByRole('button', { name: 'Use the ticked quotes for “Need for admin support”' }).click();
    await page
      .locator('#history + table tbody tr')
      .first()
      .filter({ hasText: `${email} chose 1 quote for “Need for admin support”` })
      .waitFor();

    await page.getByRole('button', { name: 'Undo your last change' }).click();
    await page
      .locator('#history + table tbody tr')
      .first()
      .filter({ hasText: `${email} undid: ${email} chose 1 quote for “Need for admin support”` })
      .waitFor();
    await expect(page.locator('#history + table').innerText()).resolves.not.toMatch(
      /[{}"]|accept-suggestion|undo: undo/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  test('when a researcher splits a code, writes a memo and reads a word in context, then each shows on the page', async () => {
    await arrange();
    const page = await browser.newPage();
    await signIn(page, `/staff/surveys/${CQL_PQL}/coding/resources_not_in_place`);
    await page.getByRole('heading', { name: 'Themes and codes' }).waitFor();
    const firstTheme = await firstThemePage(page);
    await page.goto(`${server.url}${firstTheme}`);
    await page
      .getByRole('link', { name: /^Split “/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Split “/ }).waitFor();
    await page.getByLabel('Name of the new code').fill('Split-off code');
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Split into the new code' }).click();
    // Split from the theme's page, the researcher is back on it, with the new code there.
    await page.waitForURL(`${server.url}${firstTheme}`);
    await page.getByText('Split-off code').first().waitFor();

    await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/resources_not_in_place`);
    await page.getByLabel('Add a memo').fill('Admin support seems to matter most to CQLs.');
    await page.getByRole('button', { name: 'Save memo' }).click();
    await page.locator('#memos + ul', { hasText: 'Admin support seems to matter most to CQLs.' }).waitFor();

    await page.goto(`${server.url}${firstTheme}`);
    const codeName = page.getByLabel(/^Name of code /).first();
    await codeName.fill('Renamed in the browser');
    await page.getByRole('button', { name: 'Rename', exact: true }).first().click();
    await page
      .locator('#history + table tbody tr')
      .first()
      .filter({ hasText: /renamed the code “[^”]+” to “Renamed in the browser”/ })
      .waitFor();
    await page.getByRole('button', { name: 'Discard code Renamed in the browser' }).click();
    await page
      .locator('#history + table tbody tr')
      .first()
      .filter({ hasText: 'discarded the code “Renamed in the browser”' })
      .waitFor();
    await expect(page.getByLabel('Name of code Renamed in the browser').count()).resolves.toBe(0);

    await page.getByRole('link', { name: '← All themes' }).click();
    await page.getByRole('link', { name: 'Words and phrases' }).click();
    await page.getByLabel('Show in context').fill('admin');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: '“admin” in context' }).waitFor();
    await expect(page.locator('table', { hasText: 'Before' }).locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await page.close();
  });

  test('when a researcher selects words in an answer and codes them as a new code, then the span is stored by its offsets and shown highlighted', async () => {
    await arrange();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, `/staff/surveys/${CQL_PQL}/coding/resources_not_in_place/answers`);
    await page.getByRole('heading', { name: 'Coding the answers' }).waitFor();
    const first = page.locator('.answer-text').first();
    const answerId = (await first.getAttribute('data-answer'))!;
    const text = await first.innerText();
    const [from, to] = [4, Math.min(text.length, 24)];
    // The selection a mouse drag makes, over characters 4 to 24 of the answer's text.
    await first.evaluate(
      (element, [start, end]) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        while (walker.nextNode()) nodes.push(walker.currentNode as Text);
        const locate = (offset: number) => {
          for (const node of nodes) {
            if (offset <= node.length) return [node, offset] as const;
            offset -= node.length;
          }
          throw new Error('offset outside the answer');
        };
        const range = document.createRange();
        range.setStart(...locate(start!));
        range.setEnd(...locate(end!));
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        element.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      },
      [from, to],
    );
    await expect(page.locator('#span-selected').innerText()).resolves.toBe(`Selected: “${text.slice(from, to)}”`);
    await page.getByLabel('New code').fill('Words I chose');
    await page.getByRole('button', { name: 'Code the selection' }).click();
    await page.locator(`.answer-text[data-answer="${answerId}"] mark[title*="Words I chose"]`).waitFor();
    await expect(page.locator(`.answer-text[data-answer="${answerId}"]`).innerText()).resolves.toBe(text);
    await expect(page.locator('#code-panel li', { hasText: 'Words I chose' }).innerText()).resolves.toMatch(
      /Words I chose\s+1 answer coded$/,
    );

    // The code just made stays the current one: selecting more words and pressing c codes them with it too.
    const second = page.locator('.answer-text').nth(1);
    const secondId = (await second.getAttribute('data-answer'))!;
    await second.evaluate((element) => {
      const node = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(node.length, 10));
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      element.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await page.keyboard.press('c');
    await page.locator(`.answer-text[data-answer="${secondId}"] mark[title*="Words I chose"]`).waitFor();
    await expect(page.locator('#span-selected').innerText()).resolves.toBe('Coded.');
    await expect(page.locator('#code-panel li', { hasText: 'Words I chose' }).innerText()).resolves.toMatch(
      /Words I chose\s+2 answers coded$/,
    );
    expect(errors).toEqual([]);

    const check = await openStore(store);
    const state = codingStateFrom((await check.codings.get(CQL_PQL, 'resources_not_in_place'))!.state);
    await check.close();
    const code = state.codes.find((candidate) => candidate.label === 'Words I chose')!;
    const span = state.segments.find(
      (segment) => segment.responseId === answerId && segment.start === from && segment.end === to,
    )!;
    expect(span.text).toBe(text.slice(from, to));
    expect(state.applications).toContainEqual(
      expect.objectContaining({ segmentId: span.id, codeId: code.id, status: 'accepted', by: email }),
    );
    await page.close();
  });

  test('when a researcher drags a code onto another theme and renames a code, then each happens in place without reloading the page', async () => {
    await arrange();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, `/staff/surveys/${CQL_PQL}/coding/resources_not_in_place`);
    await page.getByRole('heading', { name: 'Themes and codes' }).waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const cards = page.locator('section.theme-card');
    expect(await cards.count()).toBeGreaterThan(1);
    const row = cards.nth(0).locator('tr[data-code]').first();
    const code = (await row.getAttribute('data-code'))!;
    const target = cards.nth(1);
    const targetTheme = (await target.getAttribute('data-theme'))!;
    await row.dragTo(target.locator('h3'));
    await page.locator(`section.theme-card[data-theme="${targetTheme}"] tr[data-code="${code}"]`).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    await page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/resources_not_in_place/themes/${targetTheme}`);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    // By attribute: a code id such as "code-1.1" is not a CSS id selector.
    const input = page.locator(`[id="code-label-${code}"]`);
    await input.fill('Renamed in place');
    await input.press('Enter');
    // The change list comes back from the server with this rename in it.
    await page.locator('#history ~ table', { hasText: 'Renamed in place' }).waitFor();
    // And the page says so where the researcher is, as the page does not reload.
    await expect(page.locator('#change-status').innerText()).resolves.toMatch(
      /^Saved: \S+ renamed the code “[^”]+” to “Renamed in place”$/,
    );
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    // Sent again as it is, the rename saves nothing, and the page says that rather than repeat the last change.
    await input.press('Enter');
    await page.locator('#change-status', { hasText: 'Nothing to save: it was already so.' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
  test('when someone else changes a theme while a researcher writes its definition, then saving keeps what they typed, brings the page up to date and says why nothing was saved', async () => {
    await arrange();
    const [first, second] = [await browser.newPage(), await browser.newPage()];
    const errors: string[] = [];
    second.on('pageerror', (error) => errors.push(error.message));
    const themePage = `/staff/surveys/${CQL_PQL}/coding/resources_not_in_place/themes/theme-1`;
    await signIn(first, themePage);
    await signIn(second, themePage);
    await second.getByRole('button', { name: 'Save definition' }).first().waitFor();
    await second.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await first.getByLabel(/^New name for theme /).fill('Renamed meanwhile');
    await first.getByRole('button', { name: 'Rename theme' }).click();
    await first.getByRole('heading', { level: 1, name: /^Renamed meanwhile/ }).waitFor();

    const definition = 'Answers asking for someone to do the cluster’s admin.';
    await second.getByLabel(/^Definition of theme /).fill(definition);
    await second.getByRole('button', { name: 'Save definition' }).first().click();
    await second.locator('#change-status', { hasText: 'Not saved: someone else changed this meanwhile' }).waitFor();
    expect(await second.locator('#change-status').innerText()).toContain('What you typed is still there');
    // The page shows the other change, with the researcher's text still in its box, and the same document.
    await second.getByRole('heading', { level: 1, name: /^Renamed meanwhile/ }).waitFor();
    expect(await second.getByLabel(/^Definition of theme /).inputValue()).toBe(definition);
    expect(await second.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    // Saved again from the page brought up to date, it is kept.
    await second.getByRole('button', { name: 'Save definition' }).first().click();
    await second.locator('#change-status', { hasText: /^Saved: / }).waitFor();
    expect(errors).toEqual([]);
    await first.close();
    await second.close();
  });
  test('when two researchers split the same passage off a code at once, then the second is told why on the split page, with their new name kept', async () => {
    await arrange();
    const board = await browser.newPage();
    await signIn(board, `/staff/surveys/${CQL_PQL}/coding/resources_not_in_place`);
    await board.getByRole('heading', { name: 'Themes and codes' }).waitFor();
    const firstTheme = await firstThemePage(board);
    await board.goto(`${server.url}${firstTheme}`);
    const splitPage = (await board
      .getByRole('link', { name: /^Split “/ })
      .first()
      .getAttribute('href'))!;
    const [first, second] = [board, await browser.newPage()];
    await first.goto(`${server.url}${splitPage}`);
    await signIn(second, splitPage);
    await second.getByRole('heading', { name: /^Split “/ }).waitFor();
    const errors: string[] = [];
    second.on('pageerror', (error) => errors.push(error.message));

    await first.getByLabel('Name of the new code').fill('First split');
    await first.getByRole('checkbox').first().check();
    await first.getByRole('button', { name: 'Split into the new code' }).click();
    await first.waitForURL(`${server.url}${firstTheme}`);

    await second.getByLabel('Name of the new code').fill('Second split');
    await second.getByRole('checkbox').first().check();
    await second.getByRole('button', { name: 'Split into the new code' }).click();
    await second.locator('#change-status', { hasText: 'Not saved: a passage chosen' }).waitFor();
    expect(second.url()).toBe(`${server.url}${splitPage}`);
    expect(await second.getByLabel('Name of the new code').inputValue()).toBe('Second split');
    expect(errors).toEqual([]);
    await first.close();
    await second.close();
  });
  test("when a theme page is read on a laptop, then each of its codes' names and definitions shows whole", async () => {
    await arrange();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, `/staff/surveys/${CQL_PQL}/coding/resources_not_in_place/themes/theme-1`);
    await page.getByRole('heading', { name: 'Its codes' }).waitFor();
    // A code named at length, as researchers name them, and a definition of a few lines.
    const name = page.locator('.theme-codes input[name=label]').first();
    await name.fill('Funding that covers the actual cost of a locum');
    await page.locator('.theme-codes').getByRole('button', { name: 'Rename' }).first().click();
    await page.locator('.theme-codes input[name=label]').first().waitFor();
    await expect(page.locator('.theme-codes input[name=label]').first().inputValue()).resolves.toBe(
      'Funding that covers the actual cost of a locum',
    );
    const cut = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
          '.theme-codes input[name=label], .theme-codes textarea',
        ),
      )
        .filter((field) => field.scrollWidth > field.clientWidth + 1 || field.scrollHeight > field.clientHeight + 1)
        .map((field) => field.value),
    );
    expect(cut).toEqual([]);
    await page.close();
  });
});
