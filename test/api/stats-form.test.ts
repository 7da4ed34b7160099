import { cqlPqlSurvey, pqlAnswers, signedInAgent } from '../support/factories';
import { statsTestApp } from '../support/stats-factories';
import type { TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();
const PAGE = `/staff/surveys/${survey.slug}/stats`;
const API = `/api/surveys/${survey.slug}/stats`;

/** 26 answers: 10 CQLs in Lothian, 14 PQLs in Glasgow and 2 PQLs in Fife (one group under the minimum base of 10). */
const surveyWithAnswers = () =>
  statsTestApp(
    survey,
    Array.from({ length: 2 }, () => ({ data: pqlAnswers({ lmc: 'fife' }) })),
  );

/** What the page says is wrong, beside the form's options. */
const formIssues = (html: string) => {
  const start = html.indexOf('<div class="form-issues"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</div>', start));
};

describe('the statistics form', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  beforeEach(async () => {
    t = await surveyWithAnswers();
  });
  afterEach(() => t.close());

  test('when the page is shown, then the disclosure rules are one choice, not two boxes that can both be ticked', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(PAGE);
    expect(page.text.match(/<input type="radio" name="rule" value="(\w+)"/g)).toHaveLength(3);
    expect(page.text).toMatch(/name="rule" value="none" checked/);
    expect(page.text).not.toMatch(/name="(publish|suppressBelow)"/);
    const cell = await agent.get(`${PAGE}?rule=cell`);
    expect(cell.text).toContain('with counts under 5 suppressed for publication');
    expect(cell.text).toMatch(/name="rule" value="cell" checked/);
  });

  test.each([
    [
      'as published with partial responses',
      'rule=publish&includePartial=true',
      'publish=true&includePartial=true',
      'includePartial',
      'As published, figures are of complete responses only: untick “Include partial responses”',
      /name="includePartial" value="true" checked/,
    ],
    [
      'as published with dates',
      'rule=publish&from=2024-01-01&to=2024-12-31',
      'publish=true&from=2024-01-01&to=2024-12-31',
      'from',
      'As published, figures cover the whole survey: clear the From and To dates',
      /name="from" value="2024-01-01"/,
    ],
    [
      'as published and with the cell rule, from an old link',
      'publish=true&suppressBelow=5',
      'publish=true&suppressBelow=5',
      'suppressBelow',
      'Choose one disclosure option',
      /name="rule" value="publish" checked/,
    ],
    [
      'as published for an area whose complement is small in a group (Glasgow by role: 2 PQLs outside it)',
      'rule=publish&where=lmc%3Dglasgow&by=role',
      'publish=true&where=lmc%3Dglasgow&by=role',
      'where',
      'As published, this area cannot be shown split this way',
      /value="lmc&#x3D;glasgow" selected/,
    ],
    [
      'as published split by LMC, whose one small group is the total minus the others',
      'rule=publish&by=lmc',
      'publish=true&by=lmc',
      'by',
      'As published, the figures cannot be split this way',
      /<option value="lmc" selected>/,
    ],
  ])(
    'when the form is sent %s, then the page shows the form as sent with what to change in plain words (400), and the API still refuses with the field',
    async (_case, pageQuery, apiQuery, field, advice, asSent) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`${PAGE}?${pageQuery}`);
      expect(page.status).toBe(400);
      expect(page.text).toContain('<form method="get"');
      expect(page.text).toMatch(asSent);
      const issues = formIssues(page.text);
      expect(issues).toContain(advice);
      expect(issues).not.toMatch(/includePartial|suppressBelow|publish=|where|lmc=/);
      expect(page.text).not.toContain('<h2>Responses</h2>');
      const api = await agent.get(`${API}?${apiQuery}`);
      expect(api.status).toBe(400);
      expect(api.body.details).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(api.body.questions).toBeUndefined();
    },
  );

  test.each([
    ['a split by no question of the survey (an old link)', 'by=practice_size', 'Split by:', 'practice_size'],
    ['a split by no question, as published', 'rule=publish&by=practice_size', 'Split by:', 'practice_size'],
    ['a weighting by another question than the area', 'weight=role', 'Weighted:', 'role'],
  ])(
    'when the page is asked for %s, then it shows the form with what to change (400), not an error page',
    async (_case, query, label, name) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`${PAGE}?${query}`);
      expect(page.status).toBe(400);
      expect(page.text).toContain('<form method="get"');
      const issues = formIssues(page.text);
      expect(issues).toContain(label);
      expect(issues).toContain(name);
      expect(issues).not.toContain('cannot be split this way');
      const api = await agent.get(`${API}?${query.replace('rule=publish', 'publish=true')}`);
      expect(api.status).toBe(400);
      expect(api.body.error).toBe('The statistics cannot be worked out with those options');
    },
  );

  test('when the form is sent with a date that is not one, then the page says which field, by its label', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`${PAGE}?from=soon`);
    expect(page.status).toBe(400);
    expect(formIssues(page.text)).toContain('From: must be a date (YYYY-MM-DD).');
    expect(page.text).toMatch(/name="from" value="soon"/);
  });
});
