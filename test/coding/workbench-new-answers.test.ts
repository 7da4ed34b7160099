import { ResponseService } from '../../server/responses/response-service';
import type { Submission } from '../../server/responses/response-schema';
import { createServices } from '../../server/services';
import { SurveyService } from '../../server/surveys/survey-service';
import { codedSurvey, developmentAnswers, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { LEARNED_FROM } from '../../server/coding/coding-state';
import { csrfTokenIn, pqlAnswers, signedInAgent } from '../support/factories';
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
    'when %s, then the workbench and the coding screen say how many, and nothing when none did',
    async (_, late, expected) => {
      const slug = await codedSurvey(t.store);
      for (const [id, text, complete] of late) await answer(slug, id, text, complete);
      const { agent } = await signedInAgent(t.app, t.store, 'researcher');
      const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`).expect(200)).text;
      const screen = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}/screen`).expect(200)).text;
      if (expected === null) {
        expect(page).not.toContain('id="new-answers"');
        expect(screen).not.toContain('id="cs-new-answers"');
      } else {
        expect(page).toContain(expected);
        expect(page).toContain('An admin can run the machine again to include');
        expect(screen).toContain(`${expected}</strong> and`);
        expect(screen).toContain('not on this screen yet. An admin can run the machine again to include');
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
    expect((await agent.get(`${base}/screen`)).text).toContain(
      `<a href="${base}#rerun">Run the machine again</a> on the workbench to include it`,
    );

    await coding.code(slug, QUESTION, { by: 'admin@example.org', role: 'admin', replace: true });

    const after = await coding.stored(slug, QUESTION);
    expect(after.state.segments.some((segment) => segment.responseId === 'late-1')).toBe(true);
    expect(after.state.segments.map((segment) => segment.responseId)).toEqual(
      expect.arrayContaining(developmentAnswers.map((a) => a.id)),
    );
    expect((await agent.get(base)).text).not.toContain('id="new-answers"');
    expect((await agent.get(`${base}/screen`)).text).not.toContain('id="cs-new-answers"');
  });
});

describe('suggesting codes from decisions', () => {
  test('when researchers have decided fewer than two different codes, then the workbench explains instead of offering the button', async () => {
    const slug = await codedSurvey(t.store);
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`)).text;
    expect(page).not.toContain('Suggest codes from our decisions');
    expect(page).toContain(`Once you have accepted or applied each of two codes or more on ${LEARNED_FROM} answers`);
  });

  // Accepts the machine's suggestion of each code on `count` segments, as a researcher on the workbench would.
  async function acceptEach(slug: string, count: number) {
    const coding = createServices(t.store).coding;
    let { state, version } = await coding.stored(slug, QUESTION);
    const suggestions = state.applications.filter((application) => application.status === 'suggested');
    const codes = [...new Set(suggestions.map((application) => application.codeId))]
      .filter((code) => new Set(suggestions.filter((a) => a.codeId === code).map((a) => a.segmentId)).size >= count)
      .slice(0, 2);
    expect(codes).toHaveLength(2);
    for (const code of codes) {
      const segments = [...new Set(suggestions.filter((a) => a.codeId === code).map((a) => a.segmentId))];
      for (const segment of segments.slice(0, count))
        version = await coding.review(
          slug,
          QUESTION,
          { op: 'accept-suggestion', segment, code },
          version,
          'researcher@example.org',
        );
    }
    ({ state } = await coding.stored(slug, QUESTION));
    return state;
  }

  test.each([
    [LEARNED_FROM - 1, false],
    [LEARNED_FROM, true],
  ])(
    'when researchers have accepted each of two codes on %i answers, then the workbench offers suggestions: %s',
    async (count, offered) => {
      const slug = await codedSurvey(t.store);
      await acceptEach(slug, count);
      const { agent } = await signedInAgent(t.app, t.store, 'researcher');
      const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`)).text;
      expect(page.includes('Suggest codes from our decisions')).toBe(offered);
      expect(page.includes(`each of two codes or more on ${LEARNED_FROM} answers`)).toBe(!offered);
      const asked = await agent
        .post(`/api/surveys/${slug}/coding/${QUESTION}/suggest`)
        .set('x-csrf-token', csrfTokenIn(page));
      expect(asked.status).toBe(offered ? 200 : 400);
    },
  );

  test('when suggestions are learned, then only answers a code fits get one, not every answer the best code', async () => {
    const slug = await codedSurvey(t.store);
    const state = await acceptEach(slug, LEARNED_FROM);
    const coding = createServices(t.store).coding;
    const suggested = await coding.suggest(slug, QUESTION, 'researcher@example.org');
    const undecided = new Set(
      state.segments
        .map((segment) => segment.id)
        .filter((id) => !state.applications.some((a) => a.segmentId === id && a.status !== 'suggested')),
    );
    expect(suggested).toBeGreaterThan(0);
    expect(suggested).toBeLessThan(undecided.size);
  });
});
