import {
  addSurvey,
  cqlPqlSurvey,
  csrfTokenIn,
  sampleAnswers,
  signedInAgent,
  storeResponses,
} from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

let t: TestApp;
let slug: string;
let page: string;
let surveys = 0;

beforeAll(async () => {
  t = await buildTestApp({ surveys: [] });
});
// Each test edits the narrative of a report of its own (the factory survey's, with 30 answers).
beforeEach(async () => {
  slug = await addSurvey(t.store, cqlPqlSurvey({ slug: `narrative-${(surveys += 1)}` }));
  await storeResponses(t.store, slug, sampleAnswers());
  page = `/staff/surveys/${slug}/report`;
});
afterAll(() => t.close());

const unescape = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The narrative form's fields as a browser submits them: textarea line breaks sent as CR LF (the HTML standard). */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = { _csrf: csrfTokenIn(html) };
  for (const [, name, text] of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields[unescape(name!)] = unescape(text!).replace(/^\n/, '').replace(/\r?\n/g, '\r\n');
  }
  return fields;
}

describe("saving the report's narrative", () => {
  test('when a researcher saves the narrative without changing it, then no edit is recorded', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const before = (await agent.get(page)).text;
    const fields = formFields(before);
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['background', 'discussion', 'conclusion', 'recommendations', 'interpretation:1']),
    );
    const saved = await agent.post(`${page}/narrative`).type('form').send(fields);
    expect(saved.status).toBe(303);
    expect(await t.store.reportEdits.history(slug, 10)).toEqual([]);
    const after = (await agent.get(saved.headers.location!)).text;
    expect(after).toContain('No changes yet');
    expect(after).toContain('Nothing had changed, so nothing was saved.');
  });

  test('when a researcher changes one section, then that one edit is recorded', async () => {
    const { agent, email } = await signedInAgent(t.app, t.store, 'researcher');
    const fields = formFields((await agent.get(page)).text);
    expect(
      (
        await agent
          .post(`${page}/narrative`)
          .type('form')
          .send({ ...fields, conclusion: `${fields.conclusion}\r\nOne more line.` })
      ).status,
    ).toBe(303);
    expect(await t.store.reportEdits.history(slug, 10)).toEqual([
      expect.objectContaining({
        section: 'conclusion',
        editedBy: email,
        text: expect.stringMatching(/\nOne more line\.$/),
      }),
    ]);
  });
});
