import { CodingService } from '../../server/coding/coding-service';
import { renderReportDocx } from '../../server/reports/report-docx';
import { renderReportHtml } from '../../server/reports/report-html';
import { ReportService } from '../../server/reports/report-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { storeJointReviewResponses } from '../support/factories';
import { buildTestApp, CQL_PQL } from '../support/test-app';

jest.setTimeout(60_000);

describe('themes in the report', () => {
  test('when researchers accept themes and choose quotes, then the report lists them under "Common themes were:" with their share', async () => {
    const t = await buildTestApp();
    await storeJointReviewResponses(t.store);
    const surveys = new SurveyService(t.store);
    const coding = new CodingService(t.store, surveys);
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    let stored = await coding.stored(CQL_PQL, question);
    const [big, small] = [...stored.state.themes].sort((a, b) => b.proposedQuotes.length - a.proposedQuotes.length);
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    await review({ op: 'rename-theme', theme: big!.id, label: 'Need for admin support' });
    await review({ op: 'accept-theme', theme: big!.id });
    stored = await coding.stored(CQL_PQL, question);
    const quoted = stored.state.segments.find((segment) => /admin support/i.test(segment.text))!.responseId;
    await review({ op: 'choose-quotes', theme: big!.id, answers: [quoted] });
    if (small) await review({ op: 'discard-theme', theme: small.id });

    const report = await new ReportService(t.store, surveys).build(CQL_PQL);
    const html = renderReportHtml(report);
    expect(html).toMatch(/Common themes were:<\/p><ul><li>Need for admin support \(\d+\.\d% of those who commented\)<\/li>/);
    expect(html).toContain('“We need admin support to organise meetings and collate data.”');
    expect(report.methods.join(' ')).toContain('coded by researchers using thematic analysis');
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!;
    expect(finding.freeText!.themes).toHaveLength(1);
    const docx = await renderReportDocx(report);
    expect(docx.length).toBeGreaterThan(1000);
    await t.close();
  });
});
