// Keeps the shipped survey on purpose: it checks the PDF of the 159-response joint review, the report the
// shipped survey exists to produce.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { renderReport } from '../../server/reports/render-report';
import { PdfPrinter } from '../../server/reports/report-pdf';
import type { ReportService } from '../../server/reports/report-service';
import { createServices } from '../../server/services';
import { storeJointReviewResponses } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

interface Word {
  text: string;
  top: number;
  bottom: number;
}
interface Page {
  height: number;
  words: Word[];
}

/** Every word of every page with where it sits (points from the top), as poppler's pdftotext reads the PDF. */
function pagesOf(pdf: Buffer): Page[] {
  const file = path.join(tempDir(), 'report.pdf');
  fs.writeFileSync(file, pdf);
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => ({
      height: Number(/height="([\d.]+)"/.exec(page)![1]),
      words: [
        ...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({
        top: Number(m[1]),
        bottom: Number(m[2]),
        text: m[3]!,
      })),
    }));
}

// The report's @page margins (templates/report/report.css): 18 mm top and bottom, in points.
const MARGIN = (18 / 25.4) * 72;
const DRAFT_LINE = 'DRAFT – not for circulation until marked final';
const lineAt = (page: Page, top: number) =>
  page.words
    .filter((word) => Math.abs(word.top - top) < 1)
    .map((word) => word.text)
    .join(' ');

describe('the PDF of the 159-response joint review', () => {
  let t: TestApp;
  let service: ReportService;
  let printer: PdfPrinter;
  beforeAll(async () => {
    t = await buildTestApp();
    await storeJointReviewResponses(t.store);
    service = createServices(t.store).reports;
    printer = new PdfPrinter();
  });
  afterAll(async () => {
    await printer.close();
    await t.close();
  });

  test('when it is a draft, then every page carries the draft mark in its top margin and nothing of it lies over the content', async () => {
    const pages = pagesOf((await renderReport(await service.build(CQL_PQL), 'pdf', () => printer)) as Buffer);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      const marks = page.words.filter((word) => word.text === 'DRAFT');
      // One mark per page, in the margin, reading the whole line.
      expect([i + 1, marks.length, marks.every((mark) => mark.bottom < MARGIN)]).toEqual([i + 1, 1, true]);
      expect(lineAt(page, marks[0]!.top)).toBe(DRAFT_LINE);
      // Everything else is the content (inside the margins) or the page number (in the bottom margin).
      const outside = page.words.filter((word) => word.top < MARGIN - 1 && word.top !== marks[0]!.top);
      expect([i + 1, outside.map((word) => word.text)]).toEqual([i + 1, []]);
      expect(lineAt(page, page.words.at(-1)!.top)).toBe(`Page ${i + 1} of ${pages.length}`);
    });
    // The headings the fixed banner used to cover are there, each on a line of its own.
    const text = pages.flatMap((page) => page.words.map((word) => word.text)).join(' ');
    for (const heading of ['Key findings', 'Appendix: every question', 'Methods']) expect(text).toContain(heading);
  });

  test('when it is printed, then the PDF is tagged for screen readers, titled, and has its headings as bookmarks', async () => {
    const pdf = (await renderReport(await service.build(CQL_PQL), 'pdf', () => printer)) as Buffer;
    const file = path.join(tempDir(), 'tagged.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+.*GP Quality Clusters/m);
    expect(pdf.toString('latin1')).toMatch(/\/Outlines \d+ 0 R/);
  });

  test('when it is final, then no page carries a draft mark, and pages are still numbered', async () => {
    const pages = pagesOf(
      (await renderReport(await service.build(CQL_PQL, { final: true }), 'pdf', () => printer)) as Buffer,
    );
    expect(pages.flatMap((page) => page.words).some((word) => word.text === 'DRAFT')).toBe(false);
    expect(lineAt(pages[0]!, pages[0]!.words.at(-1)!.top)).toBe(`Page 1 of ${pages.length}`);
  });
});
