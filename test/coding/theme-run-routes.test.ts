import { buildTestApp, type TestApp } from '../support/test-app';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { csrfTokenIn, signedInAgent } from '../support/factories';

let slug: string;
let base: string;
// Each run waits here until the test lets it go, so it is still running when it is looked at.
const held: Array<() => void> = [];
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({
    surveys: [],
    config: { holdThemeRunsForTests: () => new Promise<void>((resolve) => held.push(resolve)) },
  });
  slug = await codedSurvey(t.store, { code: false });
  base = `/staff/surveys/${slug}/coding/${QUESTION}`;
});
afterAll(async () => {
  held.forEach((release) => release());
  await t.close();
});

describe('who may cancel a theme run', () => {
  test('when a colleague tries to cancel a run they did not start, then 403 and it goes on; when an admin does, then it stops and nothing is saved', async () => {
    const starter = await signedInAgent(t.app, t.store, 'researcher');
    const colleague = await signedInAgent(t.app, t.store, 'researcher');
    const admin = await signedInAgent(t.app, t.store, 'admin');
    const token = async (agent: typeof starter.agent) =>
      csrfTokenIn((await agent.get(`/staff/surveys/${slug}/coding`)).text);

    await starter.agent
      .post(`${base}/run`)
      .type('form')
      .send({ _csrf: await token(starter.agent) })
      .expect(303)
      .expect('Location', `${base}/run`);
    expect((await colleague.agent.get(`${base}/run.json`).expect(200)).body).toMatchObject({
      status: 'running',
      phase: 'reading answers',
      startedBy: starter.email,
    });

    const refused = await colleague.agent
      .post(`${base}/run/cancel`)
      .type('form')
      .send({ _csrf: await token(colleague.agent) });
    expect(refused.status).toBe(403);
    expect((await starter.agent.get(`${base}/run.json`)).body.status).toBe('running');

    await admin.agent
      .post(`${base}/run/cancel`)
      .type('form')
      .send({ _csrf: await token(admin.agent) })
      .expect(303);
    held.shift()!();
    expect((await starter.agent.get(`${base}/run.json`)).body).toMatchObject({
      status: 'cancelled',
      message: 'Cancelled; the coding is as it was before the run.',
    });
    expect(await t.store.codings.get(slug, QUESTION)).toBeNull();
  });
});
