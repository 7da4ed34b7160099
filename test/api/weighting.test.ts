// Keeps the shipped survey on purpose: its reference values were computed independently with statsmodels over
// the joint review's 159 answers and the shipped practice numbers (test/reference/weights.py).
import { renderReportHtml } from '../../server/reports/report-html';
import { createServices } from '../../server/services';
import { runCli } from '../support/cli';
import { signedInAgent, storeJointReviewResponses } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, CQL_PQL, type TestApp } from '../support/test-app';

/*
 * Reference values: an independent computation with statsmodels 0.13 (python3 test/reference/weights.py):
 *   w = (practices in the response's LMC / all practices) / (responses from that LMC / all responses)
 *   design effect = n * sum(w^2) / sum(w)^2; effective n = n / design effect
 *   weighted share with proportion_confint(p * neff, neff, method='wilson'), neff = sum(w)^2 / sum(w^2) of those who answered
 *   weighted mean with DescrStatsW(hours, weights=w).mean
 */
const REFERENCE = {
  designEffect: 1.0013121425706653,
  effectiveN: 158.79164272571373,
  pltYes: { percent: 61.61669278987544, ci95: [53.736688609792736, 68.9305312921478] },
  hoursMean: 2.713486201278189,
};

describe.each(storeTargets)('weighting to the population of practices on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh() });
    await storeJointReviewResponses(t.store);
  });
  afterAll(() => t.close());

  test('when statistics are weighted by LMC from the command line, then shares, means and intervals are weighted, counts are not, and the design effect is given', async () => {
    const result = await runCli(['stats', CQL_PQL, '--weight', 'lmc', '--json'], { store: t.location });
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats.weighting.by).toBe('lmc');
    expect(stats.weighting.designEffect).toBeCloseTo(REFERENCE.designEffect, 10);
    expect(stats.weighting.effectiveN).toBeCloseTo(REFERENCE.effectiveN, 8);
    const yes = stats.questions.plt_barrier.options.find((option: { value: string }) => option.value === 'yes');
    expect(yes.count).toBe(95);
    expect(yes.percent).toBeCloseTo(REFERENCE.pltYes.percent, 8);
    expect(yes.ci95[0]).toBeCloseTo(REFERENCE.pltYes.ci95[0]!, 6);
    expect(yes.ci95[1]).toBeCloseTo(REFERENCE.pltYes.ci95[1]!, 6);
    expect(stats.questions.hours_per_week.mean).toBeCloseTo(REFERENCE.hoursMean, 10);
    expect(stats.questions.hours_per_week.n).toBe(159);

    const unweighted = JSON.parse((await runCli(['stats', CQL_PQL, '--json'], { store: t.location })).stdout);
    expect(unweighted.weighting).toBeNull();
    expect(unweighted.questions.plt_barrier.options[0].percent).toBeCloseTo((95 / 154) * 100, 10);

    const wrong = await runCli(['stats', CQL_PQL, '--weight', 'role'], { store: t.location });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/--weight: "role" is not this survey's distribution question/);
  });

  test('when staff ask the API and the page for weighted figures, then they get them, and a wrong question is a 400', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'viewer');
    const response = await agent.get(`/api/surveys/${CQL_PQL}/stats?weight=lmc`);
    expect(response.status).toBe(200);
    expect(response.body.weighting.designEffect).toBeCloseTo(REFERENCE.designEffect, 10);
    const bad = await agent.get(`/api/surveys/${CQL_PQL}/stats?weight=role`);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('weight');
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/stats?weight=lmc`);
    // The weighting question by its title, not its name ("weighted by lmc").
    expect(page.text).toContain(
      'weighted by the answer to “Which Local Medical Committee (LMC) area is your practice in?”, to the number of practices in each area (design effect 1.001, effective sample size 158.8)',
    );
    expect(page.text).not.toContain('weighted by lmc');
    expect(page.text).toMatch(/name="weight" value="lmc" checked/);
  });

  test('when the report is weighted, then its methods say so with the design effect; otherwise they say the figures are unweighted', async () => {
    const service = createServices(t.store).reports;
    expect(renderReportHtml(await service.build(CQL_PQL, { weightBy: 'lmc' }))).toContain(
      'weighted by the answer to “Which Local Medical Committee (LMC) area is your practice in?” to the number of practices in each area, so that national figures represent practices rather than the areas that answered most (design effect ',
    );
    expect(renderReportHtml(await service.build(CQL_PQL))).toContain(
      'Figures are unweighted: each response counts once.',
    );
  });
});
