import request from 'supertest';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/server';
import { buildTestApp, CQL_PQL, SURVEYS_DIR } from '../support/test-app';
import { pqlAnswers, signedInAgent, submission } from '../support/factories';
import { storeTargets } from '../support/stores';

describe.each(storeTargets)('durability across restarts and instances on $name', (target) => {
  test('when the server restarts on the same store, then acknowledged responses are all there', async () => {
    const config = loadConfig({}, { store: target.fresh(), port: 0, host: '127.0.0.1', surveysDir: SURVEYS_DIR });
    const first = await startServer(config);
    const bodies = Array.from({ length: 5 }, () => submission(pqlAnswers()));
    for (const body of bodies) {
      const response = await request(first.url).post(`/api/surveys/${CQL_PQL}/responses`).send(body);
      expect(response.status).toBe(201);
    }
    await first.close();

    const second = await startServer(config);
    for (const body of bodies) {
      expect(await second.store.responses.get(CQL_PQL, body.id)).toMatchObject({ data: body.data, complete: true });
    }
    const again = await request(second.url).post(`/api/surveys/${CQL_PQL}/responses`).send(bodies[0]!);
    expect(again.status).toBe(200);
    await second.close();
  });

  test('when two instances share a store, then a staff session from one works on the other', async () => {
    const store = target.fresh();
    const a = await buildTestApp({ store });
    const b = await buildTestApp({ store });
    const { agent } = await signedInAgent(a.app, a.store, 'viewer');
    const cookie = (await agent.get('/staff')).request.cookies as unknown as string;
    const onB = await request(b.app).get('/api/surveys').set('Cookie', cookie);
    expect(onB.status).toBe(200);
    expect(onB.body.map((s: { slug: string }) => s.slug)).toContain(CQL_PQL);
    await a.close();
    await b.close();
  });
});
