import request from 'supertest';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/server';
import { buildTestApp } from '../support/test-app';
import {
  csrfTokenIn,
  pqlAnswers,
  signedInAgent,
  submission,
  cqlPqlSurvey,
  writeSurveyFolder,
} from '../support/factories';
import { runCli } from '../support/cli';
import { startServerProcess, stopped } from '../support/server-process';
import { storeTargets } from '../support/stores';

const survey = cqlPqlSurvey();

// Each test starts server processes of its own, which takes several seconds on a loaded machine.
jest.setTimeout(90_000);

describe.each(storeTargets)('durability across restarts and instances on $name', (target) => {
  test('when the server restarts on the same store, then acknowledged responses are all there', async () => {
    const config = loadConfig(
      {},
      { store: target.fresh(), port: 0, host: '127.0.0.1', surveysDir: writeSurveyFolder([survey]) },
    );
    const first = await startServer(config);
    const bodies = Array.from({ length: 5 }, () => submission(pqlAnswers()));
    for (const body of bodies) {
      const response = await request(first.url).post(`/api/surveys/${survey.slug}/responses`).send(body);
      expect(response.status).toBe(201);
    }
    await first.close();

    const second = await startServer(config);
    for (const body of bodies) {
      expect(await second.store.responses.get(survey.slug, body.id)).toMatchObject({ data: body.data, complete: true });
    }
    const again = await request(second.url).post(`/api/surveys/${survey.slug}/responses`).send(bodies[0]!);
    expect(again.status).toBe(200);
    await second.close();
  });

  test('when two instances share a store, then a staff session from one works on the other', async () => {
    const store = target.fresh();
    const a = await buildTestApp({ surveys: [survey], store });
    const b = await buildTestApp({ surveys: [survey], store });
    const { agent } = await signedInAgent(a.app, a.store, 'viewer');
    const cookie = (await agent.get('/staff')).request.cookies as unknown as string;
    const onB = await request(b.app).get('/api/surveys').set('Cookie', cookie);
    expect(onB.status).toBe(200);
    expect(onB.body.map((s: { slug: string }) => s.slug)).toContain(survey.slug);
    await a.close();
    await b.close();
  });
});

describe.each(storeTargets)('two Canvass processes on one $name store', (target) => {
  test('when a staff member signs in through one process, then the session works on the other', async () => {
    const store = target.fresh();
    const surveys = { CANVASS_SURVEYS_DIR: writeSurveyFolder([survey]) };
    const first = await startServerProcess(store, surveys);
    const second = await startServerProcess(store, surveys);
    try {
      const added = await runCli(['users', 'add', 'two-processes@example.org', '--role', 'viewer'], {
        store,
        env: { CANVASS_PASSWORD: 'a long enough passphrase' },
      });
      expect(added.code).toBe(0);
      const loginPage = await fetch(`${first.url}/login`);
      const cookie = loginPage.headers.getSetCookie()[0]!.split(';')[0]!;
      const signedIn = await fetch(`${first.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({
          email: 'two-processes@example.org',
          password: 'a long enough passphrase',
          _csrf: csrfTokenIn(await loginPage.text()),
        }),
      });
      expect(signedIn.status).toBe(303);
      const session = signedIn.headers
        .getSetCookie()
        .find((c) => c.startsWith('canvass.sid='))!
        .split(';')[0]!;
      const onSecond = await fetch(`${second.url}/api/surveys`, { headers: { cookie: session } });
      expect(onSecond.status).toBe(200);
      expect(((await onSecond.json()) as Array<{ slug: string }>).map((listed) => listed.slug)).toContain(survey.slug);
      expect((await fetch(`${second.url}/api/surveys`)).status).toBe(401);
    } finally {
      first.child.kill('SIGTERM');
      second.child.kill('SIGTERM');
      await Promise.all([stopped(first.child), stopped(second.child)]);
    }
  });
});
