import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { PurgeService } from '../../server/responses/purge';
import type { PartialLimits } from '../../server/store/repository';
import { SurveyService } from '../../server/surveys/survey-service';
import { nextId, pqlAnswers, submission } from '../support/factories';
import { storeTargets } from '../support/stores';
import { tempDir } from '../support/temp-files';
import { buildTestApp, SURVEYS_DIR, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/** The CQL/PQL survey under a new slug whose distribution file sets these limits on unfinished responses. */
async function surveyWithLimits(t: TestApp, partials: Partial<PartialLimits>): Promise<string> {
  const slug = nextId('limited').toLowerCase();
  const dir = tempDir();
  const file = path.join(dir, `${slug}.json`);
  fs.copyFileSync(path.join(SURVEYS_DIR, 'gp-quality-clusters-2024.json'), file);
  const distribution = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, 'gp-quality-clusters-2024.distribution.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, `${slug}.distribution.json`), JSON.stringify({ ...distribution, partials }));
  await new SurveyService(t.store).addFromFile({ file, slug });
  return slug;
}

const partial = (data = { lmc: 'fife' }) => submission(data, { complete: false });

describe.each(storeTargets)('on $name', (target) => {
  let t: TestApp;
  let clock = new Date();
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), now: () => clock });
  });
  afterAll(() => t.close());
  const post = (slug: string, body: object) => request(t.app).post(`/api/surveys/${slug}/responses`).send(body);

  test('when more new unfinished responses come in a minute than the survey allows, then the extra ones get 429 and finished ones still count', async () => {
    const slug = await surveyWithLimits(t, { perMinute: 3 });
    const admitted = [partial(), partial(), partial()];
    for (const body of admitted) expect((await post(slug, body)).status).toBe(201);
    const extra = partial();
    const refused = await post(slug, extra);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.store.responses.get(slug, extra.id)).toBeNull();
    // Respondents already admitted go on saving, and anyone may finish.
    expect((await post(slug, { ...admitted[0]!, data: { lmc: 'fife', role: 'pql' } })).status).toBe(200);
    expect((await post(slug, submission(pqlAnswers()))).status).toBe(201);
    clock = new Date(clock.getTime() + 61_000);
    expect((await post(slug, partial())).status).toBe(201);
  });

  test('when the survey holds as many unfinished responses as it keeps, then a new one gets 429 and nothing is stored', async () => {
    const slug = await surveyWithLimits(t, { total: 2 });
    expect((await post(slug, partial())).status).toBe(201);
    expect((await post(slug, partial())).status).toBe(201);
    const third = partial();
    const refused = await post(slug, third);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/unfinished responses/);
    expect(await t.store.responses.get(slug, third.id)).toBeNull();
    expect((await post(slug, submission(pqlAnswers()))).status).toBe(201);
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
    const purge = new PurgeService(t.store, new SurveyService(t.store));
    expect(await purge.removeStalePartials(new Date(start.getTime() + 7 * DAY + 1000))).toBe(1);
    expect(await t.store.responses.get(slug, stale.id)).toBeNull();
    expect(await t.store.responses.get(slug, finishedLongAgo.id)).not.toBeNull();
    expect(await t.store.responses.get(slug, recent.id)).not.toBeNull();
  });

  test('when a distribution file sets a limit that is not a whole number, then the survey is refused naming the field', async () => {
    await expect(surveyWithLimits(t, { keepDays: 0.5 })).rejects.toMatchObject({
      details: expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining('partials.keepDays') })]),
    });
  });
});
