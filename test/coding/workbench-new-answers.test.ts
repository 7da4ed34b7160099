import { ResponseService } from '../../server/responses/response-service';
import type { Submission } from '../../server/responses/response-schema';
import { createServices } from '../../server/services';
import { SurveyService } from '../../server/surveys/survey-service';
import { codedSurvey, developmentAnswers, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { pqlAnswers, signedInAgent } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/*
 * A survey stays open while researchers code it: answers that arrive after the machine ran are not on the coding
 * screens until it runs again, and the workbench says so, to whoever can do something about it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ surveys: [] });
});
afterAll(async () => t.close());

const answer = (slug: string, id: string, text: string, complete = true) =>
  new ResponseService(t.store.responses, new SurveyService(t.store.surveys)).submit(slug, {
    id,
    data: pqlAnswers({ [QUESTION]: text }) as Submission['data'],
    complete,
  });

describe('answers that came in after the machine ran', () => {
  test.each([
    ['none came in', [], null],
    [
      'one complete answer came in',
      [['late-1', 'We need protected time for QI.', true]],
      '1 new answer came in after this coding was made',
    ],
    [
      'two complete answers and one partial came in',
      [
        ['late-1', 'We need protected time for QI.', true],
        ['late-2', 'Backfill for the session costs too much.', true],
        ['late-3', 'Half written', false],
      ],
      '2 new answers came in after this coding was made',
    ],
  ] as Array<[string, Array<[string, string, boolean]>, string | null]>)(
    'when %s, then the workbench says how many, and nothing when none did',
    async (_, late, expected) => {
      const slug = await codedSurvey(t.store);
      for (const [id, text, complete] of late) await answer(slug, id, text, complete);
      const { agent } = await signedInAgent(t.app, t.store, 'researcher');
      const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`).expect(200)).text;
      if (expected === null) expect(page).not.toContain('id="new-answers"');
      else {
        expect(page).toContain(expected);
        expect(page).toContain('An admin can run the machine again to include');
      }
    },
  );

  test('when an admin sees new answers and runs the machine again, then they are coded and the notice goes', async () => {
    const slug = await codedSurvey(t.store);
    await answer(slug, 'late-1', 'We need protected time for QI work.');
    const coding = createServices(t.store).coding;
    const { agent } = await signedInAgent(t.app, t.store, 'admin');
    const base = `/staff/surveys/${slug}/coding/${QUESTION}`;
    expect((await agent.get(base)).text).toContain('<a href="#rerun">Run the machine again</a> to include it');

    await coding.code(slug, QUESTION, { by: 'admin@example.org', role: 'admin', replace: true });

    const after = await coding.stored(slug, QUESTION);
    expect(after.state.segments.some((segment) => segment.responseId === 'late-1')).toBe(true);
    expect(after.state.segments.map((segment) => segment.responseId)).toEqual(
      expect.arrayContaining(developmentAnswers.map((a) => a.id)),
    );
    expect((await agent.get(base)).text).not.toContain('id="new-answers"');
  });
});

describe('suggesting codes from decisions', () => {
  test('when researchers have decided fewer than two different codes, then the workbench explains instead of offering the button', async () => {
    const slug = await codedSurvey(t.store);
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`)).text;
    expect(page).not.toContain('Suggest codes from our decisions');
    expect(page).toContain('Once you have accepted or applied two different codes');
  });

  test('when researchers have accepted two different codes, then the workbench offers suggestions', async () => {
    const slug = await codedSurvey(t.store);
    const coding = createServices(t.store).coding;
    const stored = await coding.stored(slug, QUESTION);
    const suggestions = stored.state.applications.filter((application) => application.status === 'suggested');
    const first = suggestions[0]!;
    const second = suggestions.find((application) => application.codeId !== first.codeId)!;
    const v1 = await coding.review(
      slug,
      QUESTION,
      { op: 'accept-suggestion', segment: first.segmentId, code: first.codeId },
      stored.version,
      'researcher@example.org',
    );
    await coding.review(
      slug,
      QUESTION,
      { op: 'accept-suggestion', segment: second.segmentId, code: second.codeId },
      v1,
      'researcher@example.org',
    );
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`)).text;
    expect(page).toContain('Suggest codes from our decisions');
    expect(page).not.toContain('Once you have accepted or applied two different codes');
  });
});
