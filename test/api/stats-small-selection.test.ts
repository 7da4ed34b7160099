import { cqlPqlSurvey, pqlAnswers, signedInAgent } from '../support/factories';
import { responsesSection, statsTestApp } from '../support/stats-factories';
import type { TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();

/**
 * 26 complete answers: 10 CQLs in Lothian, 14 PQLs in Glasgow and 2 PQLs in Fife (under the minimum base of 10 and
 * the cell rule's 5), one partial response from Fife (5 practices), and three partial responses from Ayrshire & Arran,
 * none complete.
 */
const surveyWithSmallArea = () =>
  statsTestApp(survey, [
    ...Array.from({ length: 2 }, () => ({ data: pqlAnswers({ lmc: 'fife' }) })),
    { data: { lmc: 'fife', role: 'pql' }, complete: false },
    ...Array.from({ length: 3 }, () => ({ data: { lmc: 'ayrshire-arran', role: 'pql' }, complete: false })),
  ]);

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
    ['as published', 'publish=true', null],
    ['as published and weighted', 'publish=true&weight=lmc', { by: 'lmc', suppressed: true }],
    ['with the cell rule', 'suppressBelow=5', null],
  ])(
    'when the API is asked for Fife %s, then it gives no count or rate of the selection',
    async (_case, query, weighting) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`/api/surveys/${survey.slug}/stats?where=lmc%3Dfife&${query}`);
      expect(response.status).toBe(200);
      const { byLmc, ...counts } = response.body.responses;
      expect(counts).toEqual({ practices: 5, areaQuestion: 'lmc', suppressed: true });
      expect(byLmc.fife).toEqual({ name: 'Fife', practices: 5, suppressed: true });
      expect(response.body.weighting).toEqual(weighting);
    },
  );

  test.each([['publish=true'], ['suppressBelow=5']])(
    'when the API is asked with %s for an area with partial responses only, then their number is withheld too',
    async (query) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`/api/surveys/${survey.slug}/stats?where=lmc%3Dayrshire-arran&${query}`);
      expect(response.status).toBe(200);
      expect(response.body.responses).toMatchObject({ suppressed: true });
      expect(response.body.responses).not.toHaveProperty('partial');
      expect(response.body.responses).not.toHaveProperty('total');
    },
  );

  test.each([['rule=publish'], ['rule=cell'], ['rule=none&by=&weight=lmc']])(
    'when the page for Fife with %s links to its JSON, then the link asks for what the page shows',
    async (query) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`/staff/surveys/${survey.slug}/stats?where=lmc%3Dfife&${query}`).expect(200);
      const link = /<a href="([^"]+)">JSON<\/a>/
        .exec(page.text)![1]!
        .replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&');
      const api = (await agent.get(link).expect(200)).body;
      expect(api.filters.where).toEqual({ lmc: 'fife' });
      expect(Boolean(api.responses.suppressed)).toBe(!query.includes('none'));
      expect(api.weighting?.by ?? null).toBe(query.includes('weight') ? 'lmc' : null);
    },
  );

  test('when the cell rule is asked for with partial responses, then it is refused: the rule is of complete responses', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const api = await agent.get(
      `/api/surveys/${survey.slug}/stats?where=lmc%3Dfife&includePartial=true&suppressBelow=5`,
    );
    expect(api.status).toBe(400);
    expect(api.body.details).toContainEqual({
      field: 'includePartial',
      message: 'figures under a disclosure rule are of complete responses only',
    });
    const page = await agent.get(`/staff/surveys/${survey.slug}/stats?where=lmc%3Dfife&includePartial=on&rule=cell`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('With counts under 5 suppressed, figures are of complete responses only');
    expect(page.text).not.toContain('Response rate');
  });

  test('when the page is asked for a selection at the minimum base as published, then its counts and rate are given', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`/staff/surveys/${survey.slug}/stats?where=lmc%3Dlothian&rule=publish`);
    expect(responsesSection(page.text)).toContain('<p>10 complete responses analysed.</p>');
  });
});
