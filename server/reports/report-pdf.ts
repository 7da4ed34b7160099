import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export class PdfUnavailableError extends Error {}

/** Prints the report's HTML to PDF in headless Chromium (Debian's package); says clearly when it is not there. */
export async function renderReportPdf(html: string, executablePath = CHROMIUM): Promise<Buffer> {
  if (!fs.existsSync(executablePath)) {
    throw new PdfUnavailableError(`PDF output needs Chromium at ${executablePath} (Debian: apt-get install -y chromium). HTML and Word output work without it.`);
  }
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
