import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Chart } from '../../analysis/charts';
import { dateTimeText } from '../../analysis/stats-format';
import type { ReportModel } from './report-model';

const CHART_WIDTH_PX = 600;

function chartParagraphs(chart: Chart | null, caption: string): Paragraph[] {
  if (!chart) return [];
  // Word needs a raster image; resvg draws the same SVG the HTML shows, with the machine's fonts.
  const rendered = new Resvg(chart.svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH_PX * 2 },
    font: { loadSystemFonts: true },
    background: 'white',
  }).render();
  const height = Math.round((rendered.height / rendered.width) * CHART_WIDTH_PX);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: rendered.asPng(),
          transformation: { width: CHART_WIDTH_PX, height },
          altText: { name: caption, title: caption, description: chart.alt },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: caption, italics: true, size: 18 })] }),
  ];
}

/**
 * A table under its caption, which keeps with it: a bold paragraph, or a heading where the table is a section of its
 * own (each question of the appendix, which Word's navigation pane then lists).
 */
function table(
  columns: string[],
  rows: string[][],
  caption: string,
  captionLevel?: (typeof HeadingLevel)[keyof typeof HeadingLevel],
): (Paragraph | Table)[] {
  const cell = (text: string, header = false, right = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header })],
        }),
      ],
    });
  return [
    captionLevel
      ? heading(caption, captionLevel)
      : new Paragraph({ keepNext: true, children: [new TextRun({ text: caption, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: columns.map((column, i) => cell(column, true, i > 0)) }),
        ...rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i === 0, i > 0)) })),
      ],
    }),
  ];
}

// Kept with the next paragraph, so that Word never leaves a heading alone at the foot of a page.
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level, keepNext: true });
const paragraph = (text: string, italics = false) => new Paragraph({ children: [new TextRun({ text, italics })] });
const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
const quote = (text: string, theme: string | null = null) =>
  new Paragraph({
    indent: { left: 567 },
    children: [
      new TextRun({ text: `“${text}”`, italics: true }),
      ...(theme ? [new TextRun({ text: `Theme: ${theme}`, size: 18, break: 1 })] : []),
    ],
  });

/** An editable Word file with the same content as the HTML report: headings, bullets, tables, charts, notes. */
export async function renderReportDocx(report: ReportModel): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  if (!report.final)
    body.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'DRAFT – not for circulation until marked final', bold: true, color: 'B00020' }),
        ],
      }),
    );
  if (report.organisations) body.push(paragraph(report.organisations));
  body.push(heading(report.title, HeadingLevel.TITLE));
  if (report.subtitle) body.push(paragraph(report.subtitle));
  body.push(
    paragraph(
      `Data as stored at ${dateTimeText(report.snapshotAt)}${report.opensAt ? ` · survey opened ${dateTimeText(report.opensAt)}` : ''}${report.closesAt ? ` · closed ${dateTimeText(report.closesAt)}` : ''}`,
    ),
  );

  if (report.narrative.background)
    body.push(heading('Background', HeadingLevel.HEADING_1), paragraph(report.narrative.background));
  if (report.abbreviations.length)
    body.push(
      heading('Abbreviations', HeadingLevel.HEADING_1),
      ...report.abbreviations.map(
        ({ short, full }) =>
          new Paragraph({ children: [new TextRun({ text: short, bold: true }), new TextRun(`  ${full}`)] }),
      ),
    );

  body.push(
    heading('Survey distribution and response', HeadingLevel.HEADING_1),
    ...report.response.paragraphs.map((text) => paragraph(text)),
  );
  if (report.response.areas.length) {
    const rows = report.response.areas.map((area) => [area.name, area.responses, String(area.practices), area.rate]);
    if (report.response.total)
      rows.push([
        'All areas',
        String(report.response.total.responses),
        String(report.response.total.practices),
        report.response.total.rate,
      ]);
    body.push(
      ...table(
        ['LMC area', 'Responses', 'Practices', 'Response rate'],
        rows,
        'Responses by Local Medical Committee area',
      ),
    );
    if (report.response.areasNote) body.push(paragraph(report.response.areasNote));
    body.push(...chartParagraphs(report.charts.responseRate, report.charts.responseRate?.caption ?? ''));
  }

  body.push(heading('Key findings', HeadingLevel.HEADING_1));
  const bandsChart = () => chartParagraphs(report.charts.bands, report.charts.bands?.caption ?? '');
  if (!report.bandsInFinding) body.push(...bandsChart());
  for (const finding of report.findings) {
    body.push(heading(`${finding.number}. ${finding.heading}`, HeadingLevel.HEADING_2));
    for (const item of finding.bullets) {
      body.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(item.text), ...(item.footnote ? [new FootnoteReferenceRun(item.footnote)] : [])],
        }),
      );
    }
    if (finding.freeText) {
      body.push(paragraph(`${finding.freeText.heading} ${finding.freeText.summary}`));
      if (finding.freeText.themes.length) {
        body.push(
          new Paragraph({ children: [new TextRun({ text: finding.freeText.themesIntro })], keepNext: true }),
          ...finding.freeText.themes.map((theme) =>
            bullet(`${theme.label} (${theme.share})${theme.candidate && theme.note ? ` – ${theme.note}` : ''}`),
          ),
        );
        if (finding.freeText.themesNote)
          body.push(new Paragraph({ children: [new TextRun({ text: finding.freeText.themesNote, size: 18 })] }));
      }
      body.push(...finding.freeText.quotes.map(({ text, theme }) => quote(text, theme)));
      if (finding.freeText.review) body.push(paragraph(finding.freeText.review, true));
    }
    if (finding.bandsHere) body.push(...bandsChart());
    body.push(...chartParagraphs(finding.chart, finding.chart?.alt ?? ''));
    body.push(...chartParagraphs(finding.trend, finding.trend?.alt ?? ''));
    if (finding.interpretation) body.push(paragraph(finding.interpretation, true));
  }

  if (report.examples) {
    body.push(heading(report.examples.heading, HeadingLevel.HEADING_1));
    if (report.examples.intro) body.push(paragraph(report.examples.intro));
    body.push(...report.examples.quotes.map((text) => quote(text)));
  }
  if (report.narrative.discussion)
    body.push(heading('Discussion', HeadingLevel.HEADING_1), paragraph(report.narrative.discussion));
  if (report.narrative.conclusion)
    body.push(heading('Conclusion', HeadingLevel.HEADING_1), paragraph(report.narrative.conclusion));
  if (report.narrative.recommendations.length) {
    body.push(
      heading('Recommended areas for action', HeadingLevel.HEADING_1),
      ...report.narrative.recommendations.map(bullet),
    );
  }
  body.push(heading('Methods', HeadingLevel.HEADING_1), ...report.methods.map((text) => paragraph(text)));
  if (report.appendix.length) body.push(heading('Appendix: every question', HeadingLevel.HEADING_1));
  for (const entry of report.appendix) {
    body.push(
      ...table(
        ['Answer', ...entry.columns],
        entry.rows.map((row) => [row.label, ...row.cells]),
        entry.title,
        HeadingLevel.HEADING_2,
      ),
    );
    body.push(
      new Paragraph({
        children: [new TextRun({ text: `${entry.base}${entry.test ? ` ${entry.test}.` : ''}`, size: 18 })],
      }),
    );
  }

  const document = new Document({
    title: report.title,
    creator: 'Canvass',
    features: { updateFields: false },
    footnotes: Object.fromEntries(
      report.footnotes.map((footnote) => [footnote.number, { children: [new Paragraph(footnote.text)] }]),
    ),
    sections: [
      {
        headers: report.final
          ? undefined
          : {
              default: new Header({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: [new TextRun({ text: 'DRAFT', bold: true, color: 'B00020' })],
                  }),
                ],
              }),
            },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
