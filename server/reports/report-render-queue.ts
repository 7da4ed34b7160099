import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DATE_TIME_TEXT } from '../../analysis/stats-format';
import type { WorkQueue } from '../http/work-queue';
import { renderReport, type ReportFormat } from './render-report';
import type { ReportModel } from './report-model';
import type { PdfPrinter } from './report-pdf';

const fromSource = __filename.endsWith('.ts');
const WORKER = path.join(__dirname, `report-render-worker${fromSource ? '.ts' : '.js'}`);

/** Word from a worker thread: the Word writer holds a CPU for seconds on a large report. */
function renderInWorker(report: ReportModel): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { report }, execArgv: fromSource ? ['--require', 'tsx/cjs'] : [] });
    worker.once('message', (body: Uint8Array) => {
      resolve(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the report renderer stopped (${code})`)));
  });
}

/**
 * The data a rendering shows: the model without the moment it was built (its snapshot time, and the methods'
 * "as stored at …" minute), so unchanged data hits the cache whichever minute it is asked for in.
 */
const versionOf = (report: ReportModel) =>
  createHash('sha256')
    .update(
      JSON.stringify({ ...report, snapshotAt: '' }).replace(
        new RegExp(`as stored at ${DATE_TIME_TEXT.source}`, 'g'),
        '',
      ),
    )
    .digest('hex');

/**
 * Renders reports through a bounded queue (per process and per user: see WorkQueue), off the request thread
 * (HTML and Word in a worker thread, PDF in Chromium), and keeps the latest renderings per data version: asking
 * again for a report whose figures, narrative and coding have not changed costs a build, not a rendering.
 */
export class ReportRenderer {
  private readonly cache = new Map<string, string | Buffer>();
  private cachedBytes = 0;

  constructor(
    private readonly queue: WorkQueue,
    private readonly pdf: () => PdfPrinter,
    private readonly maxCacheBytes = 64 * 1024 * 1024,
  ) {}

  /** `build` runs inside the queue too: reading every response is part of the heavy work. */
  async render(
    user: string,
    key: string,
    format: ReportFormat,
    build: () => Promise<ReportModel>,
  ): Promise<{ report: ReportModel; body: string | Buffer }> {
    return this.queue.run(user, async () => {
      const report = await build();
      const cacheKey = `${key}\u0000${format}\u0000${versionOf(report)}`;
      const cached = this.cache.get(cacheKey);
      if (cached !== undefined) {
        this.cache.delete(cacheKey);
        this.cache.set(cacheKey, cached);
        return { report, body: cached };
      }
      // Word off the thread; HTML is a template fill (milliseconds), and PDF is printed by Chromium, another process.
      const body = format === 'docx' ? await renderInWorker(report) : await renderReport(report, format, this.pdf);
      this.remember(cacheKey, body);
      return { report, body };
    });
  }

  private remember(key: string, body: string | Buffer): void {
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    if (size > this.maxCacheBytes / 4) return;
    this.cache.set(key, body);
    this.cachedBytes += size;
    for (const [oldest, value] of this.cache) {
      if (this.cachedBytes <= this.maxCacheBytes) break;
      this.cache.delete(oldest);
      this.cachedBytes -= typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength;
    }
  }
}
