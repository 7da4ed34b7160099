import fc from 'fast-check';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/test-app';
import { countResponses, cqlPqlSurvey, pqlAnswers, submission } from '../support/factories';

const survey = cqlPqlSurvey();

jest.setTimeout(120_000);

const url = `/api/surveys/${survey.slug}/responses`;
const validId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '$ne', 'a.b', '$gt', 'toString'),
  fc.string().map((key) => `x_${key}`),
);

/** Bodies that are never a valid submission: each one breaks the envelope, a key or an answer (JSON values only, so nothing is dropped on the way). */
const malformedJson = fc
  .oneof(
    fc
      .anything()
      .filter((value) => !(value !== null && typeof value === 'object' && !Array.isArray(value) && 'id' in value)),
    fc.record({
      id: fc.jsonValue().filter((id) => typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)),
      data: fc.constant(pqlAnswers()),
      complete: fc.boolean(),
    }),
    fc.record({ id: validId, data: fc.dictionary(hostileKey, fc.jsonValue(), { minKeys: 1 }), complete: fc.boolean() }),
    fc.record({
      id: validId,
      data: fc.record({ role: fc.jsonValue().filter((role) => role !== 'cql' && role !== 'pql') }),
      complete: fc.boolean(),
    }),
    fc.record({
      id: validId,
      data: fc.constant(pqlAnswers()),
      complete: fc.jsonValue().filter((c) => typeof c !== 'boolean'),
    }),
    fc.record({ id: validId, data: fc.constant(pqlAnswers()), complete: fc.boolean(), extra: fc.jsonValue() }),
    fc.record({
      id: validId,
      data: fc.record({
        hours_per_week: fc.oneof(
          fc.double({ min: 80.0001, noNaN: true }),
          fc.double({ max: -0.0001, noNaN: true }),
          fc.string(),
        ),
      }),
      complete: fc.constant(true),
    }),
  )
  .map((value) => JSON.stringify(value) ?? 'undefined');

/** Raw bodies no JSON encoder would write. */
const malformedRaw = fc.oneof(
  fc.integer({ min: 50, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 50, max: 3000 })
    .map((depth) => `{"id":"a","complete":true,"data":{"role":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`),
  fc.constantFrom(
    '{"id":"a","complete":true,"data":{"__proto__":{"polluted":1},"role":"pql"}}',
    '{"id":"a","complete":true,"data":{"constructor":{"prototype":{"polluted":1}}}}',
    '{"id":"a","complete":true,"data":{"role":{"$ne":null}}}',
    '{"id":"a","complete":true,"data":{"lmc":"glasgow","role":"pql","hours_per_week":1e999}}',
    '{"id": "a", "data": ',
    '',
    'null',
  ),
  fc.string({ minLength: 1, maxLength: 300 }),
);

const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 200 })
  .map((bytes) =>
    Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28, 0xff, ...bytes]), Buffer.from('"}')]),
  );

const stackTrace = /\n\s+at |\.ts:\d+|node_modules/;

describe('hostile input to every public endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey], config: { loginAttemptsPerWindow: 100_000 } });
  });
  afterAll(() => t.close());

  test('when 5,000 and more malformed requests arrive, then every answer is 4xx without a stack trace, nothing is stored and the server stays up', async () => {
    const answers: number[] = [];
    const check = (response: request.Response) => {
      answers.push(response.status);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.text).not.toMatch(stackTrace);
    };
    await fc.assert(
      fc.asyncProperty(malformedJson, async (body) =>
        check(await request(t.app).post(url).set('Content-Type', 'application/json').send(body)),
      ),
      { numRuns: 3000, seed: 20240501 },
    );
    await fc.assert(
      fc.asyncProperty(malformedRaw, async (body) =>
        check(await request(t.app).post(url).set('Content-Type', 'application/json').send(body)),
      ),
      { numRuns: 1000, seed: 20240502 },
    );
    await fc.assert(
      fc.asyncProperty(invalidUtf8, async (body) =>
        check(await request(t.app).post(url).set('Content-Type', 'application/json').send(body)),
      ),
      { numRuns: 300, seed: 20240503 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/xml',
          'application/jsonx',
        ),
        fc.string(),
        async (type, body) => check(await request(t.app).post(url).set('Content-Type', type).send(body)),
      ),
      { numRuns: 300, seed: 20240504 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (slug) => {
        check(
          await request(t.app)
            .get(`/s/${encodeURIComponent(slug)}x`)
            .set('Accept', 'text/html'),
        );
        check(
          await request(t.app)
            .post(`/api/surveys/${encodeURIComponent(slug)}x/responses`)
            .send({ id: 'a', data: {}, complete: false }),
        );
      }),
      { numRuns: 300, seed: 20240505 },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.string()), async (form) =>
        check(await request(t.app).post('/login').type('form').send(form)),
      ),
      { numRuns: 300, seed: 20240506 },
    );
    const huge = await request(t.app)
      .post(url)
      .set('X-Huge', 'h'.repeat(20_000))
      .send({ id: 'a', data: {}, complete: false });
    check(huge);
    const hugeString = await request(t.app)
      .post(url)
      .send({ id: 'a', data: { qi_work_examples: 'x'.repeat(400_000) }, complete: false });
    check(hugeString);

    expect(answers.length).toBeGreaterThanOrEqual(5000);
    expect(await countResponses(t.store, survey.slug)).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    // The control: the endpoint takes a valid submission, so the 4xx above came from the input, not from a
    // route that refuses everything.
    expect((await request(t.app).post(url).send(submission(pqlAnswers()))).status).toBe(201);
    expect(await countResponses(t.store, survey.slug)).toBe(1);
  });
});
