import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/test-app';
import { pqlAnswers, submission, cqlPqlSurvey } from '../support/factories';
import { ferretdbBinary, ownFerretDb, type FerretDb } from '../support/ferretdb';
import { mongoUriFromEnv } from '../../server/config';
import { tempDir } from '../support/temp-files';

const survey = cqlPqlSurvey();

const url = `/api/surveys/${survey.slug}/responses`;

// Needs a MongoDB-wire server this test can stop and start: FerretDB, whose binary .ci/run builds and names in
// FERRETDB_BIN (a shared MongoDB named by MONGODB_URI is not one to stop).
const describeOnMongo = ferretdbBinary ? describe : describe.skip;
if (!ferretdbBinary && mongoUriFromEnv()) console.info('MongoDB outage test skipped: FERRETDB_BIN is not set');

describeOnMongo('MongoDB stops under a running server', () => {
  let server: FerretDb;
  let t: TestApp;
  beforeAll(async () => {
    server = await ownFerretDb(ferretdbBinary!, tempDir('canvass-ferretdb-'));
    t = await buildTestApp({ surveys: [survey], store: server.uri });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  test('when the database server stops, then submissions get 503 with Retry-After and nothing half-written; when it is back, service resumes without a restart', async () => {
    const before = submission(pqlAnswers());
    expect((await request(t.app).post(url).send(before)).status).toBe(201);

    await server.stop();
    const during = submission(pqlAnswers());
    const refused = await request(t.app).post(url).send(during);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.error).toMatch(/try again/i);
    expect((await request(t.app).get('/healthz')).status).toBe(503);

    await server.start();
    let health = 503;
    for (let tries = 0; tries < 100 && health !== 200; tries += 1) {
      health = (await request(t.app).get('/healthz')).status;
      if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(health).toBe(200);
    expect(await t.store.responses.get(survey.slug, before.id)).toMatchObject({ complete: true });
    expect(await t.store.responses.get(survey.slug, during.id)).toBeNull();
    expect((await request(t.app).post(url).send(during)).status).toBe(201);
  }, 90_000);
});
