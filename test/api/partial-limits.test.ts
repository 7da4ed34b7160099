import request from 'supertest';
import { createServices } from '../../server/services';
import type { PartialLimits } from '../../server/kernel/survey-records';
import { addSurvey, cqlPqlSurvey, nextId, pqlAnswers, submission } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/** The CQL/PQL-like survey under a new slug whose distribution sets these limits on unfinished responses. */
async function surveyWithLimits(t: TestApp, partials: Partial<PartialLimits>): Promise<string> {
  const survey = cqlPqlSurvey({ slug: nextId('limited').toLowerCase() });
  return addSurvey(t.store, { ...survey, distribution: { ...survey.distribution!, partials } });
}

const partial = (data = { lmc: 'fife' }) => submission(data, { complete: false });

describe.each(storeTargets)('on $name', (target) => {
  let t: TestApp;
  let clock = new Date();
  beforeAll(async () => {
    // Behind a trusted proxy, so each test can send from addresses of its own (X-Forwarded-For).
    t = await buildTestApp({
      store: target.fresh(),
      surveys: [],
      now: () => clock,
      config: { trustProxy: true, completePerMinute: 5 },
    });
  });
  afterAll(() => t.close());
  let addresses = 0;
  const anyAddress = () => `192.0.2.${(addresses += 1)}`;
  const post = (slug: string, body: object, address = anyAddress()) =>
    request(t.app).post(`/api/surveys/${slug}/responses`).set('X-Forwarded-For', address).send(body);

  test('when one address makes more new unfinished responses in a minute than the survey allows, then only that address gets 429 and others still save', async () => {
    const slug = await surveyWithLimits(t, { perMinute: 3 });
    const flooder = '203.0.113.7';
    const admitted = [partial(), partial(), partial()];
    for (const body of admitted) expect((await post(slug, body, flooder)).status).toBe(201);
    const extra = partial();
    const refused = await post(slug, extra, flooder);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.store.responses.get(slug, extra.id)).toBeNull();
    // Everyone else goes on: new respondents elsewhere, and those already admitted, and anyone may finish.
    for (let i = 0; i < 3; i += 1) expect((await post(slug, partial())).status).toBe(201);
    expect((await post(slug, { ...admitted[0]!, data: { lmc: 'fife', role: 'pql' } }, flooder)).status).toBe(200);
    expect((await post(slug, submission(pqlAnswers()), flooder)).status).toBe(201);
    clock = new Date(clock.getTime() + 61_000);
    expect((await post(slug, partial(), flooder)).status).toBe(201);
  });

  test('when the survey holds as many unfinished responses as it keeps, then a new one takes the place of the one saved longest ago', async () => {
    const slug = await surveyWithLimits(t, { total: 2 });
    const [first, second, third] = [partial(), partial(), partial()];
    for (const body of [first, second]) {
      expect((await post(slug, body)).status).toBe(201);
      clock = new Date(clock.getTime() + 1000);
    }
    expect((await post(slug, third)).status).toBe(201);
    expect(await t.store.responses.get(slug, first!.id)).toBeNull();
    expect(await t.store.responses.get(slug, second!.id)).not.toBeNull();
    expect(await t.store.responses.get(slug, third!.id)).not.toBeNull();
    // The one that went can still finish: its answers were on the respondent's device.
    expect((await post(slug, { ...first!, data: pqlAnswers(), complete: true })).status).toBe(201);
  });

  test('when one address floods complete responses, then past its limit it gets 429 with Retry-After, nothing more is stored, and another address still submits', async () => {
    const slug = await surveyWithLimits(t, {});
    const flooder = '203.0.113.99';
    const sent = Array.from({ length: 7 }, () => submission(pqlAnswers()));
    const statuses: number[] = [];
    for (const body of sent) {
      const response = await post(slug, body, flooder);
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(await t.store.responses.get(slug, sent[5]!.id)).toBeNull();
    expect((await post(slug, submission(pqlAnswers()), '198.51.100.1')).status).toBe(201);
  });

  test('when a complete response is sent again (a retry after a lost connection), then it does not count against the address', async () => {
    const slug = await surveyWithLimits(t, {});
    const address = '203.0.113.120';
    const once = submission(pqlAnswers());
    for (let i = 0; i < 8; i += 1) expect((await post(slug, once, address)).status).toBe(i === 0 ? 201 : 200);
    expect((await post(slug, submission(pqlAnswers()), address)).status).toBe(201);
  });

  test('when an unfinished response is larger than the survey keeps, then 413 names data and nothing is stored', async () => {
    const slug = await surveyWithLimits(t, { maxAnswerKb: 1 });
    const big = partial({ lmc: 'fife', role: 'pql', resources_not_in_place: 'x'.repeat(2000) } as never);
    const refused = await post(slug, big);
    expect(refused.status).toBe(413);
    expect(refused.body.details).toEqual([{ field: 'data', message: expect.stringContaining('1 KB') }]);
    expect(await t.store.responses.get(slug, big.id)).toBeNull();
  });

  test('when unfinished responses pass the retention period, then they are removed and finished or recent ones stay', async () => {
    const slug = await surveyWithLimits(t, { keepDays: 7 });
    const start = clock;
    const stale = partial();
    const finishedLongAgo = submission(pqlAnswers());
    expect((await post(slug, stale)).status).toBe(201);
    expect((await post(slug, finishedLongAgo)).status).toBe(201);
    clock = new Date(start.getTime() + 6 * DAY);
    const recent = partial();
    expect((await post(slug, recent)).status).toBe(201);
    const purge = createServices(t.store).purge;
    expect(await purge.removeStalePartials(new Date(start.getTime() + 7 * DAY + 1000))).toBe(1);
    expect(await t.store.responses.get(slug, stale.id)).toBeNull();
    expect(await t.store.responses.get(slug, finishedLongAgo.id)).not.toBeNull();
    expect(await t.store.responses.get(slug, recent.id)).not.toBeNull();
  });

  test('when a distribution file sets a limit that is not a whole number, then the survey is refused naming the field', async () => {
    await expect(surveyWithLimits(t, { keepDays: 0.5 })).rejects.toMatchObject({
      details: expect.arrayContaining([
        expect.objectContaining({ field: expect.stringContaining('partials.keepDays') }),
      ]),
    });
  });
});
