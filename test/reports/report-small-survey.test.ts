import { createServices } from '../../server/services';
import { renderReportHtml } from '../../server/reports/report-html';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { addSurvey, cqlAnswers, cqlPqlSurvey, pqlAnswers, storeResponses } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/*
 * A survey fewer completed than the minimum base is a group below it, as a selection that small is on the
 * statistics page: the report publishes no count that would give its size away.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ surveys: [] });
});
afterAll(() => t.close());

describe('a report of a survey fewer completed than the minimum base', () => {
  test.each([
    ['under the publication rule', {}, 'Fewer than 10 completed surveys were received', 'Sample: fewer than 10'],
    ['under the cell rule', { suppressBelow: 5 }, null, 'Sample: 7 complete responses'],
    ['with no disclosure control', { suppressBelow: null }, '7 completed surveys were received', 'Sample: 7'],
  ])('when it is built %s, then its count is withheld only where the rule says', async (_, options, said, sample) => {
    const slug = await addSurvey(t.store, cqlPqlSurvey({ slug: `small-${Math.random().toString(36).slice(2, 8)}` }));
    await storeResponses(
      t.store,
      slug,
      Array.from({ length: 7 }, () => pqlAnswers()),
    );
    const report = await createServices(t.store).reports.build(slug, options);
    const paragraph = report.response.paragraphs.join(' ');
    expect(report.methods[0]).toContain(sample);
    if (said === null) {
      // Seven is not under the cell rule's five: the count stands.
      expect(paragraph).toContain('7 completed surveys were received');
      return;
    }
    expect(paragraph).toContain(said);
    if (said.startsWith('Fewer')) {
      expect(paragraph).toContain('no figure here supports it yet');
      expect(paragraph).not.toMatch(/\b7\b/);
      expect(report.response.total?.responses).toBe('withheld');
      expect(report.methods.join(' ')).not.toMatch(/\b7 complete/);
      expect(renderReportHtml(report)).not.toMatch(/>7</);
    }
  });

  test.each([
    ['under the publication rule', {}, false],
    ['with no disclosure control', { suppressBelow: null }, true],
  ])(
    'when free-text answers of so few are built into a report %s, then they are quoted only where figures are shown',
    async (_, options, quoted) => {
      const spec = cqlPqlSurvey({ slug: `quotes-${Math.random().toString(36).slice(2, 8)}` });
      spec.report = {
        ...spec.report,
        examples: { question: 'resources_not_in_place', heading: 'Examples', intro: 'A sample.', quotes: 3 },
      };
      const slug = await addSurvey(t.store, spec);
      const texts = Array.from(
        { length: 7 },
        (_, i) => `Answer number ${i + 1} asks for admin support for our cluster work.`,
      );
      await storeResponses(
        t.store,
        slug,
        texts.map((text) => pqlAnswers({ resources_not_in_place: text })),
      );
      const report = await createServices(t.store).reports.build(slug, options);
      const html = renderReportHtml(report);
      expect(texts.some((text) => html.includes(text))).toBe(quoted);
      expect(report.examples!.quotes.length > 0).toBe(quoted);
      if (!quoted)
        expect(report.examples!.intro).toBe(
          'Not shown: fewer than 10 completed the survey, and a quote could say who wrote it.',
        );
    },
  );

  test('when every figure of so few is withheld, then a note says so once per question, and no table note speaks of small counts it shows', async () => {
    const slug = await addSurvey(t.store, cqlPqlSurvey({ slug: `notes-${Math.random().toString(36).slice(2, 8)}` }));
    await storeResponses(t.store, slug, [pqlAnswers(), cqlAnswers()]);
    const report = await createServices(t.store).reports.build(slug);
    for (const finding of report.findings) {
      const texts = finding.bullets.map((bullet) => bullet.text);
      expect(texts).toEqual([...new Set(texts)]);
    }
    expect(report.appendix.some((table) => table.base.includes('Cells marked “withheld”'))).toBe(true);
    expect(
      report.appendix.filter((table) => table.base.includes('A small count within a larger group is shown')),
    ).toEqual([]);
  });

  test('when only partial responses came in, then the report withholds their number as the statistics page does', async () => {
    const slug = await addSurvey(t.store, cqlPqlSurvey({ slug: `partial-${Math.random().toString(36).slice(2, 8)}` }));
    const responses = new ResponseService(t.store.responses, new SurveyService(t.store.surveys));
    for (const id of ['p-1', 'p-2', 'p-3'])
      await responses.submit(slug, { id, data: { lmc: 'fife', role: 'pql' }, complete: false });
    const report = await createServices(t.store).reports.build(slug);
    expect(report.response.paragraphs.join(' ')).toContain('Fewer than 10 completed surveys were received');
    expect(report.response.total?.responses).toBe('withheld');
    expect(renderReportHtml(report)).not.toMatch(/\b3 partial|>3</);
  });
});
