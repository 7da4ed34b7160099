import request from 'supertest';
import { UserService } from '../../server/users/user-service';
import { csrfTokenIn, PASSWORD, signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

const HOUR = 60 * 60 * 1000;

describe.each(storeTargets)('on $name', (target) => {
  let t: TestApp;
  // Ahead of the real clock, which the factories' accounts are stamped with.
  let clock = new Date(Date.now() + HOUR);
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), now: () => clock, config: { sessionHours: 12 } });
  });
  afterAll(() => t.close());

  const users = () => new UserService(t.store, () => clock);
  const signIn = async (email: string) => {
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    return agent
      .post('/login')
      .type('form')
      .send({ email, password: PASSWORD, _csrf: csrfTokenIn(page.text) });
  };

  const changes: [string, (email: string) => Promise<unknown>][] = [
    ['disabled', (email) => users().setDisabled(email, true)],
    ['removed', (email) => users().remove(email)],
    ['given a new password', (email) => users().add({ email, role: 'viewer', password: 'a different long password' })],
    ['given another role', (email) => users().add({ email, role: 'researcher', password: PASSWORD })],
  ];

  test.each(changes)('when a signed-in user is %s, then their session ends at once', async (_change, change) => {
    const { agent, email } = await signedInAgent(t.app, t.store, 'viewer');
    expect((await agent.get('/api/surveys')).status).toBe(200);
    await change(email);
    expect((await agent.get('/api/surveys')).status).toBe(401);
    expect((await agent.get('/staff')).headers.location).toMatch(/^\/login/);
  });

  test('when a user is disabled, then they cannot sign in until enabled again', async () => {
    const { email } = await signedInAgent(t.app, t.store, 'viewer');
    await users().setDisabled(email, true);
    expect((await signIn(email)).status).toBe(401);
    await users().setDisabled(email, false);
    expect((await signIn(email)).status).toBe(303);
  });

  test('when a disabled user is given a new password, then the account stays disabled', async () => {
    const { email } = await signedInAgent(t.app, t.store, 'viewer');
    await users().setDisabled(email, true);
    await users().add({ email, role: 'viewer', password: PASSWORD });
    expect((await signIn(email)).status).toBe(401);
  });

  test('when a session is used all day, then it still ends at its absolute lifetime', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const start = clock;
    for (const hours of [1, 6, 11.9]) {
      clock = new Date(start.getTime() + hours * HOUR);
      expect((await agent.get('/api/surveys')).status).toBe(200);
    }
    clock = new Date(start.getTime() + 12 * HOUR);
    expect((await agent.get('/api/surveys')).status).toBe(401);
    clock = start;
  });

  test('when another user changes, then this user stays signed in', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const { email: other } = await signedInAgent(t.app, t.store, 'viewer');
    await users().setDisabled(other, true);
    expect((await agent.get('/api/surveys')).status).toBe(200);
  });

  test('when an unknown user is disabled or removed, then a not-found error names them', async () => {
    await expect(users().setDisabled('nobody@example.org', true)).rejects.toThrow(/no user nobody@example.org/);
    await expect(users().remove('nobody@example.org')).rejects.toThrow(/no user nobody@example.org/);
  });
});
