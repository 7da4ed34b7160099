import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/test-app';
import { countResponses, cqlAnswers, nextId, pqlAnswers, submission, cqlPqlSurvey } from '../support/factories';
import { storeTargets } from '../support/stores';
import { dumpStore } from '../support/store-dump';

const survey = cqlPqlSurvey();

describe.each(storeTargets)('on $name', (target) => {
  const url = `/api/surveys/${survey.slug}/responses`;
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey], store: target.fresh() });
  });
  afterAll(() => t.close());

  describe('POST /api/surveys/:slug/responses', () => {
    test('when a new complete response comes, then it is stored and 201 is returned', async () => {
      const body = submission(pqlAnswers());
      const response = await request(t.app).post(url).send(body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: body.id, outcome: 'created', complete: true });
      const stored = await t.store.responses.get(survey.slug, body.id);
      expect(stored).toMatchObject({ id: body.id, complete: true, data: body.data });
      expect(new Date(stored!.submittedAt).getTime()).not.toBeNaN();
    });

    test('when the same id comes again with the same data, then 200 and no duplicate', async () => {
      const body = submission(cqlAnswers());
      expect((await request(t.app).post(url).send(body)).status).toBe(201);
      const before = await countResponses(t.store, survey.slug);
      const again = await request(t.app)
        .post(url)
        .send({ ...body, data: { ...body.data } });
      expect(again.status).toBe(200);
      expect(again.body.outcome).toBe('unchanged');
      expect(await countResponses(t.store, survey.slug)).toBe(before);
    });

    test('when a partial response is updated and then completed, then it ends as one complete response', async () => {
      const id = nextId();
      const first = await request(t.app)
        .post(url)
        .send({ id, data: { lmc: 'fife' }, complete: false });
      expect(first.status).toBe(201);
      const second = await request(t.app)
        .post(url)
        .send({ id, data: { lmc: 'fife', role: 'pql' }, complete: false });
      expect(second.status).toBe(200);
      expect(second.body.outcome).toBe('updated');
      const done = await request(t.app)
        .post(url)
        .send({ id, data: pqlAnswers({ lmc: 'fife' }), complete: true });
      expect(done.status).toBe(200);
      expect(await t.store.responses.get(survey.slug, id)).toMatchObject({
        complete: true,
        data: pqlAnswers({ lmc: 'fife' }),
      });
    });

    test('when a completed id comes back with different data, then 409 and the stored answers are kept', async () => {
      const body = submission(pqlAnswers());
      await request(t.app).post(url).send(body);
      const changed = await request(t.app)
        .post(url)
        .send({ ...body, data: pqlAnswers({ hours_per_week: 7 }) });
      expect(changed.status).toBe(409);
      expect(changed.body.details).toEqual([{ field: 'id', message: expect.any(String) }]);
      expect((await t.store.responses.get(survey.slug, body.id))!.data).toEqual(body.data);
    });

    test('when a partial response leaves out required questions, then it is accepted', async () => {
      const response = await request(t.app)
        .post(url)
        .send(submission({ lmc: 'lothian' }, { complete: false }));
      expect(response.status).toBe(201);
    });

    const bad: Array<[string, unknown, string]> = [
      ['role is missing', submission(pqlAnswers({ role: undefined })), 'role'],
      ['hours are -5', submission(pqlAnswers({ hours_per_week: -5 })), 'hours_per_week'],
      ['hours are 81', submission(pqlAnswers({ hours_per_week: 81 })), 'hours_per_week'],
      ['hours are text', submission(pqlAnswers({ hours_per_week: 'two' })), 'hours_per_week'],
      ['a question is unknown', submission(pqlAnswers({ favourite_colour: 'blue' })), 'favourite_colour'],
      ['role is a query operator', submission(pqlAnswers({ role: { $ne: null } })), 'role.$ne'],
      ['a choice is not offered', submission(pqlAnswers({ plt_barrier: 'maybe' })), 'plt_barrier'],
      ['the LMC is unknown', submission(pqlAnswers({ lmc: 'atlantis' })), 'lmc'],
      [
        'a PQL answers a CQL-only question',
        submission(pqlAnswers({ cql_payment_uplift: 'yes' })),
        'cql_payment_uplift',
      ],
      [
        'a CQL unaware of the network says they are a member',
        submission(cqlAnswers({ cql_network_aware: 'no' })),
        'cql_network_member',
      ],
      ['a key contains a dot', submission(pqlAnswers({ 'a.b': 1 })), 'a.b'],
      ['a key starts with $', submission(pqlAnswers({ $where: '1' })), '$where'],
      [
        'a nested key is constructor',
        submission(pqlAnswers({ role: { constructor: { prototype: 1 } } })),
        'role.constructor',
      ],
      ['the id has a space', { id: 'not ok', data: pqlAnswers(), complete: true }, 'id'],
      ['the id is 65 characters', { id: 'x'.repeat(65), data: pqlAnswers(), complete: true }, 'id'],
      ['complete is missing', { id: nextId(), data: pqlAnswers() }, 'complete'],
      ['complete is a string', { id: nextId(), data: pqlAnswers(), complete: 'true' }, 'complete'],
      ['data is an array', { id: nextId(), data: [1], complete: true }, 'data'],
      ['there is an extra envelope field', { ...submission(), ip: '1.2.3.4' }, 'body'],
      [
        'a comment is longer than allowed',
        submission(pqlAnswers({ qi_work_examples: 'x'.repeat(5001) })),
        'qi_work_examples',
      ],
    ];

    test.each(bad)('when %s, then 400 names the field and nothing is stored', async (_case, body, field) => {
      const before = await countResponses(t.store, survey.slug);
      const response = await request(t.app)
        .post(url)
        .send(body as object);
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual(expect.any(String));
      expect(response.body.details).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(await countResponses(t.store, survey.slug)).toBe(before);
    });

    test('when the body has a __proto__ key, then 400 and nothing is stored', async () => {
      const before = await countResponses(t.store, survey.slug);
      const raw = `{"id":"${nextId()}","complete":true,"data":{"lmc":"fife","role":"pql","hours_per_week":1,"__proto__":{"polluted":true}}}`;
      const response = await request(t.app).post(url).set('Content-Type', 'application/json').send(raw);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: '__proto__', message: expect.any(String) }]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await countResponses(t.store, survey.slug)).toBe(before);
    });

    test('when the body is over 256 kB, then 413 and nothing is stored', async () => {
      const before = await countResponses(t.store, survey.slug);
      const body = submission(pqlAnswers({ qi_work_examples: 'x'.repeat(300 * 1024) }));
      const response = await request(t.app).post(url).send(body);
      expect(response.status).toBe(413);
      expect(response.body.error).toMatch(/256 kB/);
      expect(await countResponses(t.store, survey.slug)).toBe(before);
    });

    test('when the body is not JSON, then 415 or 400 with a clear message', async () => {
      const form = await request(t.app).post(url).type('form').send({ id: 'x' });
      expect(form.status).toBe(415);
      const broken = await request(t.app).post(url).set('Content-Type', 'application/json').send('{"id": ');
      expect(broken.status).toBe(400);
      expect(broken.body.error).toMatch(/not valid JSON/);
    });

    test('when the survey does not exist, then 404', async () => {
      const response = await request(t.app).post('/api/surveys/no-such-survey/responses').send(submission());
      expect(response.status).toBe(404);
    });

    test('when a response is stored, then neither IP address nor user agent is kept in it', async () => {
      const body = submission(pqlAnswers());
      await request(t.app)
        .post(url)
        .set('User-Agent', 'UniqueAgent/9.9')
        .set('X-Forwarded-For', '203.0.113.77')
        .send(body);
      const { responses } = await dumpStore(t.location);
      const row = responses!.find((candidate) => (candidate as { id: string }).id === body.id) as Record<
        string,
        unknown
      >;
      expect(
        Object.keys(row)
          .filter((key) => !['seq', '_id'].includes(key))
          .sort(),
      ).toEqual(
        target.name === 'SQLite'
          ? ['complete', 'data', 'id', 'submitted_at', 'survey_slug']
          : ['complete', 'data', 'dataKey', 'id', 'submittedAt', 'surveySlug'],
      );
      expect(JSON.stringify(row)).not.toMatch(/UniqueAgent|203\.0\.113\.77|127\.0\.0\.1|::1/);
    });

    test('when the whole store is read back, then no table or collection holds the IP address or user agent of a respondent', async () => {
      await request(t.app)
        .post(url)
        .set('User-Agent', 'AnotherAgent/1.2')
        .set('X-Forwarded-For', '198.51.100.23')
        .send(submission(cqlAnswers()));
      const dump = await dumpStore(t.location);
      expect(Object.keys(dump)).toEqual(
        expect.arrayContaining(['responses', 'sessions', 'users', 'surveys', 'settings']),
      );
      expect(JSON.stringify(dump)).not.toMatch(
        /AnotherAgent|UniqueAgent|198\.51\.100\.23|203\.0\.113\.77|127\.0\.0\.1|::ffff/,
      );
    });
  });
});
