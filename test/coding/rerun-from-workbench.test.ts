import { createServices } from '../../server/services';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { csrfTokenIn, signedInAgent } from '../support/factories';
import { buildTestApp } from '../support/test-app';

jest.setTimeout(60_000);

describe('running the machine again from the workbench', () => {
  test('when an admin runs it again after a researcher renamed and accepted a theme and merged two others, then those keep their names, ids, links and codes, and no candidate repeats them', async () => {
    const t = await buildTestApp({ surveys: [] });
    const slug = await codedSurvey(t.store);
    const base = `/staff/surveys/${slug}/coding/${QUESTION}`;
    const coding = createServices(t.store).coding;
    const before = await coding.stored(slug, QUESTION);
    const [theme, into, merged] = before.state.themes.filter((candidate) => !candidate.mixed);
    const machineName = theme!.label;
    const codesBefore = before.state.codes.filter((code) => code.themeId === theme!.id).map((code) => code.label);
    const v1 = await coding.review(
      slug,
      QUESTION,
      { op: 'rename-theme', theme: theme!.id, label: 'Named by us' },
      before.version,
      'researcher@example.org',
    );
    const v2 = await coding.review(
      slug,
      QUESTION,
      { op: 'accept-theme', theme: theme!.id },
      v1,
      'researcher@example.org',
    );
    await coding.review(
      slug,
      QUESTION,
      { op: 'merge-themes', into: into!.id, themes: [merged!.id] },
      v2,
      'researcher@example.org',
    );

    const researcher = await signedInAgent(t.app, t.store, 'researcher');
    expect((await researcher.agent.get(base)).text).not.toContain('Run the machine again');
    const admin = await signedInAgent(t.app, t.store, 'admin');
    const board = await admin.agent.get(base);
    expect(board.text).toContain('<summary>Run the machine again</summary>');
    await admin.agent
      .post(`${base}/run`)
      .type('form')
      .send({ _csrf: csrfTokenIn(board.text), replace: 'yes' })
      .expect(303)
      .expect('Location', `${base}/run`);
    for (let polls = 0; (await admin.agent.get(`${base}/run.json`)).body.status === 'running'; polls += 1) {
      if (polls > 200) throw new Error('the run did not end');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const after = await coding.stored(slug, QUESTION);
    const live = after.state.themes.filter((candidate) => candidate.status !== 'discarded');
    const kept = live.find((candidate) => candidate.id === theme!.id)!;
    expect(kept).toMatchObject({ label: 'Named by us', status: 'accepted' });
    expect(live.map((candidate) => candidate.label)).not.toContain(machineName);
    expect(live.find((candidate) => candidate.id === into!.id)).toMatchObject({
      label: into!.label,
      mergedFrom: expect.arrayContaining([merged!.label]),
    });
    expect(live.filter((candidate) => [into!.label, merged!.label].includes(candidate.label))).toHaveLength(1);
    expect(after.state.codes.filter((code) => code.themeId === theme!.id).map((code) => code.label)).toEqual(
      expect.arrayContaining(codesBefore),
    );
    const page = await admin.agent.get(`${base}/themes/${theme!.id}`).expect(200);
    expect(page.text).toContain('Named by us');
    expect((await admin.agent.get(base)).text).toMatch(/kept \d+ codes?, \d+ themes?/);
    await t.close();
  });
});
