import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceUnavailableError } from '../../server/errors';
import { PdfUnavailableError } from '../../server/errors';
import { PdfPrinter } from '../../server/reports/report-pdf';

const page = (body: string) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

/** Chromium browser processes started by this test process (not its helpers, which are their children). */
function chromiumChildren(): number {
  const out = execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((name) => /chrom/i.test(name)).length;
}

describe('the shared PDF printer', () => {
  jest.setTimeout(60_000);

  test('when many reports are printed at once, then one browser prints them all', async () => {
    const printer = new PdfPrinter({ concurrency: 2 });
    // A browser from an earlier test file in this worker may still be on its way out.
    const before = chromiumChildren();
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, chromiumChildren())), 50);
    try {
      const pdfs = await Promise.all(Array.from({ length: 6 }, (_, i) => printer.print(page(`<h1>Report ${i}</h1>`))));
      expect(pdfs.every((pdf) => pdf.subarray(0, 5).toString() === '%PDF-')).toBe(true);
      expect(most - before).toBeLessThanOrEqual(1);
      expect(most).toBeGreaterThanOrEqual(1);
    } finally {
      clearInterval(watch);
      await printer.close();
    }
    expect(chromiumChildren()).toBeLessThanOrEqual(before);
  });

  test('when the HTML asks for remote files or runs scripts, then nothing leaves the browser', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const printer = new PdfPrinter();
    try {
      const html = page(
        `<img src="${origin}/image.png"><link rel="stylesheet" href="${origin}/style.css">` +
          `<iframe src="${origin}/frame"></iframe><script>fetch('${origin}/script'); new Image().src = '${origin}/beacon';</script>`,
      );
      expect((await printer.print(html)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(hits).toEqual([]);
    } finally {
      await printer.close();
      server.close();
    }
  });

  test('when the same report is printed again, then the stored PDF is returned without printing', async () => {
    const printer = new PdfPrinter();
    try {
      const first = await printer.print(page('<p>Same</p>'));
      expect(await printer.print(page('<p>Same</p>'))).toBe(first);
      expect(await printer.print(page('<p>Changed</p>'))).not.toBe(first);
    } finally {
      await printer.close();
    }
  });

  test('when Chromium is not installed, then a 503 error says how to install it', async () => {
    const printer = new PdfPrinter({ executablePath: '/nonexistent/chromium' });
    const error = await printer.print(page('x')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PdfUnavailableError);
    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('apt-get install -y chromium') });
  });

  test('when a print runs past its time limit, then it is abandoned with an error naming the limit', async () => {
    const printer = new PdfPrinter({ timeoutMs: 1 });
    try {
      const error = await printer.print(page('<p>slow</p>'.repeat(2000))).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).message).toMatch(/took longer than 0.001 s/);
    } finally {
      await printer.close();
    }
  });
});
