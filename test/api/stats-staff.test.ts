import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';
import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { runCli } from '../support/cli';

/** The staff statistics page and API as the form sends them (issue #28). */
describe('statistics for staff', () => {
  jest.setTimeout(90_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await storeJointReviewResponses(t.store);
  });
  afterAll(() => t.close());

  test.each([
    ['the page', `/staff/surveys/${CQL_PQL}/stats`],
    ['the API', `/api/surveys/${CQL_PQL}/stats`],
  ])(
    'when %s is sent the form as it stands (All areas, no dates), then it answers 200 with no filter',
    async (_where, url) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`${url}?by=role&where=&from=&to=&weight=&suppressBelow=`);
      expect(response.status).toBe(200);
      if (url.startsWith('/api')) expect(response.body.responses.analysed).toBe(159);
    },
  );

  test('when the command line is given empty options, then they mean not set', async () => {
    const result = await runCli(['stats', CQL_PQL, '--where', '', '--from', '', '--to', ''], { store: t.location });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).responses.analysed).toBe(159);
  });

  test('when split by a question, then that question is not tested against itself, and the others are', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const stats = (await agent.get(`/api/surveys/${CQL_PQL}/stats?by=role`)).body;
    expect(stats.questions.role.test).toBeNull();
    expect(stats.questions.plt_barrier.test).not.toBeNull();
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats?by=role`);
    const roleSection = page.text.slice(
      page.text.indexOf('id="q-role"'),
      page.text.indexOf('</section>', page.text.indexOf('id="q-role"')),
    );
    expect(roleSection).not.toMatch(/test|statistic/i);
  });

  test('when a question was not shown to a group, then its column says "not asked", not 0 (0.0%)', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats?by=role`);
    const start = page.text.indexOf('id="q-cql_funding_matches_time"');
    const section = page.text.slice(start, page.text.indexOf('</section>', start));
    expect(section).toContain('not asked');
    expect(section).not.toContain('0 (0.0%)');
  });

  test.each(['role', 'lmc'])(
    'when shown as published split by %s, then every area withheld from the responses by LMC is withheld wherever it is counted',
    async (by) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const stats = (await agent.get(`/api/surveys/${CQL_PQL}/stats?by=${by}&publish=true`)).body;
      const withheld = Object.entries(stats.responses.byLmc as Record<string, { suppressed?: true }>)
        .filter(([, area]) => area.suppressed)
        .map(([code]) => code);
      expect(withheld.length).toBeGreaterThanOrEqual(4);
      const lmc = stats.questions.lmc;
      for (const block of [lmc, ...Object.values(lmc.groups ?? {})] as Array<{
        options: Array<{ value: string; count?: number; suppressed?: true }>;
      }>) {
        for (const code of withheld)
          expect(block.options.find((option) => option.value === code)).toEqual(
            expect.objectContaining({ suppressed: true }),
          );
        for (const code of withheld)
          expect(block.options.find((option) => option.value === code)!.count).toBeUndefined();
      }
      if (by === 'lmc') {
        const groups = stats.groupBy.groups as Array<{ value: string; respondents?: number }>;
        expect(
          groups
            .filter((group) => group.respondents === undefined)
            .map((group) => group.value)
            .sort(),
        ).toEqual([...withheld].sort());
        for (const code of withheld)
          expect(stats.questions.plt_barrier.groups[code]).toMatchObject({ suppressed: true });
      }
      const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats?by=${by}&publish=true`);
      const start = page.text.indexOf('id="q-lmc"');
      const section = page.text.slice(start, page.text.indexOf('</section>', start));
      const orkneyRow = section.slice(
        section.indexOf('<th scope="row">Orkney</th>'),
        section.indexOf('</tr>', section.indexOf('<th scope="row">Orkney</th>')),
      );
      expect(orkneyRow).not.toMatch(/\d+ \(/);
    },
  );

  test('when statistics are worked out in a worker, then they are the same figures as in this thread', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const byLmc = (await agent.get(`/api/surveys/${CQL_PQL}/stats?by=lmc&weight=lmc`)).body;
    const cli = JSON.parse(
      (await runCli(['stats', CQL_PQL, '--by', 'lmc', '--weight', 'lmc'], { store: t.location })).stdout,
    );
    expect({ ...byLmc, generatedAt: null }).toEqual({ ...cli, generatedAt: null });
    expect(byLmc.questions.plt_barrier.test).toMatchObject({ name: expect.stringMatching(/fisher|chi-square/) });
    const badWhere = await agent.get(`/api/surveys/${CQL_PQL}/stats?where=colour%3Dblue`);
    expect([badWhere.status, badWhere.body.details]).toEqual([
      400,
      [{ field: 'where', message: '"colour" is not a question in this survey' }],
    ]);
  });
});

describe('statistics off the request thread', () => {
  jest.setTimeout(90_000);
  let t: TestApp;
  beforeAll(async () => {
    // A short limit on a statistics run, so that a run asked to do far too much is stopped soon.
    t = await buildTestApp({ config: { analysisSeconds: 3 } });
    await storeJointReviewResponses(t.store);
  });
  afterAll(() => t.close());

  test('when a statistics run is in flight, then /healthz keeps answering until it ends, and a run past its limit is stopped with 503', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    // A million random tables per question split by LMC: minutes of work, so the run lasts until its limit (3 s)
    // whatever the machine. In the request thread, /healthz would wait for the whole run: a handful of answers
    // (those before it started) instead of one every few milliseconds all along.
    let statsEnded = false;
    const stats = agent.get(`/api/surveys/${CQL_PQL}/stats?by=lmc&simulations=1000000`).then((response) => {
      statsEnded = true;
      return response;
    });
    const { default: request } = await import('supertest');
    let answeredMeanwhile = 0;
    while (!statsEnded) {
      expect((await request(t.app).get('/healthz')).status).toBe(200);
      if (!statsEnded) answeredMeanwhile += 1;
    }
    expect(answeredMeanwhile).toBeGreaterThan(20);
    const response = await stats;
    expect(response.status).toBe(503);
    expect(response.body.error).toMatch(/took longer than the limit of 3 s/);
  });
});
