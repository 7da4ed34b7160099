import request from 'supertest';
import { binaryBody } from '../support/downloads';
import {
  cqlPqlSurvey,
  csrfTokenIn,
  pqlAnswers,
  sampleAnswers,
  signedInAgent,
  storeResponses,
  submission,
} from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;

jest.setTimeout(180_000);

describe.each(storeTargets)('heavy report work behind limits on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      surveys: [survey],
      store: target.fresh(),
      config: {
        reportConcurrency: 1,
        reportQueue: 2,
        reportsPerUser: 2,
        themeConcurrency: 1,
        themeQueue: 0,
        themesPerUser: 1,
      },
    });
    await storeResponses(t.store, CQL_PQL, sampleAnswers());
  });
  afterAll(() => t.close());
  const page = `/staff/surveys/${CQL_PQL}/report`;

  test('when one viewer asks for ten Word reports at once, then those past their share get 503 with Retry-After at once, and the rest are whole Word files', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => agent.get(`${page}.docx`).buffer(true).parse(binaryBody)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) {
      if (answer.status === 503) expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      else expect((answer.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    }
  });

  test('when a report is asked for again with no change to the data, then the same rendering comes back; after a new response, a new one', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const get = async () => (await agent.get(`${page}.docx`).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    const first = await get();
    expect((await get()).equals(first)).toBe(true);
    expect(
      (
        await request(t.app)
          .post(`/api/surveys/${CQL_PQL}/responses`)
          .send(submission(pqlAnswers({ lmc: 'fife' })))
      ).status,
    ).toBe(201);
    expect((await get()).equals(first)).toBe(false);
  });

  test('when a researcher starts theme runs on two questions at once, then the second gets 503 with Retry-After rather than a second worker thread', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const index = await agent.get(`/staff/surveys/${CQL_PQL}/coding`);
    // Two runs of one question are one run (see test/browser/theme-run.test.ts); two questions are two.
    const runs = ['resources_not_in_place', 'qi_work_examples'].map(
      (question) => `/staff/surveys/${CQL_PQL}/coding/${question}/run`,
    );
    const answers = await Promise.all(
      runs.map((run) =>
        agent
          .post(run)
          .type('form')
          .send({ _csrf: csrfTokenIn(index.text) }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 503]);
    expect(Number(answers.find((answer) => answer.status === 503)!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
