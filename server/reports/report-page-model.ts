import type { SessionUser } from '../http/session-user';
import type { ReportModel, ReportNarrative } from './report-model';

/** The report editor: the report, its narrative as the form's fields, each finding with its interpretation. */
export function reportEditorModel(slug: string, report: ReportModel, narrative: ReportNarrative, user: SessionUser) {
  return {
    slug,
    report,
    narrative,
    recommendations: narrative.recommendations.join('\n'),
    findings: report.findings.map((finding) => ({
      number: finding.number,
      heading: finding.heading,
      interpretation: narrative.interpretations[String(finding.number)] ?? '',
    })),
    canEdit: user.role !== 'viewer',
    isAdmin: user.role === 'admin',
  };
}
