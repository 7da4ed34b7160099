import type { Command } from 'commander';
import { PdfPrinter } from '../../reports/report-pdf';
import { isReportFormat, renderReport } from '../../reports/render-report';
import { writeFileAtomically } from '../../atomic-file';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const run = async (
  slug: string,
  options: { out: string; final?: boolean; suppressBelow?: string; suppress: boolean; weight?: string },
  command: Command,
) => {
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
      ({ services }) => services.reports.build(slug, { final: options.final, suppressBelow, weightBy: options.weight }),
      progress,
    );
    final = report.final;
    progress.report(`writing the ${format === 'docx' ? 'Word' : format.toUpperCase()} file`, 0, 0);
    // Written under a temporary name and renamed, so Ctrl-C never leaves half a report under the name asked for.
    writeFileAtomically(options.out, await renderReport(report, format, () => (printer ??= new PdfPrinter())));
  } finally {
    progress.stop();
    await printer?.close();
  }
  console.log(`Wrote ${final ? 'final' : 'DRAFT'} report to ${options.out}`);
};
