import fs from 'node:fs';
import path from 'node:path';
import { Views } from '../http/views';
import type { ReportModel } from './report-model';
import { PROJECT_ROOT } from '../project-root';

const REPORT_TEMPLATES = path.join(PROJECT_ROOT, 'templates', 'report');

let views: Views | undefined;

/** One self-contained HTML file: inline CSS and SVG, no script, a print stylesheet; works offline. */
export function renderReportHtml(report: ReportModel): string {
  views ??= new Views(REPORT_TEMPLATES);
  const css = fs.readFileSync(path.join(REPORT_TEMPLATES, 'report.css'), 'utf8');
  return views.page('report', { report, css });
}
