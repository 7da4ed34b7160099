import fs from 'node:fs';
import path from 'node:path';
import { runCli as runCanvass } from '../support/cli';
import {
  addSurvey,
  cqlPqlSurvey,
  csrfTokenIn,
  sampleAnswers,
  signedInAgent,
  storeResponses,
  writeSurveyFolder,
} from '../support/factories';
import { tempDir } from '../support/temp-files';
import { buildTestApp, type TestApp } from '../support/test-app';

/** `canvass` with an empty surveys folder: the survey is the one each test stored. */
const noBundled = writeSurveyFolder([]);
const runCli = (args: string[], options: Parameters<typeof runCanvass>[1]) =>
  runCanvass(args, { ...options, env: { CANVASS_SURVEYS_DIR: noBundled } });
import { storeTargets } from '../support/stores';

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(60_000);

  let t: TestApp;
  let slug: string;
  let page: string;
  let surveys = 0;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
  });
  // Each test has a report of its own (one edits it, one marks it final): the factory survey, 30 answers.
  beforeEach(async () => {
    slug = await addSurvey(t.store, cqlPqlSurvey({ slug: `report-${(surveys += 1)}` }));
    await storeResponses(t.store, slug, sampleAnswers());
    page = `/staff/surveys/${slug}/report`;
  });
  afterAll(() => t.close());

  describe('the staff report page', () => {
    test('when a researcher edits the narrative, then the report says it and the change is recorded with who and when', async () => {
      const { agent, email } = await signedInAgent(t.app, t.store, 'researcher');
      const editor = await agent.get(page);
      expect(editor.status).toBe(200);
      expect(editor.text).toContain('Save the narrative');
      expect(editor.text).not.toContain('Mark the report final');
      const save = await agent
        .post(`${page}/narrative`)
        .type('form')
        .send({
          _csrf: csrfTokenIn(editor.text),
          background: 'A new background written by the review team.',
          'interpretation:1': 'PLT matters & needs funding.',
        });
      expect(save.status).toBe(303);
      const html = (await agent.get(`${page}.html`)).text;
      expect(html).toContain('A new background written by the review team.');
      expect(html).toContain('PLT matters &amp; needs funding.');
      const after = await agent.get(page);
      expect(after.text).toContain(email);
      expect(after.text).toContain('interpretation:1');
      expect(
        (
          await agent
            .post(`${page}/final`)
            .type('form')
            .send({ _csrf: csrfTokenIn(after.text), final: 'true' })
        ).status,
      ).toBe(403);
      const unknown = await agent
        .post(`${page}/narrative`)
        .type('form')
        .send({ _csrf: csrfTokenIn(after.text), sneaky: 'x' });
      expect(unknown.status).toBe(400);
    });

    test('when an admin marks the report final, then downloads lose their DRAFT marks; a viewer may read but not edit', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'admin');
      const editor = await agent.get(page);
      expect((await agent.get(`${page}.html`)).text).toContain('DRAFT – not for circulation');
      expect(
        (
          await agent
            .post(`${page}/final`)
            .type('form')
            .send({ _csrf: csrfTokenIn(editor.text), final: 'true' })
        ).status,
      ).toBe(303);
      const final = await agent.get(`${page}.html`);
      expect(final.text).not.toContain('DRAFT – not for circulation');
      const docx = await agent
        .get(`${page}.docx`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(docx.headers['content-type']).toContain('wordprocessingml');
      expect(docx.headers['content-disposition']).toContain(`${slug}-report.docx`);
      expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

      const viewer = (await signedInAgent(t.app, t.store, 'viewer')).agent;
      const viewerPage = await viewer.get(page);
      expect(viewerPage.text).toContain('Viewers can read and download the report');
      expect(
        (
          await viewer
            .post(`${page}/narrative`)
            .type('form')
            .send({ _csrf: csrfTokenIn(viewerPage.text), background: 'x' })
        ).status,
      ).toBe(403);
      expect((await viewer.get(`/staff/surveys/${slug}/report.txt`)).status).toBe(404);
    });
  });

  describe('canvass report', () => {
    test('when asked for HTML, Word and PDF, then each file is written; another extension is refused', async () => {
      const dir = tempDir();
      const store = t.location;
      for (const name of ['report.html', 'report.docx', 'report.pdf']) {
        const result = await runCli(['report', slug, '--out', path.join(dir, name)], { store });
        expect([name, result.code, result.stderr]).toEqual([name, 0, '']);
      }
      // 3 of the 12 CQLs (sampleAnswers).
      expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain(
        'Only 25.0% of CQLs have had an uplift in payment.',
      );
      expect(fs.readFileSync(path.join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      const bad = await runCli(['report', slug, '--out', path.join(dir, 'report.txt')], { store });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--out must end in .html, .pdf or .docx');
    });
  });
});
