import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PASSWORD } from './factories';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless, with no traffic of its own to the outside world. */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs a staff member in through the login page, as a person would; `next` is where the page goes after. */
export async function signInOnPage(page: Page, serverUrl: string, email: string, next?: string): Promise<void> {
  await page.goto(`${serverUrl}/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
