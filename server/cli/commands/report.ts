import type { PdfPrinter } from '../../reports/report-pdf';
import { writeFileAtomically } from '../../atomic-file';
import { defineCommand } from '../command-definition';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const report = defineCommand({
  name: 'report',
  arguments: '<slug>',
  description: 'the joint-review style report as HTML, PDF or Word (by the --out extension); DRAFT unless --final',
  options: {
    out: { flags: '--out <file>', description: 'report.html, report.pdf or report.docx', required: true },
    final: { flags: '--final', description: 'mark the report final (no DRAFT marks)' },
    suppressBelow: {
      flags: '--suppress-below <n>',
      description: "the cell rule instead of the survey's minimum base: hide counts from 1 to n-1",
    },
    suppress: { flags: '--no-suppress', description: 'show every figure (internal use only; the report says so)' },
    weight: {
      flags: '--weight <question>',
      description: 'weight figures to the practices in each area of this distribution question (lmc)',
    },
  },
  run: async (slug, options, command) => {
    const { PdfPrinter: Printer } = require('../../reports/report-pdf') as typeof import('../../reports/report-pdf');
    const { isReportFormat, renderReport } =
      require('../../reports/render-report') as typeof import('../../reports/render-report');
    const extension = /\.(html?|pdf|docx)$/i.exec(options.out)?.[1]?.toLowerCase();
    const format = extension === 'htm' ? 'html' : extension;
    if (!format || !isReportFormat(format)) throw new CliError('--out must end in .html, .pdf or .docx');
    // Absent: the survey's publication rule (minimum base); a number: the cell rule; --no-suppress: none.
    const suppressBelow = !options.suppress
      ? null
      : options.suppressBelow === undefined
        ? undefined
        : Number(options.suppressBelow);
    if (typeof suppressBelow === 'number' && (!Number.isInteger(suppressBelow) || suppressBelow < 2))
      throw new CliError('--suppress-below takes a whole number of at least 2');
    const progress = cliProgress({ quiet: quietFrom(command) });
    let printer: PdfPrinter | undefined;
    let final: boolean;
    try {
      const report = await withStore(
        command,
        ({ services }) =>
          services.reports.build(slug, { final: options.final, suppressBelow, weightBy: options.weight }),
        progress,
      );
      final = report.final;
      progress.report(`writing the ${format === 'docx' ? 'Word' : format.toUpperCase()} file`, 0, 0);
      // Written under a temporary name and renamed, so Ctrl-C never leaves half a report under the name asked for.
      writeFileAtomically(options.out, await renderReport(report, format, () => (printer ??= new Printer())));
    } finally {
      progress.stop();
      await printer?.close();
    }
    console.log(`Wrote ${final ? 'final' : 'DRAFT'} report to ${options.out}`);
  },
});
