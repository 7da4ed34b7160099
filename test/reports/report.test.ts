// Keeps the shipped survey on purpose: it checks the generated report against the joint review (every published
// figure in the review's words, with its denominator) from the shipped survey, report definition and 159 answers.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { renderReportDocx } from '../../server/reports/report-docx';
import { renderReportHtml } from '../../server/reports/report-html';
import { PdfPrinter } from '../../server/reports/report-pdf';
import type { ReportService } from '../../server/reports/report-service';
import { createServices } from '../../server/services';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { launchBrowser } from '../support/browser';
import { storeJointReviewResponses } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** The visible text of a Word file: every w:t run, joined, with XML entities left as Word stores them. */
async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml =
    (await zip.file('word/document.xml')!.async('string')) +
    ((await zip.file('word/footnotes.xml')?.async('string')) ?? '');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}
/** The words a reader sees: the body without tags, entities decoded, cells and items separated by a space. */
const htmlText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<\/(td|th|li|p|h\d|caption|blockquote)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

// Every figure of the joint review's Key findings, worded as the review words it, with the report's one rounding
// rule: every percentage to one decimal place (the review wrote 96%, 79%, … beside 43.5%).
const PUBLISHED = [
  '159 completed surveys were received representing 17.9% of practices',
  '46 came from CQLs and 113 came from PQLs',
  'The average time spent in the PQL role is 2.1 hours a week.',
  'The average time spent in the CQL role is 4.2 hours a week.',
  '43.5% of CQLs reported that funding matched time in role, 34.8% said it did not and 21.7% said that they did not know.',
  'Only 15.2% of CQLs reported that they had had any uplift in payments',
  '64.7% of CQLs and PQLs said that they would want to take on a greater time commitment',
  '96.2% said they would be interested in doing more QI work',
  '79.2% of those responding said they would be interested in more QI work',
  '61.7% of respondents said that the current level of provision of PLT is acting as a barrier',
  '74.2% of respondents said that they believed that work undertaken in GP quality clusters has led to change',
  '32.7% of respondents said that work undertaken in GP Quality Clusters had led to change in the wider system',
  '26.7% of CQLs have been provided with leadership training.',
  '35.2% of CQLs and PQLs have been provided with QI and data training.',
  '50.3% of CQLs and PQLs reported that they had access to a data analyst',
  'Only 22.0% of respondents reported that they had access to administrative support',
  '57.2% of respondents are aware of the National CQL Network hosted by HIS.',
  '97.0% of responding CQLs said they were a member of the network.',
  '25.8% of respondents said that they were aware of this guidance and had made use of it',
];
const DENOMINATORS = [
  'Base: 46 CQLs who answered',
  'Base: 156 respondents who answered',
  'Base: 154 respondents who answered',
  'Base: 45 CQLs who answered',
  'Base: 33 CQLs who answered',
  // 97.0% is of the CQLs who knew of the network, the only ones asked: said beside the base.
  '12 CQLs were not asked it (the survey shows it only to some).',
  'Mean of 113 PQLs who gave their hours.',
  '64 of the 159 respondents (40.3%) commented.',
];

describe('the joint-review report from the 159-response fixture', () => {
  let t: TestApp;
  let service: ReportService;
  beforeAll(async () => {
    t = await buildTestApp();
    await storeJointReviewResponses(t.store);
    service = createServices(t.store).reports;
  });
  afterAll(() => t.close());

  // The default report applies the survey rule (groups below a minimum base of 10 withheld): a national 97% of
  // 33 identifies nobody, so every figure the review published is stated.
  test("when rendered as HTML with the survey publication rule, then every published figure is there in the review's words, with its denominator", async () => {
    const html = renderReportHtml(await service.build(CQL_PQL));
    const text = htmlText(html);
    for (const sentence of PUBLISHED) expect(text).toContain(sentence);
    for (const base of DENOMINATORS) expect(text).toContain(base);
    expect(text).toContain('Figures are not published for any group of fewer than 10 respondents');
    expect(html).toContain('DRAFT');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect(html).toMatch(/<svg role="img" aria-label="Response rate by LMC area/);
    expect(text).toContain('Recommended areas for action');
    // The abbreviations a policy reader meets, spelled out once, after the background.
    expect(text).toContain('Abbreviations');
    expect(html).toContain('<dt>HSCP</dt><dd>Health and Social Care Partnership</dd>');
    expect(text.indexOf('Abbreviations')).toBeLessThan(text.indexOf('Survey distribution and response'));
    // A chart said to show 95% intervals gives them in its text too.
    expect(html).toMatch(
      /Percentage answering yes, by role, with 95% confidence intervals: [^"<]*CQLs \d+\.\d% \(\d+\.\d–\d+\.\d\)/,
    );
    expect(text).toContain('Hours a week in the role, by role. Base: 46 CQLs and 113 PQLs who answered.');
    // The fieldwork period, from the answers themselves (the fixture's all came on one day).
    expect(text).toContain('They were submitted on 20 May 2024.');
    // The hours chart stands under the finding its figures are from, not between the heading and finding 1.
    const hours = text.indexOf('Hours a week in the role, by role.');
    expect(hours).toBeGreaterThan(text.indexOf('1. Time spent in role'));
    expect(hours).toBeLessThan(text.indexOf('2. ', text.indexOf('1. Time spent in role')));
    expect(text).toContain('Appendix: every question');
  });

  test('when a question was shown to CQLs only, then the appendix says PQLs were not asked rather than 0 (0.0%)', async () => {
    const tables = (await service.build(CQL_PQL)).appendix.filter((table) => table.name === 'cql_payment_uplift');
    expect(tables).toHaveLength(1);
    const pql = tables[0]!.columns.indexOf('PQLs');
    expect(tables[0]!.rows.map((row) => row.cells[pql])).toEqual(['not asked', 'not asked']);
    expect(tables[0]!.base).toContain('PQLs not asked');
  });

  test('when an appendix table has withheld cells, then they say "withheld", as the text does, and its note says why', async () => {
    const report = await service.build(CQL_PQL);
    const areas = report.appendix.find((table) => table.name === 'lmc')!;
    expect(areas.rows.some((row) => row.cells.includes('withheld'))).toBe(true);
    expect(areas.base).toContain(
      'Cells marked “withheld” are not published under the disclosure rule given in the methods',
    );
    // One word for one thing: the response table and the text say "withheld" too, and nothing says "suppressed".
    expect(report.response.areas.some((area) => area.responses === 'withheld')).toBe(true);
    for (const table of report.appendix) {
      expect(table.rows.flatMap((row) => row.cells)).not.toContain('suppressed');
      expect(table.base).not.toMatch(/\bsuppressed\b/);
    }
  });

  test('when rendered as Word, then the same figures and denominators are there, with headings, bullets and tables', async () => {
    const docx = await renderReportDocx(await service.build(CQL_PQL, { suppressBelow: null }));
    const text = await docxText(docx);
    for (const sentence of PUBLISHED) expect(text).toContain(sentence);
    for (const base of DENOMINATORS) expect(text).toContain(base);
    expect(text).toContain('HSCP  Health and Social Care Partnership');
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('w:pStyle w:val="Heading1"');
    // Each question of the appendix is a heading (Word's navigation pane lists it) kept with its table.
    const report = await service.build(CQL_PQL, { suppressBelow: null });
    expect(report.appendix.length).toBeGreaterThan(10);
    expect(xml.match(/<w:pStyle w:val="Heading2"\/><w:keepNext\/>/g)).toHaveLength(
      report.findings.length + report.appendix.length,
    );
    expect(xml).toContain('<w:numPr>');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<pic:pic');
    const header = Object.keys((await JSZip.loadAsync(docx)).files).find((name) => name.startsWith('word/header'));
    expect(await (await JSZip.loadAsync(docx)).file(header!)!.async('string')).toContain('DRAFT');
  });

  test('when rendered in any rule and format, then every percentage has one decimal place', async () => {
    // Confidence levels ("95% confidence intervals", "95% CI") are names, not figures.
    const figures = (text: string) =>
      [...text.matchAll(/(?<![\d.])\d+(?:\.\d+)?%(?! confidence| CI)/g)].map((m) => m[0]);
    for (const options of [{}, { suppressBelow: 5 }, { suppressBelow: null }]) {
      const report = await service.build(CQL_PQL, options);
      // A chart's axis labels are drawn, not written: the SVG is left out (its caption is text, and is checked).
      const html = htmlText(renderReportHtml(report).replace(/<svg[\s\S]*?<\/svg>/g, ''));
      for (const text of [html, await docxText(await renderReportDocx(report))]) {
        const all = figures(text);
        expect(all.length).toBeGreaterThan(100);
        expect(all.filter((figure) => !/^\d+\.\d%$/.test(figure))).toEqual([]);
      }
    }
  });

  test('when marked final, then no DRAFT mark remains', async () => {
    const report = await service.build(CQL_PQL, { final: true });
    const html = renderReportHtml(report);
    expect(htmlText(html)).not.toContain('DRAFT');
    expect(html).not.toContain('class="draft-banner');
    const zip = await JSZip.loadAsync(await renderReportDocx(report));
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/header'))).toBe(false);
    expect(await docxText(await renderReportDocx(report))).not.toContain('DRAFT');
  });

  test('when published with the survey rule, then LMC areas below the minimum base are withheld, saying why, and national figures stay', async () => {
    const text = htmlText(renderReportHtml(await service.build(CQL_PQL)));
    // Orkney 3, Shetland 2, Western Isles 2, Borders 4, Dumfries & Galloway 6, Forth Valley 8, Fife 9, Ayrshire & Arran 9.
    for (const area of [
      'Orkney',
      'Shetland',
      'Western Isles',
      'Borders',
      'Dumfries & Galloway',
      'Forth Valley',
      'Fife',
      'Ayrshire & Arran',
    ]) {
      expect(text).toMatch(new RegExp(`${area} withheld \\d+ –`));
    }
    expect(text).toMatch(/Greater Glasgow & Clyde 38 220 17\.3%/);
    expect(text).toContain(
      'Figures for 8 areas are withheld: areas with fewer than 10 responses are not shown separately',
    );
    expect(text).toContain('Of these responses, 46 came from CQLs and 113 came from PQLs.');
  });

  // A chart draws only what is published: whatever it leaves out is named, with the rule, under it and in its
  // text alternative, in the HTML and in Word alike.
  test.each([
    {
      rule: 'the survey rule (minimum base 10)',
      options: {},
      chart: 'Response rate by LMC area',
      caption:
        'Response rate by LMC area (dashed line: all areas). Not shown: Ayrshire & Arran, Borders, Dumfries & Galloway, Fife, Forth Valley, Orkney, Shetland and Western Isles, withheld because figures for fewer than 10 respondents (the minimum base) are not published, nor any that would let one be worked out.',
    },
    {
      rule: 'the cell rule (counts under 5)',
      options: { suppressBelow: 5 },
      chart: '“On average, how many hours',
      caption:
        'Hours a week in the role, by role. Base: 46 CQLs and 113 PQLs who answered. Not shown: CQLs over 4 to 8 hours, CQLs over 8 hours, PQLs under 1 hour and PQLs over 4 to 8 hours, withheld because counts from 1 to 4 are not published, nor any count that would let one be worked out.',
    },
    {
      rule: 'the cell rule (counts under 5)',
      options: { suppressBelow: 5 },
      chart: 'Percentage answering yes',
      caption:
        'Not shown: More QI: practice services (CQLs) and More QI: practice services (PQLs), withheld because counts from 1 to 4',
    },
  ])(
    'when published with $rule, then the chart "$chart" names what it leaves out and why',
    async ({ options, chart, caption }) => {
      const report = await service.build(CQL_PQL, options);
      const html = renderReportHtml(report);
      const text = htmlText(html);
      expect(text).toContain(caption);
      const alt = [...html.matchAll(/<svg role="img" aria-label="([^"]*)"/g)]
        .map((m) => htmlText(m[1]!))
        .filter((label) => label.startsWith(chart));
      expect(alt.some((label) => label.includes(caption.slice(caption.indexOf('Not shown:'))))).toBe(true);
      expect(await docxText(await renderReportDocx(report))).toContain(caption.replace(/&/g, '&amp;'));
    },
  );

  test('when the internal version is asked for, then nothing is withheld and it says it is for internal use only', async () => {
    const text = htmlText(renderReportHtml(await service.build(CQL_PQL, { suppressBelow: null })));
    for (const sentence of PUBLISHED) expect(text).toContain(sentence);
    expect(text).toMatch(/Shetland 2 10 20\.0%/);
    expect(text).toContain('No disclosure control was applied: this version is for internal use only.');
  });

  test('when published with the cell rule instead, then small counts and what they would reveal are hidden', async () => {
    const html = renderReportHtml(await service.build(CQL_PQL, { suppressBelow: 5 }));
    const text = htmlText(html);
    expect(text).toMatch(/Shetland withheld 10/);
    expect(text).not.toContain('97.0% of responding CQLs');
    expect(text).toContain(
      '(A figure from "Are you a member of the National CQL Network?" is not shown because fewer than 5 respondents gave one of the answers',
    );
    expect(text).toContain('Counts from 1 to 4 are withheld');
    for (const sentence of PUBLISHED.filter((s) => !s.startsWith('97.0%'))) expect(text).toContain(sentence);
  });

  test('when Chromium is there, then a PDF is produced', async () => {
    const printer = new PdfPrinter();
    try {
      const pdf = await printer.print(renderReportHtml(await service.build(CQL_PQL)));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
    } finally {
      await printer.close();
    }
  });

  test('when the HTML is checked with axe-core in Chromium, then it has no serious or critical violations', async () => {
    const html = renderReportHtml(await service.build(CQL_PQL));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> };
          }
        ).axe.run();
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => (n as { html: string }).html.slice(0, 120)),
        }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('reports of other surveys', () => {
  test('when a survey has no responses, then its report renders in every format', async () => {
    const t = await buildTestApp();
    const service = createServices(t.store).reports;
    const report = await service.build(CQL_PQL);
    const html = renderReportHtml(report);
    expect(htmlText(html)).toContain('0 completed surveys were received');
    expect(htmlText(html)).toContain(
      '(A figure from "Does your HSCP funding match the time you spend in the CQL role?" is not shown because nobody has answered yet.)',
    );
    expect((await renderReportDocx(report)).length).toBeGreaterThan(1000);
    await t.close();
  });

  test('when the survey is not the CQL/PQL one, then a sensible report comes without a report definition, and hostile text is escaped and scrubbed', async () => {
    const t = await buildTestApp();
    const dir = tempDir();
    const file = path.join(dir, 'team-feedback.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        title: 'Team feedback',
        elements: [
          {
            type: 'radiogroup',
            name: 'satisfied',
            title: 'Are you satisfied?',
            choices: [
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No' },
            ],
          },
          { type: 'comment', name: 'why', title: 'Why?' },
        ],
      }),
    );
    fs.writeFileSync(path.join(dir, 'team-feedback.analysis.json'), JSON.stringify({ places: ['Meadowbank Surgery'] }));
    const surveys = new SurveyService(t.store.surveys);
    await surveys.addFromFile({ file });
    const responses = new ResponseService(t.store.responses, surveys);
    const hostile =
      '<script>alert("x")</script> Please email me at someone@example.org about the rota at Meadowbank Surgery & the <b>audit</b>.';
    for (let i = 0; i < 20; i += 1) {
      await responses.submit('team-feedback', {
        id: `team-${i}`,
        data: {
          satisfied: i < 15 ? 'yes' : 'no',
          why: i === 0 ? hostile : `Reason number ${i} that is long enough to be quoted in a report.`,
        },
        complete: true,
      });
    }
    const report = await createServices(t.store).reports.build('team-feedback');
    const html = renderReportHtml(report);
    const text = htmlText(html);
    expect(text).toContain('Of those who answered, 75.0% answered "Yes", 25.0% answered "No".');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('someone@example.org');
    expect(html).toContain('[email]');
    expect(html).toContain('the rota at [place]');
    expect(html).not.toContain('Meadowbank');
    const word = await docxText(await renderReportDocx(report));
    expect(word).toContain('&lt;script&gt;alert');
    expect(word).not.toContain('someone@example.org');
    await t.close();
  });
});
