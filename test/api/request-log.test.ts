import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import type { ConfigOverrides } from '../../server/config';
import { createLogger } from '../../server/http/request-log';
import { pqlAnswers, signedInAgent, submission, cqlPqlSurvey } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();

/** The real logger writing its JSON lines into an array instead of stdout. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

const SECRET = 'Zanzibar answer that must never reach a log';

describe.each(storeTargets)('request logs on $name', (target) => {
  jest.setTimeout(60_000);
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));
  const build = async (config: ConfigOverrides) => {
    const { logger, lines } = capturedLogger();
    const t = await buildTestApp({
      surveys: [survey],
      store: target.fresh(),
      config: { logRequests: true, ...config },
      logger,
    });
    apps.push(t);
    return { t, lines };
  };

  test('when CANVASS_LOG_REQUESTS is on, then each request is one JSON line with id, status, time and user, and no answer or address', async () => {
    const { t, lines } = await build({});
    const posted = await request(t.app)
      .post(`/api/surveys/${survey.slug}/responses`)
      .send(submission(pqlAnswers({ resources_not_in_place: SECRET })));
    expect(posted.status).toBe(201);
    const { agent, email } = await signedInAgent(t.app, t.store, 'viewer');
    await agent.get('/api/surveys?secret-query=1').set('X-Request-Id', 'proxy-chosen-id-1');
    const submitted = lines.find(
      (line) => (line.req as { path?: string })?.path === `/api/surveys/${survey.slug}/responses`,
    )!;
    expect(submitted).toMatchObject({
      level: 30,
      req: { method: 'POST', id: posted.headers['x-request-id'] },
      res: { status: 201 },
      responseTime: expect.any(Number),
    });
    expect(submitted.user).toBeUndefined();
    const staff = lines.find((line) => (line.req as { id?: string })?.id === 'proxy-chosen-id-1')!;
    expect(staff).toMatchObject({ req: { path: '/api/surveys' }, res: { status: 200 }, user: email });
    const everything = JSON.stringify(lines);
    for (const absent of [SECRET, 'secret-query', '127.0.0.1', '::ffff', 'canvass.sid', 'cookie'])
      expect(everything).not.toContain(absent);
  });

  test('when addresses are to be logged too, then each line has the client address', async () => {
    const { t, lines } = await build({ logAddresses: true });
    await request(t.app).get('/healthz');
    expect(lines[0]).toMatchObject({
      req: { path: '/healthz', address: expect.stringMatching(/127\.0\.0\.1/) },
      res: { status: 200 },
    });
  });

  test('when request logs are off, then nothing is logged', async () => {
    const { t, lines } = await build({ logRequests: false });
    await request(t.app).get('/healthz');
    expect(lines).toEqual([]);
  });
});

describe('process-level error handlers', () => {
  test.each([
    ['a thrown error nothing catches', "setTimeout(() => { throw new Error('boom nobody caught') }, 10)"],
    ['a rejected promise nothing awaits', "setTimeout(() => { Promise.reject(new Error('boom nobody caught')) }, 10)"],
  ])(
    'when %s, then one fatal JSON line is logged, requests are let finish, and the process exits 1',
    async (_case, trigger) => {
      const module = path.resolve(__dirname, '..', '..', 'server', 'http', 'request-log.ts');
      const script = `
      const { createLogger, exitOnUncaughtErrors } = require(${JSON.stringify(module)});
      exitOnUncaughtErrors(createLogger(), async () => { console.log(JSON.stringify({ closed: true })); });
      ${trigger};`;
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
        cwd: path.resolve(__dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const lines = out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      expect(code).toBe(1);
      expect(lines).toHaveLength(2);
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 60, err: expect.objectContaining({ message: 'boom nobody caught' }) }),
          { closed: true },
        ]),
      );
    },
  );
});
