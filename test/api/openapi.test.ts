import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import fixture from '../fixtures/resources-answers.json';
import { agreementAnswerSchema, codingAnswerSchema } from '../../server/coding/coding-api-schema';
import { distributionReportSchema } from '../../server/distribution/distribution-api-schema';
import { errorHandler } from '../../server/http/error-handler';
import { reply, RouteRegistry } from '../../server/http/typed-route';
import { Views } from '../../server/http/views';
import { openApiDocument } from '../../server/openapi';
import { PROJECT_ROOT } from '../../server/project-root';
import type { Submission } from '../../server/responses/response-schema';
import { comparisonSchema, publishedStatsSchema } from '../../server/stats/stats-api-schema';
import { createServices } from '../../server/services';
import { pqlAnswers, signedInAgent, submission } from '../support/factories';
import { buildTestApp, CQL_PQL, SURVEYS_DIR, type TestApp } from '../support/test-app';

const SECOND_WAVE = 'openapi-second-wave';

type Operation = { responses: Record<string, { content?: Record<string, { schema?: object }> }> };

/** The /api/ routes the app answers, method and path, read from Express's own router. */
function apiRoutesOf(app: TestApp['app']): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack
    .flatMap((layer) => [layer, ...(layer.handle?.stack ?? [])])
    .flatMap((layer) =>
      layer.route && layer.route.path.startsWith('/api/') && layer.route.path !== '/api/openapi.json'
        ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route?.path}`)
        : [],
    );
}

describe('the API description and the typed routes', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof signedInAgent>>['agent'];
  const question = 'resources_not_in_place';
  beforeAll(async () => {
    t = await buildTestApp();
    const { surveys, responses, coding } = createServices(t.store);
    await surveys.addFromFile({
      file: path.join(SURVEYS_DIR, `${CQL_PQL}.json`),
      slug: SECOND_WAVE,
      distributionFile: path.join(SURVEYS_DIR, `${CQL_PQL}.distribution.json`),
    });
    for (const answer of fixture.answers.slice(0, 30))
      for (const slug of [CQL_PQL, SECOND_WAVE])
        await responses.submit(
          slug,
          submission(pqlAnswers({ [question]: answer.text }), { id: `openapi-${answer.id}` }) as Submission,
        );
    await coding.code(CQL_PQL, question, { by: 'test' });
    ({ agent } = await signedInAgent(t.app, t.store, 'admin'));
  });
  afterAll(() => t.close());

  test('when the description is read, then every /api/ route the app answers is in it with the schema of its answer', async () => {
    const document = (await request(t.app).get('/api/openapi.json')).body;
    const routes = apiRoutesOf(t.app);
    expect(routes.length).toBeGreaterThanOrEqual(11);
    for (const route of routes) {
      const [method, expressPath] = route.split(' ') as [string, string];
      const operation: Operation | undefined = document.paths[expressPath.replace(/:(\w+)/g, '{$1}')]?.[method];
      expect({ route, described: operation !== undefined }).toEqual({ route, described: true });
      const success = Object.entries(operation?.responses ?? {}).filter(([status]) => status.startsWith('2'));
      expect({ route, answers: success.length > 0 }).toEqual({ route, answers: true });
      for (const [status, answer] of success) {
        const schemas = Object.values(answer.content ?? {}).map((media) => media.schema);
        expect({ route, status, schemas: schemas.length > 0 && schemas.every(Boolean) }).toEqual({
          route,
          status,
          schemas: true,
        });
      }
    }
    // Answers are described field by field, not as "an object".
    const stats = document.paths['/api/surveys/{slug}/stats'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(stats.properties)).toEqual(expect.arrayContaining(['survey', 'responses', 'questions']));
    expect(document.paths['/api/surveys/{slug}/responses'].post.responses).toHaveProperty('201');
  });

  // Each answer as the server gives it, read with the schema the compiler checked the route's handler against.
  test.each([
    ['/api/surveys/:slug/stats', `/api/surveys/${CQL_PQL}/stats`, publishedStatsSchema],
    ['/api/surveys/:slug/stats (published)', `/api/surveys/${CQL_PQL}/stats?publish=true`, publishedStatsSchema],
    ['/api/surveys/:slug/distribution', `/api/surveys/${CQL_PQL}/distribution`, distributionReportSchema],
    ['/api/compare', `/api/compare?a=${CQL_PQL}&b=${SECOND_WAVE}&by=role`, comparisonSchema],
    ['/api/compare (published)', `/api/compare?a=${CQL_PQL}&b=${SECOND_WAVE}&publish=true`, comparisonSchema],
    ['/api/surveys/:slug/coding/:question', `/api/surveys/${CQL_PQL}/coding/${question}`, codingAnswerSchema],
    [
      '/api/surveys/:slug/coding/:question/agreement',
      `/api/surveys/${CQL_PQL}/coding/${question}/agreement`,
      agreementAnswerSchema,
    ],
  ])('when %s answers, then its body is what its schema says', async (_route, url, schema) => {
    const answer = await agent.get(url);
    expect(answer.status).toBe(200);
    expect(schema.safeParse(answer.body).error?.issues).toBeUndefined();
  });

  const issueList = expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]);
  test.each([
    ['a query outside its range', 'get', `/api/surveys/${CQL_PQL}/stats?suppressBelow=1`, undefined, 'suppressBelow'],
    ['a format there is none of', 'get', `/api/surveys/${CQL_PQL}/report?format=odt`, undefined, 'format'],
    ['a query missing a field', 'get', `/api/compare?a=${CQL_PQL}`, undefined, 'b'],
    [
      'a list where one value goes',
      'get',
      `/api/surveys/${CQL_PQL}/coding/${question}/agreement?coders=a&coders=b`,
      undefined,
      'coders',
    ],
    [
      'a body of the wrong type',
      'post',
      `/api/surveys/${CQL_PQL}/responses`,
      { id: 'x-1', data: {}, complete: 'yes' },
      'complete',
    ],
    [
      'an unknown operation',
      'post',
      `/api/surveys/${CQL_PQL}/coding/${question}/operations`,
      { version: 1, operation: { op: 'nope' } },
      'operation.op',
    ],
    [
      'a version below 1',
      'post',
      `/api/surveys/${CQL_PQL}/coding/${question}/operations`,
      { version: 0, operation: { op: 'undo' } },
      'version',
    ],
  ])(
    'when a route is sent %s, then 400 with every issue as { field, message }',
    async (_case, method, url, body, field) => {
      const answer =
        method === 'get'
          ? await agent.get(url)
          : await agent
              .post(url)
              .set('X-CSRF-Token', await csrf())
              .send(body);
      expect(answer.status).toBe(400);
      expect(answer.body.details).toEqual(issueList);
      expect(answer.body.details.map((issue: { field: string }) => issue.field)).toContain(field);
    },
  );

  /** A CSRF token for the signed-in agent, as the staff pages give it. */
  async function csrf(): Promise<string> {
    const page = await agent.get('/staff');
    const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
    if (!match?.[1]) throw new Error('no CSRF token in the page');
    return match[1];
  }
});

describe('a typed route', () => {
  /** A route of its own on the real registry and error handler, with a number in its path. */
  function appWith() {
    const routes = new RouteRegistry();
    const calls: string[] = [];
    const router = express.Router();
    routes.add(
      router,
      {
        method: 'get',
        path: '/api/things/:number',
        summary: 'A thing by its number',
        access: 'public',
        params: z.object({ number: z.coerce.number().int().min(1) }),
        query: z.object({ size: z.enum(['small', 'large']).default('small') }),
        responses: { 200: { description: 'The thing', json: z.object({ number: z.number(), size: z.string() }) } },
      },
      async ({ params, query, req }) => {
        calls.push(req.url);
        return { number: params.number, size: query.size };
      },
    );
    const app = express();
    app.use(router);
    app.use(errorHandler(new Views(path.join(PROJECT_ROOT, 'templates')), () => undefined));
    return { app, routes, calls };
  }

  test.each([
    ['a path param that is not a number', '/api/things/seven', 'number'],
    ['a path param below its minimum', '/api/things/0', 'number'],
    ['a query value not on its list', '/api/things/7?size=huge', 'size'],
  ])('when it is sent %s, then 400 naming the field and the handler does not run', async (_case, url, field) => {
    const { app, calls } = appWith();
    const answer = await request(app).get(url);
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([{ field, message: expect.any(String) }]);
    expect(calls).toEqual([]);
  });

  test('when it is sent good input, then the handler gets it parsed and typed', async () => {
    const answer = await request(appWith().app).get('/api/things/7?size=large');
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { number: 7, size: 'large' } });
  });

  test('when the description is written, then the route is in it with its params, query and answer', () => {
    const operation = openApiDocument(appWith().routes).paths['/api/things/{number}']?.get;
    expect(operation?.parameters?.map((parameter) => [parameter.name, parameter.in])).toEqual([
      ['number', 'path'],
      ['size', 'query'],
    ]);
    expect(operation?.responses).toHaveProperty('200.content.application/json.schema.properties.number');
    expect(operation?.responses).toHaveProperty('400');
  });

  test('when a handler answers what its schema does not allow, then it does not compile', () => {
    const routes = new RouteRegistry();
    const spec = {
      method: 'get',
      path: '/api/typed',
      summary: 'Typed',
      access: 'public',
      responses: { 200: { description: 'A count', json: z.object({ count: z.number() }) } },
    } as const;
    // @ts-expect-error: a count must be a number
    routes.add(express.Router(), spec, async () => ({ count: 'seven' }));
    // @ts-expect-error: 201 is not one of its answers
    routes.add(express.Router(), spec, async () => reply(201, { count: 7 }));
    routes.add(express.Router(), spec, async () => ({ count: 7 }));
    expect(routes.routes).toHaveLength(3);
  });
});
