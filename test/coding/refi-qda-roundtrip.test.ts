import { execFileSync } from 'node:child_process';
import { codingStateFrom } from '../../server/coding/coding-record';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { exchangeForm } from '../../analysis/coding/exchange-text';
import type { CodingState } from '../../server/coding/coding-state';
import { runCli } from '../support/cli';
import { addSurvey, cqlAnswers, cqlPqlSurvey, csrfTokenIn, pqlAnswers, signedInAgent } from '../support/factories';
import { ANN, answerTexts, BOB, twoResearcherCoding } from '../support/refi-qda-project';
import { storeTargets } from '../support/stores';
import { tempDir } from '../support/temp-files';
import { buildTestApp, type TestApp } from '../support/test-app';

const QUESTION = 'resources_not_in_place';
const PROJECT_XSD = path.resolve(__dirname, '..', 'fixtures', 'refi-qda', 'Project-mrt2019.xsd');

/** What survives a trip to a QDA tool: each coding by the answer, span, code (and its theme), coder and status. */
function codingsOf(state: CodingState) {
  const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
  const codes = new Map(state.codes.map((code) => [code.id, code]));
  const themes = new Map(state.themes.map((theme) => [theme.id, theme.label]));
  return state.applications
    .filter((application) => application.status !== 'rejected')
    .map((application) => {
      const segment = segments.get(application.segmentId)!;
      const code = codes.get(application.codeId)!;
      return [
        segment.responseId,
        segment.start,
        segment.end,
        segment.text,
        code.label,
        themes.get(code.themeId ?? '') ?? '',
        application.by,
        application.status,
      ].join(' | ');
    })
    .sort();
}

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(120_000);
  const dir = tempDir();
  let t: TestApp;
  let slug: string;
  let surveys = 0;

  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
  });
  // Each test gets a survey of its own with the two researchers' coding, so none has to put back what it changed.
  beforeEach(async () => {
    slug = `refi-${(surveys += 1)}`;
    await addSurvey(t.store, cqlPqlSurvey({ slug }));
    for (const [id, text] of Object.entries(answerTexts)) {
      await t.store.responses.save({
        surveySlug: slug,
        id,
        data: pqlAnswers({ [QUESTION]: text }),
        complete: true,
        submittedAt: '2024-05-20T10:00:00.000Z',
      });
    }
    const comments = [
      'Backfill costs more than the payment.',
      'No protected time for cluster work.',
      'Admin support would free up time.',
      'The board pays for backfill late.',
      'Protected time is eaten by admin.',
      'We need admin support and backfill.',
    ];
    for (const [i, comment] of comments.entries()) {
      await t.store.responses.save({
        surveySlug: slug,
        id: `cql-${i}`,
        data: cqlAnswers({ time_funding_comments: comment }),
        complete: true,
        submittedAt: '2024-05-20T10:00:00.000Z',
      });
    }
    await t.store.codings.save(twoResearcherCoding({ surveySlug: slug }), 0, {
      operation: 'test: two researchers',
      doneBy: 'test',
      doneAt: '2024-05-21T08:00:00.000Z',
    });
  });
  afterAll(() => t.close());

  describe('the code-span offsets', () => {
    async function researcher() {
      const url = `/api/surveys/${slug}/coding/${QUESTION}`;
      const { agent } = await signedInAgent(t.app, t.store, 'researcher');
      const token = csrfTokenIn((await agent.get('/staff')).text);
      return {
        load: async () => (await agent.get(url)).body as CodingState & { version: number },
        operate: (version: number, operation: object) =>
          agent.post(`${url}/operations`).set('x-csrf-token', token).send({ version, operation }),
      };
    }

    test.each([
      ['in code points (the default), after an emoji', { start: 26, end: 40 }],
      ['in code points, said explicitly', { start: 26, end: 40, unit: 'code-point' }],
      ['in UTF-16 code units, said explicitly', { start: 27, end: 41, unit: 'utf-16' }],
    ])('when a span is given %s, then exactly the words meant are coded', async (_case, offsets) => {
      const { load, operate } = await researcher();
      const before = await load();
      const response = await operate(before.version, { op: 'code-span', answer: 'emoji', ...offsets, code: 'code-5' });
      expect(response.status).toBe(200);
      const after = await load();
      const added = after.segments.filter((segment) => !before.segments.some((old) => old.id === segment.id));
      const coded = after.segments.find(
        (segment) => segment.responseId === 'emoji' && segment.text === 'Protected time',
      );
      expect(coded).toMatchObject({ start: 27, end: 41 });
      expect(added.length).toBeLessThanOrEqual(1);
      expect(after.applications).toContainEqual(
        expect.objectContaining({ segmentId: coded!.id, codeId: 'code-5', status: 'accepted' }),
      );
    });

    test('when code points count past a Windows line break, then the span is the words after it (CR LF counts as one)', async () => {
      const { load, operate } = await researcher();
      const before = await load();
      // "First line about backfill.\r\nSecond": "Second" starts at code point 27.
      expect(
        (await operate(before.version, { op: 'code-span', answer: 'windows', start: 27, end: 33, code: 'code-5' }))
          .status,
      ).toBe(200);
      const after = await load();
      expect(after.segments.find((segment) => segment.responseId === 'windows' && segment.start === 28)).toMatchObject({
        text: 'Second',
        end: 34,
      });
    });

    test.each([
      ['a UTF-16 start inside the emoji', 'start', { start: 9, end: 20, unit: 'utf-16' }],
      ['a code-point end past the answer (57 code points)', 'end', { start: 0, end: 58 }],
      ['an unknown unit', 'unit', { start: 0, end: 5, unit: 'bytes' }],
    ])('when a span has %s, then 400 names %s and nothing changes', async (_case, field, offsets) => {
      const { load, operate } = await researcher();
      const before = await load();
      const response = await operate(before.version, { op: 'code-span', answer: 'emoji', ...offsets, code: 'code-5' });
      expect(response.status).toBe(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContainEqual(
        expect.stringMatching(new RegExp(`(^|\\.)${field}$`)),
      );
      expect((await load()).version).toBe(before.version);
    });

    test('when a client reads the OpenAPI document, then it says which unit code-span offsets count, and that code points are the default', async () => {
      const document = (await request(t.app).get('/api/openapi.json')).body;
      const operations = document.paths['/api/surveys/{slug}/coding/{question}/operations'].post;
      expect(operations.description).toMatch(
        /code points by default, with every line break \(CR LF, CR or LF\) counted as one/,
      );
      expect(JSON.stringify(operations.requestBody)).toContain('"enum":["code-point","utf-16"]');
    });

    test('when a new code is given a label a code already has, then create-code gets a 400 and a coded span joins that code, saying so', async () => {
      const { load, operate } = await researcher();
      const before = await load();
      const refused = await operate(before.version, { op: 'create-code', label: ' admin SUPPORT ' });
      expect([refused.status, refused.body.details]).toEqual([
        400,
        [{ field: 'label', message: expect.stringContaining('there is a code "admin SUPPORT" already') }],
      ]);
      const renamed = await operate(before.version, { op: 'rename-code', code: 'code-2', label: 'Admin support' });
      expect([renamed.status, renamed.body.details[0].field]).toEqual([400, 'label']);
      expect((await load()).version).toBe(before.version);

      const joined = await operate(before.version, {
        op: 'code-span',
        answer: 'control',
        start: 0,
        end: 13,
        label: 'admin support',
      });
      expect([joined.status, joined.body]).toEqual([
        200,
        {
          version: before.version + 1,
          code: 'code-1',
          joined: true,
          message: 'There is a code "Admin support" already: the span was coded with it',
        },
      ]);
      const after = await load();
      expect(after.codes).toHaveLength(before.codes.length);
    });
  });

  describe('Canvass → .qdpx → Canvass', () => {
    test('when a coding goes out as a REFI-QDA project and is read back, then codes, themes, codings by span, coders, suggestions and memos are all kept', async () => {
      const original = twoResearcherCoding();
      const file = path.join(dir, 'project.qdpx');
      const exported = await runCli(
        ['export', slug, '--format', 'qdpx', '--question', QUESTION, '--suggestions', '--out', file],
        { store: t.location },
      );
      expect(exported.code).toBe(0);
      const qde = path.join(dir, 'project.qde');
      fs.writeFileSync(qde, await (await JSZip.loadAsync(fs.readFileSync(file))).file('project.qde')!.async('string'));
      expect(() => execFileSync('xmllint', ['--noout', '--schema', PROJECT_XSD, qde], { stdio: 'pipe' })).not.toThrow();

      const refused = await runCli(['import', slug, file, '--question', QUESTION], { store: t.location });
      expect([refused.code, refused.stderr]).toEqual([
        1,
        expect.stringMatching(/already reviewed the coding of "resources_not_in_place"\n\s+--replace: /),
      ]);
      const imported = await runCli(['import', slug, file, '--question', QUESTION, '--replace'], {
        store: t.location,
      });
      expect([imported.code, imported.stderr]).toEqual([0, '']);
      expect(imported.stdout).toBe(`4 answers: 5 codes, 1 theme, 9 codings by ${ANN}, ${BOB}, machine, 2 memos\n`);

      const back = codingStateFrom((await t.store.codings.get(slug, QUESTION))!.state);
      // The second code of a label was exported under a name of its own, so that the QDA tool kept it.
      const renamed = (line: string) =>
        line.replace(/(Cluster work &amp; the board <HSCP>) \| {2}\| bob/, '$1 (2) |  | bob');
      expect(codingsOf(back)).toEqual(codingsOf(original).map(renamed).sort());
      expect(back.themes.map((theme) => [theme.label, theme.definition])).toEqual([
        ['Resources & "time"', 'What clusters lack'],
      ]);
      // Candidates come back as candidates (REFI-QDA has no review state: the description carries it), not accepted.
      expect(
        back.codes.map((code) => [code.label, code.definition, code.themeId ? 'in theme' : 'top', code.status]),
      ).toEqual([
        ['Admin support', 'Help with admin & <paperwork>', 'in theme', 'accepted'],
        ['Protected time', '', 'in theme', 'accepted'],
        ['Cluster work &amp; the board <HSCP>', 'Entity-like &nbsp; text', 'top', 'accepted'],
        ['Cluster work &amp; the board <HSCP> (2)', '', 'top', 'proposed'],
        ['Backfill', '', 'top', 'proposed'],
      ]);
      expect(back.memos.map((memo) => [memo.text, memo.by, memo.at])).toEqual(
        original.memos.map((memo) => [exchangeForm(memo.text), memo.by, memo.at.replace('.000Z', 'Z')]),
      );
      // Every answer is there to code on, in sentences as `canvass code` cuts them.
      expect(new Set(back.segments.map((segment) => segment.responseId))).toEqual(new Set(Object.keys(answerTexts)));
      expect(back.groups).toEqual({ emoji: 'pql', entity: 'pql', windows: 'pql', control: 'pql' });

      // And out again: the same project, coding for coding.
      const again = path.join(dir, 'again.qdpx');
      expect(
        (
          await runCli(['export', slug, '--format', 'qdpx', '--question', QUESTION, '--suggestions', '--out', again], {
            store: t.location,
          })
        ).code,
      ).toBe(0);
      const segmentsCsv = parse(
        (await runCli(['export', slug, '--format', 'segments-csv', '--question', QUESTION], { store: t.location }))
          .stdout,
        { columns: true },
      ) as Array<Record<string, string>>;
      expect(segmentsCsv.filter((row) => row.by === 'machine').map((row) => [row.text, row.status])).toEqual([
        ['Third', 'suggested'],
      ]);
    });

    test('when a project is not one Canvass can read back, then a clear error and nothing changes', async () => {
      const before = (await t.store.codings.get(slug, QUESTION))!.version;
      const bad = path.join(dir, 'bad.qdpx');
      const zip = new JSZip();
      zip.file('project.qde', '<Project xmlns="urn:QDA-XML:project:1.0" name="x &nbsp; y"/>');
      fs.writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
      const result = await runCli(['import', slug, bad, '--question', QUESTION, '--replace'], { store: t.location });
      expect([result.code, result.stderr]).toEqual([
        1,
        expect.stringMatching(
          /The REFI-QDA project cannot be read\n\s+file: project.qde is not well-formed XML: 1:55: undefined entity/,
        ),
      ]);
      const noQuestion = await runCli(['import', slug, bad], { store: t.location });
      expect(noQuestion.stderr).toContain('a .qdpx needs --question');
      expect((await t.store.codings.get(slug, QUESTION))!.version).toBe(before);
    });
  });

  describe('a REFI-QDA codebook read back', () => {
    test("when Canvass's own .qdc is used as a codebook, then labels come with entities decoded and non-codable codes become themes", async () => {
      const qdc = path.join(dir, 'codebook.qdc');
      expect(
        (
          await runCli(['export', slug, '--format', 'qdc', '--question', QUESTION, '--out', qdc], {
            store: t.location,
          })
        ).code,
      ).toBe(0);
      expect(fs.readFileSync(qdc, 'utf8')).toContain('name="Cluster work &amp;amp; the board &lt;HSCP&gt;"');
      const coded = await runCli(['code', slug, '--question', 'time_funding_comments', '--codebook', qdc], {
        store: t.location,
      });
      expect([coded.code, coded.stderr]).toEqual([0, '']);
      const codes = parse(
        (
          await runCli(['export', slug, '--format', 'codes-csv', '--question', 'time_funding_comments'], {
            store: t.location,
          })
        ).stdout,
        { columns: true },
      ) as Array<Record<string, string>>;
      const fromCodebook = codes.filter((code) => code.source === 'codebook');
      expect(fromCodebook.map((code) => [code.label, code.theme_label])).toEqual([
        ['Admin support', 'Resources & "time"'],
        ['Protected time', 'Resources & "time"'],
        ['Cluster work &amp; the board <HSCP>', ''],
        ['Cluster work &amp; the board <HSCP> (2)', ''],
        ['Backfill', ''],
      ]);
      expect(fromCodebook.find((code) => code.label === 'Admin support')!.definition).toBe(
        'Help with admin & <paperwork>',
      );
    });
  });
});
