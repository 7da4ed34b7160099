import JSZip from 'jszip';
import { renderReportDocx } from '../../server/reports/report-docx';
import { renderReportHtml } from '../../server/reports/report-html';
import { createServices } from '../../server/services';
import { addSurvey, storeResponses } from '../support/factories';
import { makeSurvey, q } from '../support/survey-factories';
import { buildTestApp } from '../support/test-app';

jest.setTimeout(60_000);

describe('the report of a survey with one free-text question', () => {
  test('when there are no tables to append, then the report has no empty appendix, in HTML or Word', async () => {
    const t = await buildTestApp({ surveys: [] });
    const survey = makeSurvey({ questions: [q.freeText('feedback')] });
    await addSurvey(t.store, survey);
    await storeResponses(
      t.store,
      survey.slug,
      Array.from({ length: 12 }, (_, i) => ({ feedback: `The staff were kind and helpful, visit ${i + 1}.` })),
    );
    const report = await createServices(t.store).reports.build(survey.slug);
    expect(report.appendix).toEqual([]);
    expect(renderReportHtml(report)).not.toContain('Appendix');
    const xml = await (
      await JSZip.loadAsync(await renderReportDocx(report))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).not.toContain('Appendix');
    expect(xml).toContain('Methods');
    await t.close();
  });
});
