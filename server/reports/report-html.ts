import fs from 'node:fs';
import path from 'node:path';
import { Views } from '../http/views';
import type { ReportModel } from './report-model';
import { PROJECT_ROOT } from '../project-root';

const REPORT_TEMPLATES = path.join(PROJECT_ROOT, 'templates', 'report');

let views: Views | undefined;

export const DRAFT_MARK = 'DRAFT – not for circulation until marked final';

/**
 * One self-contained HTML file: inline CSS and SVG, no script, a print stylesheet; works offline. A draft opens
 * with the draft mark; `pdf`: the HTML our PDF printer prints, which puts that mark in every page's margin
 * instead, so the page itself does not repeat it.
 */
export function renderReportHtml(report: ReportModel, { pdf = false }: { pdf?: boolean } = {}): string {
  views ??= new Views(REPORT_TEMPLATES);
  const css = fs.readFileSync(path.join(REPORT_TEMPLATES, 'report.css'), 'utf8');
  return views.page('report', { report, css, draftMark: DRAFT_MARK, pdf });
}
