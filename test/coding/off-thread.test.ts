import request from 'supertest';
import fixture from '../fixtures/resources-answers.json';
import { CodingService } from '../../server/coding/coding-service';
import { RunCancelledError } from '../../server/coding/off-thread';
import { ServiceUnavailableError } from '../../server/errors';
import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { cqlPqlSurvey, pqlAnswers } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';
import { createServices } from '../../server/services';

const survey = cqlPqlSurvey();

const QUESTION = 'resources_not_in_place';

describe('the coding pipeline off the request thread', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey] });
    const surveys = new SurveyService(t.store.surveys);
    const responses = new ResponseService(t.store.responses, surveys);
    // Thirty copies of the development set, each answer made distinct: a run that takes seconds.
    for (let copy = 0; copy < 30; copy += 1) {
      for (const answer of fixture.answers) {
        const text = `${answer.text} (note ${copy})`;
        await responses.submit(survey.slug, {
          id: `${answer.id}-${copy}`,
          data: pqlAnswers({ [QUESTION]: text }) as Submission['data'],
          complete: true,
        });
      }
    }
  });
  afterAll(() => t.close());

  test('when codes are proposed for thousands of answers, then the server answers a request while the worker is still running', async () => {
    const coding = createServices(t.store).coding;
    const stop = new AbortController();
    const events: string[] = [];
    let answered: Promise<number> | undefined;
    const run = coding.code(survey.slug, QUESTION, {
      by: 'test',
      replace: true,
      signal: stop.signal,
      // The first report from the worker says the pipeline is running: ask the server something then. Had the
      // pipeline run on the request thread, the request would be answered only after the run had finished.
      onProgress: (phase) => {
        if (phase === 'reading answers' || answered) return;
        events.push('worker running');
        answered = request(t.app)
          .get('/healthz')
          .then((response) => {
            events.push('request answered');
            stop.abort();
            return response.status;
          });
      },
    });
    const outcome = await run.then(
      () => 'run finished',
      (error: unknown) => (error instanceof RunCancelledError ? 'run cancelled' : String(error)),
    );
    events.push(outcome);
    expect(await answered).toBe(200);
    // Ordered by events, not by time: the answer came while the run was going, so cancelling it still stopped it.
    expect(events).toEqual(['worker running', 'request answered', 'run cancelled']);
  });

  test('when the run passes its time limit, then it is stopped with an error naming the limit and nothing is stored', async () => {
    const before = await t.store.codings.get(survey.slug, QUESTION);
    const { surveys, responses } = createServices(t.store);
    const hurried = new CodingService(t.store.codings, responses, surveys, undefined, 1);
    const error = await hurried
      .code(survey.slug, QUESTION, { by: 'test', replace: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(/took longer than the limit/);
    expect((await t.store.codings.get(survey.slug, QUESTION))?.version).toBe(before?.version);
  });
});
