import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { openStore } from '../../server/store/open-store';
import { launchBrowser, signInOnPage } from '../support/browser';
import { codedSurvey } from '../support/coding-factories';
import { createUser, writeSurveyFolder } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { createServices } from '../../server/services';

jest.setTimeout(120_000);

const QUESTION = 'resources_not_in_place';
let CQL_PQL: string;
const store = `sqlite:${path.join(tempDir(), 'independent.db')}`;
let server: RunningServer;
let browser: Browser;
const people: Record<'admin' | 'alice' | 'bob', string> = { admin: '', alice: '', bob: '' };

beforeAll(async () => {
  const setup = await openStore(store);
  // A survey of the 66 development answers, coded by the machine.
  CQL_PQL = await codedSurvey(setup);
  const coding = createServices(setup).coding;
  people.admin = await createUser(setup, 'admin');
  people.alice = await createUser(setup, 'researcher');
  people.bob = await createUser(setup, 'researcher');
  const { version } = await coding.stored(CQL_PQL, QUESTION);
  await coding.review(CQL_PQL, QUESTION, { op: 'set-independent', on: true }, version, people.admin, 'admin');
  await setup.close();
  server = await startServer(loadConfig({}, { store, port: 0, host: '127.0.0.1', surveysDir: writeSurveyFolder([]) }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(who: keyof typeof people, next: string): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP only so that the test can run axe-core in the page; the app's own scripts need no exception.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await signInOnPage(page, server.url, people[who], next);
  return { context, page };
}

/** Selects characters from..to of an answer's text as a mouse drag would, then codes them with a new code. */
async function codeSpan(page: Page, answer: string, from: number, to: number, label: string) {
  const text = page.locator(`.answer-text[data-answer="${answer}"]`);
  await text.evaluate(
    (element, [start, end]) => {
      const node = element.firstChild as Text;
      const range = document.createRange();
      range.setStart(node, start!);
      range.setEnd(node, end!);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      element.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [from, to],
  );
  await page.getByLabel('Code', { exact: true }).selectOption('');
  await page.getByLabel('New code').fill(label);
  await page.getByRole('button', { name: 'Code the selection' }).click();
  await text.locator(`mark[title*="${label}"]`).waitFor();
}

describe('two researchers coding the same answers independently in the browser', () => {
  test("when each codes a span their own way, then neither sees the other's until an admin reveals them, then both see their disagreement side by side and settle it", async () => {
    const answersPage = `/staff/surveys/${CQL_PQL}/coding/${QUESTION}/answers`;
    const alice = await signedIn('alice', answersPage);
    await alice.page.getByRole('heading', { name: 'Coding the answers' }).waitFor();
    const answer = (await alice.page.locator('.answer-text').first().getAttribute('data-answer'))!;
    // Keyboard: n moves to the next answer, p back.
    await alice.page.locator('.answer-text').first().focus();
    await alice.page.keyboard.press('n');
    await expect(alice.page.evaluate(() => document.activeElement?.getAttribute('data-answer'))).resolves.not.toBe(
      answer,
    );
    await alice.page.keyboard.press('p');
    await expect(alice.page.evaluate(() => document.activeElement?.getAttribute('data-answer'))).resolves.toBe(answer);

    await codeSpan(alice.page, answer, 0, 12, 'Ring-fenced hours');
    expect(alice.page.url()).toContain('/answers'); // coded in place, no page post
    await alice.page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await alice.page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string }> }> } }
      ).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);

    const bob = await signedIn('bob', answersPage);
    await bob.page.getByRole('heading', { name: 'Coding the answers' }).waitFor();
    await expect(bob.page.locator(`.answer-text[data-answer="${answer}"] mark`).count()).resolves.toBe(0);
    await codeSpan(bob.page, answer, 0, 12, 'Admin support');
    await expect(
      bob.page.locator(`.answer-text[data-answer="${answer}"] mark[title*="Ring-fenced hours"]`).count(),
    ).resolves.toBe(0);

    // Alice writes a memo; before the reveal nothing of hers is on any page Bob can open: her e-mail, label, span or memo.
    const workbench = `/staff/surveys/${CQL_PQL}/coding/${QUESTION}`;
    await alice.page.goto(`${server.url}${workbench}`);
    await alice.page.getByLabel('Add a memo').fill('Alice private memo');
    await alice.page.getByRole('button', { name: 'Save memo' }).click();
    await alice.page.getByText('Alice private memo').first().waitFor();
    for (const where of [
      workbench,
      `${workbench}?filter=undecided`,
      answersPage,
      `${workbench}/familiarise`,
      `/staff/surveys/${CQL_PQL}/report`,
    ]) {
      await bob.page.goto(`${server.url}${where}`);
      const seen = await bob.page.content();
      for (const secret of [people.alice, 'Ring-fenced hours', 'Alice private memo'])
        expect([where, seen.includes(secret)]).toEqual([where, false]);
    }
    await bob.page.goto(`${server.url}${answersPage}`);
    await expect(
      bob.page.locator(`.answer-text[data-answer="${answer}"] mark`).first().getAttribute('title'),
    ).resolves.toBe('Admin support');

    const admin = await signedIn('admin', workbench);
    await admin.page.getByRole('button', { name: "Reveal everyone's coding" }).click();
    await admin.page.getByText('their coding has been revealed').waitFor();

    await alice.page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/${QUESTION}`);
    const disagreement = alice.page
      .locator('table', { hasText: 'Answers where they disagree, side by side' })
      .locator('tbody tr')
      .first();
    await expect(disagreement.innerText()).resolves.toMatch(
      /Ring-fenced hours[\s\S]*Admin support|Admin support[\s\S]*Ring-fenced hours/,
    );
    // Named as the coding screen names it, so it can be found there.
    await expect(disagreement.innerText()).resolves.toMatch(/^Answer \d+ · (PQL|CQL) · /);

    // They talk it over and settle on one of the two codes.
    await disagreement.getByLabel('Admin support').uncheck();
    await disagreement.getByLabel('Ring-fenced hours').check();
    await disagreement.getByRole('button', { name: /^Settle Answer \d+ · / }).click();
    await alice.page.getByText('(1 settled)').waitFor();
    await expect(
      alice.page
        .locator('table', { hasText: 'Answers where they disagree, side by side' })
        .locator('tbody tr')
        .first()
        .innerText(),
    ).resolves.toMatch(/Settled:\s*Ring-fenced hours/);

    // Alice's own code stays hers to change: Bob's coding screen offers nothing that would be refused, and says why.
    await bob.page.goto(`${server.url}/staff/surveys/${CQL_PQL}/coding/${QUESTION}/screen`);
    const hers = bob.page.locator('#cs-tree [data-code]', { hasText: 'Ring-fenced hours' }).first();
    // Its ⋯ button shows on the item in focus.
    await hers.click();
    await hers.locator('.cs-actions').click();
    const menu = bob.page.locator('#cs-menu');
    await menu.getByRole('menuitem', { name: 'Why nothing else?' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: /^(Rename|Discard|Define…|Merge into…)$/ }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: 'Why nothing else?' }).click();
    await bob.page.locator('#cs-status', { hasText: `is ${people.alice}’s, made coding independently` }).waitFor();
    for (const session of [alice, bob, admin]) await session.context.close();
  });
});
