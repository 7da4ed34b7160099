import type { ReportModel } from './report-model';
import { DRAFT_MARK, renderReportHtml } from './report-html';
import type { PdfPrinter } from './report-pdf';

export const REPORT_FORMATS = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const isReportFormat = (value: string): value is ReportFormat => Object.hasOwn(REPORT_FORMATS, value);

/** The report in one format, the same for the web and the command line; the Word writer is loaded only for Word. */
export async function renderReport(
  report: ReportModel,
  format: ReportFormat,
  pdf: () => PdfPrinter,
): Promise<string | Buffer> {
  if (format === 'docx') return (require('./report-docx') as typeof import('./report-docx')).renderReportDocx(report);
  if (format === 'html') return renderReportHtml(report);
  // In the PDF the draft mark is a line in every page's top margin, printed by Chromium, not part of the page.
  return pdf().print(renderReportHtml(report, { pdf: true }), { header: report.final ? null : DRAFT_MARK });
}
