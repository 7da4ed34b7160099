import request from 'supertest';
import fixture from '../fixtures/resources-answers.json';
import { ServiceUnavailableError } from '../../server/errors';
import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { pqlAnswers } from '../support/factories';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';
import { createServices } from '../../server/services';

const QUESTION = 'resources_not_in_place';

describe('the coding pipeline off the request thread', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const surveys = new SurveyService(t.store.surveys);
    const responses = new ResponseService(t.store.responses, surveys);
    // Thirty copies of the development set, each answer made distinct: a run that takes seconds.
    for (let copy = 0; copy < 30; copy += 1) {
      for (const answer of fixture.answers) {
        const text = `${answer.text} (note ${copy})`;
        await responses.submit(CQL_PQL, {
          id: `${answer.id}-${copy}`,
          data: pqlAnswers({ [QUESTION]: text }) as Submission['data'],
          complete: true,
        });
      }
    }
  });
  afterAll(() => t.close());

  test('when codes are proposed for thousands of answers, then the server answers other requests meanwhile', async () => {
    const coding = createServices(t.store).coding;
    let pipelineDone = false;
    const run = coding.code(CQL_PQL, QUESTION, { by: 'test', replace: true }).then((state) => {
      pipelineDone = true;
      return state;
    });
    let answeredWhileRunning = 0;
    for (let i = 0; i < 100; i += 1) {
      expect((await request(t.app).get('/healthz')).status).toBe(200);
      if (!pipelineDone) answeredWhileRunning += 1;
    }
    const state = await run;
    expect(state.codes.length).toBeGreaterThan(0);
    expect(answeredWhileRunning).toBe(100);
  });

  test('when the run passes its time limit, then it is stopped with an error naming the limit and nothing is stored', async () => {
    const before = await t.store.codings.get(CQL_PQL, QUESTION);
    const hurried = createServices(t.store, { analysisSeconds: 1 / 1000 }).coding;
    const error = await hurried
      .code(CQL_PQL, QUESTION, { by: 'test', replace: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(/took longer than the limit/);
    expect((await t.store.codings.get(CQL_PQL, QUESTION))?.version).toBe(before?.version);
  });
});
