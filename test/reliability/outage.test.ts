import fs from 'node:fs';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/test-app';
import { pqlAnswers, submission, cqlPqlSurvey } from '../support/factories';

const survey = cqlPqlSurvey();

const url = `/api/surveys/${survey.slug}/responses`;
const files = (db: string) => [db, `${db}-wal`, `${db}-shm`].filter((file) => fs.existsSync(file));

describe('the store becomes unavailable under a running server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey] });
  });
  afterAll(() => t.close());

  test('when the database file is moved away, then submissions get 503 with Retry-After and nothing is stored; when it is back, service resumes', async () => {
    expect((await request(t.app).post(url).send(submission(pqlAnswers()))).status).toBe(201);
    const moved = files(t.file);
    for (const file of moved) fs.renameSync(file, `${file}.away`);

    const during = submission(pqlAnswers());
    const refused = await request(t.app).post(url).send(during);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.error).toMatch(/try again/);
    const health = await request(t.app).get('/healthz');
    expect(health.status).toBe(503);
    expect((await request(t.app).get(`/s/${survey.slug}`)).status).toBe(503);

    for (const file of moved) fs.renameSync(`${file}.away`, file);
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    expect(await t.store.responses.get(survey.slug, during.id)).toBeNull();
    const after = await request(t.app).post(url).send(during);
    expect(after.status).toBe(201);
  });

  test('when the file is replaced by a restored copy, then the server reopens it without a restart', async () => {
    const kept = submission(pqlAnswers());
    expect((await request(t.app).post(url).send(kept)).status).toBe(201);
    const backup = `${t.file}.backup`;
    // Make a consistent copy, as a restore from backup would bring back.
    const { default: Database } = await import('better-sqlite3');
    const source = new Database(t.file);
    await source.backup(backup);
    source.close();
    for (const file of files(t.file)) fs.rmSync(file);
    fs.renameSync(backup, t.file);

    expect((await request(t.app).get('/healthz')).status).toBe(200);
    expect(await t.store.responses.get(survey.slug, kept.id)).toMatchObject({ complete: true });
    expect((await request(t.app).post(url).send(submission(pqlAnswers()))).status).toBe(201);
  });
});
