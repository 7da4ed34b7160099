import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';
import {
  cqlAnswers,
  cqlPqlSurvey,
  pqlAnswers,
  signedInAgent,
  storeJointReviewResponses,
  storeResponses,
  writeSurveyFolder,
} from '../support/factories';
import { runCli as runCanvass } from '../support/cli';

const survey = cqlPqlSurvey();
/** `canvass` reading the factory survey's folder. */
const runCli = (args: string[], options: Parameters<typeof runCanvass>[1]) =>
  runCanvass(args, { ...options, env: { CANVASS_SURVEYS_DIR: writeSurveyFolder([survey]) } });
/**
 * 40 answers: 12 CQLs in Lothian and 18 PQLs in Glasgow (plt_barrier yes for every third), then 6 PQLs in Fife
 * and 4 CQLs in Ayrshire & Arran: two areas under the minimum base of 10 that together reach it, so the split by
 * LMC may be published with both withheld.
 */
const ROWS = [
  ...Array.from({ length: 12 }, (_, i) =>
    cqlAnswers({ plt_barrier: i % 3 ? 'no' : 'yes', cql_funding_matches_time: ['yes', 'no', 'dont_know'][i % 3] }),
  ),
  ...Array.from({ length: 18 }, (_, i) => pqlAnswers({ plt_barrier: i % 3 ? 'yes' : 'no' })),
  ...Array.from({ length: 6 }, () => pqlAnswers({ lmc: 'fife', plt_barrier: 'yes' })),
  ...Array.from({ length: 4 }, () => cqlAnswers({ lmc: 'ayrshire-arran', plt_barrier: 'no' })),
];

/** The staff statistics page and API as the form sends them (issue #28). */
describe('statistics for staff', () => {
  jest.setTimeout(90_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey] });
    await storeResponses(t.store, survey.slug, ROWS);
  });
  afterAll(() => t.close());

  test.each([
    ['the page', `/staff/surveys/${survey.slug}/stats`],
    ['the API', `/api/surveys/${survey.slug}/stats`],
  ])(
    'when %s is sent the form as it stands (All areas, no dates), then it answers 200 with no filter',
    async (_where, url) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`${url}?by=role&where=&from=&to=&weight=&suppressBelow=`);
      expect(response.status).toBe(200);
      if (url.startsWith('/api')) expect(response.body.responses.analysed).toBe(40);
    },
  );

  test('when the statistics page shows a number question, then its means, SDs and quartiles keep two decimals, one column alike', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = (await agent.get(`/staff/surveys/${survey.slug}/stats?by=role`)).text;
    // 16 CQLs answered 4.5 hours and 24 PQLs 2: means 3, 4.5 and 2, written 3.00, 4.50 and 2.00.
    expect(page).toContain(
      '<tr><th scope="row">mean</th><td class="num">3.00</td><td class="num">4.50</td><td class="num">2.00</td></tr>',
    );
    expect(page).toContain('<tr><th scope="row">n</th><td class="num">40</td>');
  });

  test('when the command line is given empty options, then they mean not set', async () => {
    const result = await runCli(['stats', survey.slug, '--where', '', '--from', '', '--to', ''], { store: t.location });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).responses.analysed).toBe(40);
  });

  test('when split by a question, then that question is not tested against itself, and the others are', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const stats = (await agent.get(`/api/surveys/${survey.slug}/stats?by=role`)).body;
    expect(stats.questions.role.test).toBeNull();
    expect(stats.questions.plt_barrier.test).not.toBeNull();
    const page = await agent.get(`/staff/surveys/${survey.slug}/stats?by=role`);
    const roleSection = page.text.slice(
      page.text.indexOf('id="q-role"'),
      page.text.indexOf('</section>', page.text.indexOf('id="q-role"')),
    );
    expect(roleSection).not.toMatch(/test|statistic/i);
  });

  test('when a question was not shown to a group, then its column says "not asked", not 0 (0.0%)', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const page = await agent.get(`/staff/surveys/${survey.slug}/stats?by=role`);
    const start = page.text.indexOf('id="q-cql_funding_matches_time"');
    const section = page.text.slice(start, page.text.indexOf('</section>', start));
    expect(section).toContain('not asked');
    expect(section).not.toContain('0 (0.0%)');
  });

  test.each(['role', 'lmc'])(
    'when shown as published split by %s, then every area withheld from the responses by LMC is withheld wherever it is counted',
    async (by) => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const stats = (await agent.get(`/api/surveys/${survey.slug}/stats?by=${by}&publish=true`)).body;
      const withheld = Object.entries(stats.responses.byLmc as Record<string, { suppressed?: true }>)
        .filter(([, area]) => area.suppressed)
        .map(([code]) => code);
      expect(withheld.sort()).toEqual(['ayrshire-arran', 'fife']);
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
      const page = await agent.get(`/staff/surveys/${survey.slug}/stats?by=${by}&publish=true`);
      const start = page.text.indexOf('id="q-lmc"');
      const section = page.text.slice(start, page.text.indexOf('</section>', start));
      const fifeRow = section.slice(
        section.indexOf('<th scope="row">Fife</th>'),
        section.indexOf('</tr>', section.indexOf('<th scope="row">Fife</th>')),
      );
      expect(fifeRow).toContain('Fife');
      expect(fifeRow).not.toMatch(/\d+ \(/);
    },
  );

  test('when statistics are worked out in a worker, then they are the same figures as in this thread', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const byLmc = (await agent.get(`/api/surveys/${survey.slug}/stats?by=lmc&weight=lmc`)).body;
    const cli = JSON.parse(
      (await runCli(['stats', survey.slug, '--by', 'lmc', '--weight', 'lmc'], { store: t.location })).stdout,
    );
    expect({ ...byLmc, generatedAt: null }).toEqual({ ...cli, generatedAt: null });
    expect(byLmc.questions.plt_barrier.test).toMatchObject({ name: expect.stringMatching(/fisher|chi-square/) });
    const badWhere = await agent.get(`/api/surveys/${survey.slug}/stats?where=colour%3Dblue`);
    expect([badWhere.status, badWhere.body.details]).toEqual([
      400,
      [{ field: 'where', message: '"colour" is not a question in this survey' }],
    ]);
  });
});

// Keeps the joint review's 159 answers: a million random tables per question over them is minutes of work, so the
// run surely lasts until its limit.
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
