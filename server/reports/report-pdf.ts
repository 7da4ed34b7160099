import { createHash } from 'node:crypto';
import fs from 'node:fs';
import pLimit from 'p-limit';
import { chromium, type Browser } from 'playwright-core';
import { PdfUnavailableError, ServiceUnavailableError } from '../errors';

export const CHROMIUM = '/usr/bin/chromium';

export interface PdfPrinterOptions {
  executablePath?: string;
  /** Reports printed at once; more wait their turn. */
  concurrency?: number;
  /** A print that takes longer is abandoned with a clear error. */
  timeoutMs?: number;
  /** The browser closes after this long without work, so an idle server holds no Chromium. */
  idleMs?: number;
  /** PDFs kept, by the exact HTML they print: the same report is printed once while nothing changes. */
  cacheSize?: number;
}

/** What each printed page carries in its margins, outside the content. */
export interface PrintMargins {
  /** A line in the top margin of every page (e.g. the draft mark); none when absent. */
  header?: string | null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// Chromium draws these in the page margins (the CSS @page margins), so they never cover the content. Its header
// and footer templates get no page styles and a default font size near zero: everything is set inline here.
const MARGIN_STYLE =
  "width:100%;margin:0 16mm;font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:8.5pt;";
const headerTemplate = (header: string | null | undefined) =>
  header
    ? `<div style="${MARGIN_STYLE}text-align:center;font-weight:700;color:#b00020;">${escapeHtml(header)}</div>`
    : '<div></div>';
const FOOTER_TEMPLATE = `<div style="${MARGIN_STYLE}text-align:right;color:#4a5263;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;

/**
 * One headless Chromium shared by every PDF request, behind a semaphore: a burst of downloads starts one
 * browser, not one each. Each print runs in a fresh context with JavaScript off and every request aborted (the
 * report is self-contained HTML; charts are inline), under a time limit.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | undefined;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly cache = new Map<string, Buffer>();
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly executablePath: string;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly cacheSize: number;

  constructor({
    executablePath = CHROMIUM,
    concurrency = 2,
    timeoutMs = 60_000,
    idleMs = 60_000,
    cacheSize = 16,
  }: PdfPrinterOptions = {}) {
    this.executablePath = executablePath;
    this.limit = pLimit(concurrency);
    this.timeoutMs = timeoutMs;
    this.idleMs = idleMs;
    this.cacheSize = cacheSize;
  }

  /**
   * Prints the report's HTML to A4 PDF, with the header line and page numbers in each page's margins; says
   * clearly when Chromium is not there or the print takes too long.
   */
  async print(html: string, margins: PrintMargins = {}): Promise<Buffer> {
    const key = createHash('sha256')
      .update(JSON.stringify([margins.header ?? null]))
      .update(html)
      .digest('hex');
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (!fs.existsSync(this.executablePath)) {
      throw new PdfUnavailableError({
        message: `PDF output needs Chromium at ${this.executablePath} (Debian: apt-get install -y chromium). HTML and Word output work without it.`,
      });
    }
    const pdf = await this.limit(() => this.printNow(html, margins));
    this.cache.delete(key);
    this.cache.set(key, pdf);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return pdf;
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private async printNow(html: string, margins: PrintMargins): Promise<Buffer> {
    clearTimeout(this.idleTimer);
    const browser = await this.launched();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      page.setDefaultTimeout(this.timeoutMs);
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        // Tagged, so a screen reader reads headings, lists and tables as such; with the headings as bookmarks.
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(margins.header),
        footerTemplate: FOOTER_TEMPLATE,
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new ServiceUnavailableError({
          message: `The PDF took longer than ${this.timeoutMs / 1000} s to print; try again or download HTML or Word`,
          retryAfter: 30,
        });
      }
      throw error;
    } finally {
      await context.close().catch(() => undefined);
      if (this.limit.activeCount <= 1 && this.limit.pendingCount === 0)
        this.idleTimer = setTimeout(() => void this.close(), this.idleMs).unref();
    }
  }

  private launched(): Promise<Browser> {
    this.browser ??= chromium
      .launch({
        executablePath: this.executablePath,
        // Chromium's own sandbox cannot start as root (a container's usual user); elsewhere it stays on.
        args: [
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ],
      })
      .then((browser) => {
        browser.on('disconnected', () => {
          this.browser = undefined;
        });
        return browser;
      })
      .catch((error: unknown) => {
        this.browser = undefined;
        throw error;
      });
    return this.browser;
  }
}
