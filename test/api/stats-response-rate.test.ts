import { cqlPqlSurvey, signedInAgent } from '../support/factories';
import { responsesSection, statsTestApp } from '../support/stats-factories';
import type { TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();

/**
 * 24 complete answers, 10 CQLs in Lothian (10 practices) and 14 PQLs in Glasgow (20 practices), and 2 partial
 * responses from Lothian: 50 practices in all.
 */
const surveyWithPartials = () =>
  statsTestApp(
    survey,
    Array.from({ length: 2 }, () => ({ data: { lmc: 'lothian', role: 'cql' }, complete: false })),
  );

/** The paragraphs of the page's "Responses" section before its table, as text. */
const headline = (html: string) => [...responsesSection(html).matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]);

describe('what the statistics say they counted', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  beforeEach(async () => {
    t = await surveyWithPartials();
  });
  afterEach(() => t.close());

  test.each([
    [
      'the defaults',
      '',
      [
        '24 complete responses analysed; 2 partial responses not included.',
        'Response rate: 48.0% (24 complete responses from 50 practices).',
      ],
    ],
    [
      'partial responses included, for Lothian',
      'includePartial=true&where=lmc%3Dlothian',
      [
        '12 responses analysed, including 2 partial responses.',
        'Response rate: 100.0% (10 complete responses from 10 practices).',
      ],
    ],
    [
      'partial responses included, for Glasgow, which has none',
      'includePartial=true&where=lmc%3Dglasgow',
      [
        '14 responses analysed, all of them complete.',
        'Response rate: 70.0% (14 complete responses from 20 practices).',
      ],
    ],
  ])(
    'when the page is asked with %s, then its heading says exactly which responses it counted',
    async (_case, query, lines) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`/staff/surveys/${survey.slug}/stats?${query}`);
      expect(page.status).toBe(200);
      expect(headline(page.text)).toEqual(lines);
    },
  );

  test('when the API is asked with partial responses included, then its response rates are of complete responses, as the distribution page gives them', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const distribution = (await agent.get(`/api/surveys/${survey.slug}/distribution`)).body;
    const stats = (await agent.get(`/api/surveys/${survey.slug}/stats?includePartial=true`)).body;
    expect(stats.responses.rate).toBe(distribution.total.rate);
    const byArea = Object.fromEntries(
      (distribution.areas as Array<{ code: string; complete: number; rate: number }>).map((area) => [
        area.code,
        { responses: area.complete, rate: area.rate },
      ]),
    );
    for (const [code, area] of Object.entries(stats.responses.byLmc as Record<string, object>))
      expect(area).toMatchObject(byArea[code]!);
    expect(stats.responses.byLmc.lothian).toMatchObject({ responses: 10, rate: 100 });
  });
});
