import request from 'supertest';
import { ApiTokenService } from '../../server/users/api-token-service';
import { UserService } from '../../server/users/user-service';
import { runCli } from '../support/cli';
import { codedSurvey } from '../support/coding-factories';
import { createUser } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

describe.each(storeTargets)('personal API tokens on $name', (target) => {
  jest.setTimeout(90_000);
  let t: TestApp;
  /** A survey of its own: 66 answers with the machine's coding. */
  let CQL_PQL: string;
  let clock = new Date(Date.now() + 60_000);
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), now: () => clock, surveys: [] });
    // One coding: only the first test changes it, and no other test reads it.
    CQL_PQL = await codedSurvey(t.store);
  });
  afterAll(() => t.close());

  const tokenFor = async (role: 'viewer' | 'researcher' | 'admin', surveys?: string[], expires?: string) => {
    const email = await createUser(t.store, role, undefined, surveys);
    const { token, record } = await new ApiTokenService(t.store, () => clock).create({
      email,
      name: 'R analysis',
      expires,
    });
    return { email, token, id: record.id };
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  test("when a script sends a researcher's token, then it reads and changes coding without a CSRF token, and the change is theirs", async () => {
    const { email, token } = await tokenFor('researcher');
    const coding = await request(t.app).get(`/api/surveys/${CQL_PQL}/coding/resources_not_in_place`).set(bearer(token));
    expect(coding.status).toBe(200);
    const code = coding.body.codes[0].id;
    const changed = await request(t.app)
      .post(`/api/surveys/${CQL_PQL}/coding/resources_not_in_place/operations`)
      .set(bearer(token))
      .send({ version: coding.body.version, operation: { op: 'rename-code', code, label: 'Renamed by a script' } });
    expect(changed.status).toBe(200);
    expect(changed.headers['set-cookie']).toBeUndefined();
    const history = (
      await request(t.app).get(`/api/surveys/${CQL_PQL}/coding/resources_not_in_place`).set(bearer(token))
    ).body.history;
    expect(history[0]).toMatchObject({ doneBy: email });
  });

  test.each([
    ['a viewer asks for statistics', 200, 'viewer', undefined, 'get', '/api/surveys/:survey/stats'],
    [
      'a viewer tries to change coding',
      403,
      'viewer',
      undefined,
      'post',
      '/api/surveys/:survey/coding/resources_not_in_place/undo',
    ],
    [
      'a researcher limited to another survey asks for statistics',
      403,
      'researcher',
      ['another-survey'],
      'get',
      '/api/surveys/:survey/stats',
    ],
    ['a token is sent to a staff page', 401, 'admin', undefined, 'get', '/staff'],
  ] as const)('when %s, then %i', async (_case, status, role, surveys, method, path) => {
    const { token } = await tokenFor(role, surveys ? [...surveys] : undefined);
    expect((await request(t.app)[method](path.replace(':survey', CQL_PQL)).set(bearer(token))).status).toBe(status);
  });

  test.each([
    ['made up', async () => 'canvass_not-a-real-token'],
    [
      'revoked',
      async () => {
        const { token, id } = await tokenFor('viewer');
        await new ApiTokenService(t.store, () => clock).revoke(id);
        return token;
      },
    ],
    [
      'past its last day',
      async () => {
        const { token } = await tokenFor(
          'viewer',
          undefined,
          new Date(clock.getTime() + DAY).toISOString().slice(0, 10),
        );
        clock = new Date(clock.getTime() + 2 * DAY);
        return token;
      },
    ],
    [
      'of a disabled user',
      async () => {
        const { token, email } = await tokenFor('viewer');
        await new UserService(t.store, () => clock).setDisabled(email, true);
        return token;
      },
    ],
  ])('when the token is %s, then 401 and nothing is read', async (_case, make) => {
    const response = await request(t.app)
      .get('/api/surveys')
      .set(bearer(await make()));
    expect(response.status).toBe(401);
    expect(response.body.error).toMatch(/token/);
  });

  test.each([
    [
      'removed and added again with the same e-mail',
      async (users: UserService, email: string) => {
        await users.remove(email);
        await users.add({ email, role: 'admin', password: 'a new password for a new account' });
      },
    ],
    [
      'given a new role',
      async (users: UserService, email: string) =>
        users.add({ email, role: 'researcher', password: 'correct horse battery staple' }),
    ],
    [
      'given a new password',
      async (users: UserService, email: string) =>
        users.add({ email, role: 'viewer', password: 'another long password here' }),
    ],
    [
      'limited to other surveys',
      async (users: UserService, email: string) =>
        users.add({ email, role: 'viewer', password: 'correct horse battery staple', surveys: ['another-survey'] }),
    ],
  ])('when the account is %s, then its old token gets 401 and is not live', async (_case, change) => {
    const { token, email, id } = await tokenFor('viewer');
    expect((await request(t.app).get('/api/surveys').set(bearer(token))).status).toBe(200);
    await change(new UserService(t.store, () => clock), email);
    expect((await request(t.app).get('/api/surveys').set(bearer(token))).status).toBe(401);
    const listed = await new ApiTokenService(t.store, () => clock).list(email);
    expect(listed.filter((record) => record.id === id && record.status === 'live')).toEqual([]);
  });

  test('when an account is disabled and enabled again, then its token is suspended meanwhile and works again after', async () => {
    const { token, email, id } = await tokenFor('viewer');
    const users = new UserService(t.store, () => clock);
    const tokens = new ApiTokenService(t.store, () => clock);
    await users.setDisabled(email, true);
    expect((await request(t.app).get('/api/surveys').set(bearer(token))).status).toBe(401);
    expect((await tokens.list(email)).find((record) => record.id === id)?.status).toBe('suspended');
    await users.setDisabled(email, false);
    expect((await request(t.app).get('/api/surveys').set(bearer(token))).status).toBe(200);
    expect((await tokens.list(email)).find((record) => record.id === id)?.status).toBe('live');
  });

  test("when a removed account's tokens are listed from the command line, then there are none; a revoked one says revoked", async () => {
    const { email: gone } = await tokenFor('viewer');
    await new UserService(t.store, () => clock).remove(gone);
    expect((await runCli(['tokens', 'list', gone], { store: t.location })).stdout).toBe('');
    const { email, id } = await tokenFor('viewer');
    const live = await runCli(['tokens', 'list', email], { store: t.location });
    expect(live.stdout).toMatch(new RegExp(`^${id}\t${email}\tR analysis\t\\S+\tlive`));
    await new ApiTokenService(t.store, () => clock).revoke(id);
    expect((await runCli(['tokens', 'list', email], { store: t.location })).stdout).toMatch(/\trevoked \d{4}-/);
  });

  test('when tokens are made, listed and revoked from the command line, then the token is printed once on the last line and works until revoked', async () => {
    const email = await createUser(t.store, 'viewer');
    const made = await runCli(['tokens', 'add', email, '--name', 'notebook'], { store: t.location });
    expect(made.code).toBe(0);
    const token = made.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^canvass_[A-Za-z0-9_-]{43}$/);
    expect((await request(t.app).get('/api/surveys').set(bearer(token))).status).toBe(200);
    const listed = await runCli(['tokens', 'list', email], { store: t.location });
    expect(listed.stdout).toContain(`${email}\tnotebook`);
    expect(listed.stdout).not.toContain(token);
    const id = listed.stdout.split('\t')[0]!;
    expect((await runCli(['tokens', 'revoke', id], { store: t.location })).stdout).toContain(`Revoked ${id}`);
    expect((await request(t.app).get('/api/surveys').set(bearer(token))).status).toBe(401);
    const unknown = await runCli(['tokens', 'add', 'nobody@example.org'], { store: t.location });
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('no active user nobody@example.org')]);
  });

  test('when the API description is asked for, then every /api/ route of the app is in it', async () => {
    const document = (await request(t.app).get('/api/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    const described = Object.keys(document.paths).map((path) => path.replace(/\{(\w+)\}/g, ':$1'));
    const routes = (t.app as unknown as { router: { stack: Array<{ route?: { path: string } }> } }).router.stack
      .flatMap((layer) => [
        layer,
        ...((layer as unknown as { handle?: { stack?: Array<{ route?: { path: string } }> } }).handle?.stack ?? []),
      ])
      .map((layer) => layer.route?.path)
      .filter(
        (path): path is string => typeof path === 'string' && path.startsWith('/api/') && path !== '/api/openapi.json',
      );
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) expect(described).toContain(route);
    expect(
      document.paths['/api/surveys/{slug}/responses'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('complete');
  });
});
