import fs from 'node:fs';
import type { Command } from 'commander';
import { renderReportDocx } from '../../reports/report-docx';
import { renderReportHtml } from '../../reports/report-html';
import { PdfPrinter } from '../../reports/report-pdf';
import { ReportService } from '../../reports/report-service';
import { SurveyService } from '../../surveys/survey-service';
import { CliError, withStore } from '../shared';

async function printOnce(html: string): Promise<Buffer> {
  const printer = new PdfPrinter();
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}

export const run = async (slug: string, options: { out: string; final?: boolean; suppressBelow?: string; suppress: boolean; weight?: string }, command: Command) => {
      const format = /\.(html?|pdf|docx)$/i.exec(options.out)?.[1]?.toLowerCase();
      if (!format) throw new CliError('--out must end in .html, .pdf or .docx');
      // Absent: the survey's publication rule (minimum base); a number: the cell rule; --no-suppress: none.
      const suppressBelow = !options.suppress ? null : options.suppressBelow === undefined ? undefined : Number(options.suppressBelow);
      if (typeof suppressBelow === 'number' && (!Number.isInteger(suppressBelow) || suppressBelow < 2)) throw new CliError('--suppress-below takes a whole number of at least 2');
      const report = await withStore(command, (store) =>
        new ReportService(store, new SurveyService(store)).build(slug, { final: options.final, suppressBelow, weightBy: options.weight }),
      );
      const html = renderReportHtml(report);
      const content = format === 'docx' ? await renderReportDocx(report) : format === 'pdf' ? await printOnce(html) : html;
      fs.writeFileSync(options.out, content);
      console.log(`Wrote ${report.final ? 'final' : 'DRAFT'} report to ${options.out}`);
    };
