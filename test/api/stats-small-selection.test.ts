import { ResponseService } from '../../server/responses/response-service';
import type { Submission } from '../../server/responses/response-schema';
import { SurveyService } from '../../server/surveys/survey-service';
import { cqlAnswers, cqlPqlSurvey, nextId, pqlAnswers, signedInAgent } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();

/**
 * 26 complete answers: 10 CQLs in Lothian, 14 PQLs in Glasgow and 2 PQLs in Fife (under the minimum base of 10 and
 * the cell rule's 5), and one partial response from Fife; Fife has 5 practices.
 */
async function surveyWithSmallArea(): Promise<TestApp> {
  const t = await buildTestApp({ surveys: [survey] });
  const responses = new ResponseService(t.store.responses, new SurveyService(t.store.surveys));
  const add = (data: Record<string, unknown>, complete = true) =>
    responses.submit(survey.slug, { id: nextId(), data: data as Submission['data'], complete });
  for (let i = 0; i < 10; i += 1) await add(cqlAnswers());
  for (let i = 0; i < 14; i += 1) await add(pqlAnswers());
  for (let i = 0; i < 2; i += 1) await add(pqlAnswers({ lmc: 'fife' }));
  await add({ lmc: 'fife', role: 'pql' }, false);
  return t;
}

/** The page's "Responses" section up to its table: what it says of the selection's counts. */
const responsesSection = (html: string) =>
  html.slice(html.indexOf('<h2>Responses</h2>'), html.indexOf('<table', html.indexOf('<h2>Responses</h2>')));

describe('a selection smaller than the disclosure threshold', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  beforeEach(async () => {
    t = await surveyWithSmallArea();
  });
  afterEach(() => t.close());

  test.each([
    ['as published', 'rule=publish', 10],
    ['as published, from a link', 'publish=true', 10],
    ['as published, split by nothing', 'rule=publish&by=', 10],
    ['with the cell rule', 'rule=cell', 5],
  ])(
    'when the page is asked for Fife %s, then the heading says its figures are withheld, with no count or rate',
    async (_case, query, threshold) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`/staff/surveys/${survey.slug}/stats?where=lmc%3Dfife&${query}`);
      expect(page.status).toBe(200);
      const section = responsesSection(page.text);
      expect(section).toContain(
        `<p>Figures for this selection are withheld because fewer than ${threshold} people responded.</p>`,
      );
      expect(section).not.toMatch(/analysed|response rate|%/i);
      const words = section.replace(/<[^>]*>/g, ' ').replace(`fewer than ${threshold}`, '');
      expect(words).not.toMatch(/\d/);
    },
  );

  test.each([
    ['as published', 'publish=true'],
    ['as published and weighted', 'publish=true&weight=lmc'],
    ['with the cell rule', 'suppressBelow=5'],
  ])('when the API is asked for Fife %s, then it gives no count or rate of the selection', async (_case, query) => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const response = await agent.get(`/api/surveys/${survey.slug}/stats?where=lmc%3Dfife&${query}`);
    expect(response.status).toBe(200);
    const { byLmc, ...counts } = response.body.responses;
    expect(counts).toEqual({ practices: 5, areaQuestion: 'lmc', suppressed: true });
    expect(byLmc.fife).toEqual({ name: 'Fife', practices: 5, suppressed: true });
    if (response.body.weighting) expect(response.body.weighting).toEqual({ by: 'lmc', suppressed: true });
  });

  test('when the page is asked for a selection at the minimum base as published, then its counts and rate are given', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`/staff/surveys/${survey.slug}/stats?where=lmc%3Dlothian&rule=publish`);
    expect(responsesSection(page.text)).toContain('<p>10 complete responses analysed.</p>');
  });
});
