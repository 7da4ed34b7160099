import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/test-app';
import {
  createUser,
  csrfTokenIn,
  PASSWORD,
  signedInAgent,
  addSurvey,
  cqlPqlSurvey,
  makeSurvey,
  q,
} from '../support/factories';
import { storeTargets } from '../support/stores';

const survey = cqlPqlSurvey();

describe.each(storeTargets)('on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey], store: target.fresh(), config: { loginAttemptsPerWindow: 5 } });
  });
  afterAll(() => t.close());

  const cookieNamed = (name: string) => (res: request.Response) =>
    ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  const sessionCookie = cookieNamed('canvass.sid');
  const loginCookie = cookieNamed('canvass.login');

  describe('staff sign-in', () => {
    test('when the right password is given, then an httpOnly SameSite=Lax session is issued only then', async () => {
      const email = await createUser(t.store, 'viewer');
      const agent = request.agent(t.app);
      const page = await agent.get('/login');
      expect(sessionCookie(page)).toBeUndefined();
      expect(loginCookie(page)).toMatch(/HttpOnly/i);
      const login = await agent
        .post('/login')
        .type('form')
        .send({ email, password: PASSWORD, _csrf: csrfTokenIn(page.text) });
      expect(login.status).toBe(303);
      expect(login.headers.location).toBe('/staff');
      const after = sessionCookie(login)!;
      expect(after).toMatch(/HttpOnly/i);
      expect(after).toMatch(/SameSite=Lax/i);
      expect(after).not.toMatch(/Secure/i);
      expect((await agent.get('/staff')).status).toBe(200);
    });

    test("when an attacker plants their own session id before sign-in, then it does not gain the victim's account", async () => {
      const email = await createUser(t.store, 'admin');
      const attacker = await createUser(t.store, 'viewer');
      const page = await request(t.app).get('/login');
      const nonce = loginCookie(page)!.split(';')[0]!;
      const attackerLogin = await request(t.app)
        .post('/login')
        .set('Cookie', nonce)
        .type('form')
        .send({ email: attacker, password: PASSWORD, _csrf: csrfTokenIn(page.text) });
      const planted = sessionCookie(attackerLogin)!.split(';')[0]!;
      // The victim signs in carrying the attacker's cookie; sign-in issues a new id, so the planted one stays the viewer's.
      const victimPage = await request(t.app).get('/login');
      await request(t.app)
        .post('/login')
        .set('Cookie', [planted, loginCookie(victimPage)!.split(';')[0]!].join('; '))
        .type('form')
        .send({ email, password: PASSWORD, _csrf: csrfTokenIn(victimPage.text) });
      const withPlanted = await request(t.app).get('/staff').set('Cookie', planted);
      expect(withPlanted.text).toContain(attacker);
      expect(withPlanted.text).not.toContain(email);
    });

    test('when anonymous visitors open the sign-in page, then no session is stored', async () => {
      // Arrange: no sessions left from other tests, so what is counted afterwards is what the visits stored.
      await t.store.sessions.purgeExpired('9999-01-01T00:00:00.000Z');
      for (let i = 0; i < 5; i += 1) await request(t.app).get('/login');
      expect(await t.store.sessions.purgeExpired('9999-01-01T00:00:00.000Z')).toBe(0);
    });

    test('when the sign-in token belongs to another visitor, then 403 and no sign-in', async () => {
      const email = await createUser(t.store, 'viewer');
      const mine = await request(t.app).get('/login');
      const theirs = await request(t.app).get('/login');
      const login = await request(t.app)
        .post('/login')
        .set('Cookie', loginCookie(mine)!.split(';')[0]!)
        .type('form')
        .send({ email, password: PASSWORD, _csrf: csrfTokenIn(theirs.text) });
      expect(login.status).toBe(403);
      expect(sessionCookie(login)).toBeUndefined();
    });

    test('when the password is wrong, then 401, no session, and the e-mail address stays in its box', async () => {
      const email = await createUser(t.store, 'viewer');
      const agent = request.agent(t.app);
      const page = await agent.get('/login');
      const login = await agent
        .post('/login')
        .type('form')
        .send({ email, password: 'wrong password!!', _csrf: csrfTokenIn(page.text) });
      expect(login.status).toBe(401);
      expect(login.text).toMatch(/do not match/);
      expect(login.text).toMatch(
        new RegExp(`<input id="email" name="email" type="email" autocomplete="username" required value="${email}">`),
      );
      expect(login.text).toMatch(/<input id="password"[^>]* autofocus>/);
      expect((await agent.get('/api/surveys')).status).toBe(401);
    });

    test('when the form has no CSRF token, then 403 and no sign-in', async () => {
      const email = await createUser(t.store, 'viewer');
      const agent = request.agent(t.app);
      await agent.get('/login');
      const login = await agent.post('/login').type('form').send({ email, password: PASSWORD });
      expect(login.status).toBe(403);
    });

    test('when "next" points off-site, then sign-in still lands on a staff page', async () => {
      const email = await createUser(t.store, 'viewer');
      const agent = request.agent(t.app);
      const page = await agent.get('/login?next=//evil.example/');
      const login = await agent
        .post('/login')
        .type('form')
        .send({ email, password: PASSWORD, next: '//evil.example/', _csrf: csrfTokenIn(page.text) });
      expect(login.headers.location).toBe('/staff');
    });

    test('when behind a TLS proxy, then the session cookie is Secure', async () => {
      const proxied = await buildTestApp({ surveys: [survey], store: target.fresh(), config: { trustProxy: true } });
      const email = await createUser(proxied.store, 'viewer');
      // Cookies are carried by hand: a client on plain HTTP rightly will not send back a Secure cookie.
      const page = await request(proxied.app).get('/login').set('X-Forwarded-Proto', 'https');
      expect(loginCookie(page)).toMatch(/Secure/);
      const login = await request(proxied.app)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', loginCookie(page)!.split(';')[0]!)
        .type('form')
        .send({ email, password: PASSWORD, _csrf: csrfTokenIn(page.text) });
      expect(login.status).toBe(303);
      expect(sessionCookie(login)).toMatch(/Secure/);
      await proxied.close();
    });

    test('when sign-in is tried too often, then 429', async () => {
      const limited = await buildTestApp({
        surveys: [survey],
        store: target.fresh(),
        config: { loginAttemptsPerWindow: 3 },
      });
      const agent = request.agent(limited.app);
      const page = await agent.get('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await agent
          .post('/login')
          .type('form')
          .send({ email: 'x@example.org', password: 'nope', _csrf: csrfTokenIn(page.text) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      await limited.close();
    });

    test("when guesses at one account come from a new forwarded address each time, then the account's own limit stops them with 429", async () => {
      const limited = await buildTestApp({
        surveys: [survey],
        store: target.fresh(),
        config: { trustProxy: true, loginAttemptsPerWindow: 3, loginAttemptsPerAccount: 3 },
      });
      const email = await createUser(limited.store, 'admin');
      const page = await request(limited.app).get('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await request(limited.app)
          .post('/login')
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .set('Cookie', loginCookie(page)!.split(';')[0]!)
          .type('form')
          .send({ email: email.toUpperCase(), password: `guess number ${i}`, _csrf: csrfTokenIn(page.text) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      await limited.close();
    });

    test('when only listed proxies are trusted, then a client reaching the app directly cannot choose its address with X-Forwarded-For', async () => {
      const limited = await buildTestApp({
        surveys: [survey],
        store: target.fresh(),
        config: { trustProxy: '10.0.0.1', loginAttemptsPerWindow: 3 },
      });
      const page = await request(limited.app).get('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await request(limited.app)
          .post('/login')
          .set('X-Forwarded-For', `198.51.100.${i + 1}`)
          .set('Cookie', loginCookie(page)!.split(';')[0]!)
          .type('form')
          .send({ email: `nobody-${i}@example.org`, password: 'nope', _csrf: csrfTokenIn(page.text) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      await limited.close();
    });

    test('when signing out, then the session no longer works', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get('/staff');
      const out = await agent
        .post('/logout')
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text) });
      expect(out.status).toBe(303);
      expect((await agent.get('/api/surveys')).status).toBe(401);
    });
  });

  describe('odd paths and repeated parameters', () => {
    test.each([
      ['/vendor/constructor', 404],
      ['/vendor/toString', 404],
      ['/vendor/__proto__', 404],
      ['/login?next=a&next=b', 200],
    ])('when %s is asked for, then the answer is %d, not a server error', async (url, status) => {
      expect((await request(t.app).get(url)).status).toBe(status);
    });

    test('when a signed-in user is on an error page, then its Sign out form works', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const missing = await agent.get('/staff/surveys/no-such-survey');
      expect(missing.status).toBe(404);
      const out = await agent
        .post('/logout')
        .type('form')
        .send({ _csrf: csrfTokenIn(missing.text) });
      expect(out.status).toBe(303);
      expect((await agent.get('/api/surveys')).status).toBe(401);
    });

    test('when a signed-in viewer asks for a report in a format named after an object property, then 404', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      expect((await agent.get(`/staff/surveys/${survey.slug}/report.constructor`)).status).toBe(404);
    });

    test.each([
      `/staff/surveys/${survey.slug}`,
      `/api/surveys/${survey.slug}/stats`,
      `/staff/surveys/${survey.slug}/report.html`,
      '/login',
    ])('when %s is fetched, then no browser or proxy may store it', async (url) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      expect((await agent.get(url)).headers['cache-control']).toBe('no-store');
    });
  });

  describe('who may reach what', () => {
    const slug = survey.slug;
    test.each([
      ['viewer', false],
      ['researcher', true],
    ] as const)(
      'when a %s lists the surveys, then each leads to its statistics and report, and to its coding only if they may code',
      async (role, codes) => {
        const { agent } = await signedInAgent(t.app, t.store, role);
        const page = (await agent.get('/staff')).text;
        expect(page).toContain(`<a href="/staff/surveys/${slug}/stats">statistics</a>`);
        expect(page).toContain(`<a href="/staff/surveys/${slug}/report">report</a>`);
        expect(page.includes(`<a href="/staff/surveys/${slug}/coding">coding</a>`)).toBe(codes);
      },
    );
    type Who = 'anonymous' | 'viewer' | 'researcher' | 'admin';
    const matrix: Array<[string, string, Record<Who, number>]> = [
      ['GET', '/api/surveys', { anonymous: 401, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', `/api/surveys/${slug}/distribution`, { anonymous: 401, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', '/staff', { anonymous: 303, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', `/staff/surveys/${slug}`, { anonymous: 303, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', `/api/surveys/${slug}/stats`, { anonymous: 401, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', `/staff/surveys/${slug}/stats`, { anonymous: 303, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', `/staff/surveys/${slug}/report`, { anonymous: 303, viewer: 200, researcher: 200, admin: 200 }],
      ['GET', `/staff/surveys/${slug}/report.html`, { anonymous: 303, viewer: 200, researcher: 200, admin: 200 }],
      ['POST', `/staff/surveys/${slug}/report/narrative`, { anonymous: 401, viewer: 403, researcher: 303, admin: 303 }],
      ['POST', `/staff/surveys/${slug}/report/final`, { anonymous: 401, viewer: 403, researcher: 403, admin: 303 }],
      // Not coded yet in this store: researchers and admins get through to "not found".
      [
        'GET',
        `/api/surveys/${slug}/coding/resources_not_in_place`,
        { anonymous: 401, viewer: 403, researcher: 404, admin: 404 },
      ],
      ['GET', `/staff/surveys/${slug}/coding`, { anonymous: 303, viewer: 403, researcher: 200, admin: 200 }],
      ['POST', `/staff/surveys/${slug}/schedule`, { anonymous: 401, viewer: 403, researcher: 403, admin: 303 }],
      ['POST', `/staff/surveys/${slug}/practices`, { anonymous: 401, viewer: 403, researcher: 403, admin: 303 }],
    ];
    const cases = matrix.flatMap(([method, path, expected]) =>
      (Object.keys(expected) as Who[]).map((who) => [method, path, who, expected[who]] as const),
    );

    const agents = new Map<Who, ReturnType<typeof request.agent>>();
    const agentFor = async (who: Who) => {
      if (!agents.has(who))
        agents.set(who, who === 'anonymous' ? request.agent(t.app) : (await signedInAgent(t.app, t.store, who)).agent);
      return agents.get(who)!;
    };

    test.each(cases)('when %s %s is asked by %s, then %i', async (method, path, who, status) => {
      const agent = await agentFor(who);
      const page = await agent.get(who === 'anonymous' ? '/login' : '/staff');
      const token = csrfTokenIn(page.text);
      const response =
        method === 'GET'
          ? await agent.get(path)
          : await agent
              .post(path)
              .type('form')
              .send({
                _csrf: token,
                ...(path.endsWith('practices')
                  ? { practices_fife: '50' }
                  : path.endsWith('final')
                    ? { final: 'false' }
                    : {}),
              });
      expect(response.status).toBe(status);
    });

    test.each<[Who, boolean]>([
      ['viewer', false],
      ['researcher', true],
    ])("when a %s reads a survey's page, then it links to coding: %s", async (who, linked) => {
      const page = await (await agentFor(who)).get(`/staff/surveys/${slug}`);
      expect(page.text.includes(`href="/staff/surveys/${slug}/coding"`)).toBe(linked);
      expect(page.text).toContain(`href="/staff/surveys/${slug}/report"`);
    });

    test('when any page is served, then security headers are set', async () => {
      const response = await request(t.app).get('/login');
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('access restricted to some surveys', () => {
    test("when a researcher may see only another survey, then this survey's data and pages are refused and not listed", async () => {
      const own = await buildTestApp({ surveys: [survey], store: target.fresh() });
      await addSurvey(own.store, makeSurvey({ slug: 'team-feedback', questions: [q.freeText('why')] }));
      const { agent } = await signedInAgent(own.app, own.store, 'researcher', ['team-feedback']);
      for (const path of [
        `/api/surveys/${survey.slug}/stats`,
        `/api/surveys/${survey.slug}/distribution`,
        `/staff/surveys/${survey.slug}`,
        `/staff/surveys/${survey.slug}/stats`,
      ]) {
        expect([path, (await agent.get(path)).status]).toEqual([path, 403]);
      }
      expect((await agent.get('/api/surveys/team-feedback/stats')).status).toBe(200);
      expect((await agent.get('/api/surveys')).body.map((s: { slug: string }) => s.slug)).toEqual(['team-feedback']);
      const admin = (await signedInAgent(own.app, own.store, 'admin', ['team-feedback'])).agent;
      expect((await admin.get(`/api/surveys/${survey.slug}/stats`)).status).toBe(200);
      await own.close();
    });
  });
});
