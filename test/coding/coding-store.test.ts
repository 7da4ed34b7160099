import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../server/store/open-store';
import { runCli as runCanvass } from '../support/cli';
import { codedSurvey, developmentAnswers } from '../support/coding-factories';
import { writeSurveyFolder } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { buildTestApp } from '../support/test-app';
import { storeTargets } from '../support/stores';
import { createServices } from '../../server/services';

/** `canvass` with an empty surveys folder: each test's survey is the one it stored. */
const noBundled = writeSurveyFolder([]);
const runCli = (args: string[], options: Parameters<typeof runCanvass>[1]) =>
  runCanvass(args, { ...options, env: { CANVASS_SURVEYS_DIR: noBundled } });

/** A codebook written for these tests: one code the development answers use. */
const CODEBOOK = path.join(tempDir(), 'codebook.json');
fs.writeFileSync(
  CODEBOOK,
  JSON.stringify({
    codes: [
      {
        id: 'admin-support',
        label: 'Need for admin support',
        definition: 'Administrative support is missing or needed.',
        include: ['admin', 'administrative', 'admin support'],
      },
    ],
  }),
);

const WITH_CONTROL_CHARACTER = [
  ...developmentAnswers,
  { id: 'control-char', text: 'Admin support\u0001 for the cluster and protected time.' },
];

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(60_000);

  const XSD = path.resolve(__dirname, '..', 'fixtures', 'refi-qda', 'Codebook-mrt2019.xsd');

  describe('canvass code and the coding exports', () => {
    let store: string;
    let CQL_PQL: string;
    const dir = tempDir();
    // Each test has a store of its own with 67 answers (66 development answers and one with a control
    // character, U+0001, allowed in an answer but not in XML 1.0), none coded yet.
    beforeEach(async () => {
      const t = await buildTestApp({ store: target.fresh(), surveys: [] });
      CQL_PQL = await codedSurvey(t.store, { answers: WITH_CONTROL_CHARACTER, code: false });
      await t.close();
      store = t.location;
    });
    const code = async () => {
      const coded = await runCli(['code', CQL_PQL, '--question', 'resources_not_in_place', '--codebook', CODEBOOK], {
        store,
      });
      expect([coded.code, coded.stderr]).toEqual([0, '']);
      return coded;
    };

    test('when a free-text question is coded, then codes and themes are stored and export as a codebook CSV, coded segments and a valid REFI-QDA codebook', async () => {
      const coded = await code();
      expect(coded.stdout).toMatch(/^67 answers, \d+ segments: \d+ codes and \d+ themes on the board for review$/m);

      const codes = parse(
        (await runCli(['export', CQL_PQL, '--format', 'codes-csv', '--question', 'resources_not_in_place'], { store }))
          .stdout,
        { columns: true },
      ) as Array<Record<string, string>>;
      const admin = codes.find((code) => code.id === 'cb-admin-support')!;
      expect(admin).toMatchObject({ label: 'Need for admin support', source: 'codebook', status: 'proposed' });
      expect(Number(admin.answers)).toBeGreaterThan(0);
      expect(codes.some((code) => code.source === 'inductive' && (code.theme_id ?? '').startsWith('theme-'))).toBe(
        true,
      );

      const segments = parse(
        (
          await runCli(['export', CQL_PQL, '--format', 'segments-csv', '--question', 'resources_not_in_place'], {
            store,
          })
        ).stdout,
        { columns: true },
      ) as Array<Record<string, string>>;
      const adminSegment = segments.find((row) => row.code_id === 'cb-admin-support')!;
      expect(adminSegment).toMatchObject({ status: 'suggested', by: 'machine' });
      expect(adminSegment.evidence).toMatch(/admin/);
      expect(Number(adminSegment.end)).toBeGreaterThan(Number(adminSegment.start));

      const qdc = path.join(dir, 'codebook.qdc');
      expect(
        (
          await runCli(['export', CQL_PQL, '--format', 'qdc', '--question', 'resources_not_in_place', '--out', qdc], {
            store,
          })
        ).code,
      ).toBe(0);
      const xml = fs.readFileSync(qdc, 'utf8');
      expect(xml).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Canvass">');
      expect(xml).toContain('name="Need for admin support" isCodable="true"');
      // The official schema, copied from ../shared/reference/refi-qda, validated by libxml2.
      expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD, qdc], { stdio: 'pipe' })).not.toThrow();
    });

    test('when exported as a REFI-QDA project, then project.qde is valid against the official schema and carries sources, variables and coded selections', async () => {
      await code();
      const { default: JSZip } = await import('jszip');
      const file = path.join(dir, 'project.qdpx');
      // Nobody has reviewed the machine's suggestions: by default they are not codings, asked for they are, marked.
      const plain = path.join(dir, 'reviewed-only.qdpx');
      expect(
        (
          await runCli(
            ['export', CQL_PQL, '--format', 'qdpx', '--question', 'resources_not_in_place', '--out', plain],
            { store },
          )
        ).code,
      ).toBe(0);
      expect(await (await JSZip.loadAsync(fs.readFileSync(plain))).file('project.qde')!.async('string')).not.toContain(
        '<Coding ',
      );
      const result = await runCli(
        ['export', CQL_PQL, '--format', 'qdpx', '--question', 'resources_not_in_place', '--suggestions', '--out', file],
        { store },
      );
      expect(result.code).toBe(0);
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const qde = await zip.file('project.qde')!.async('string');
      const qdeFile = path.join(dir, 'project.qde');
      fs.writeFileSync(qdeFile, qde);
      const projectXsd = path.resolve(__dirname, '..', 'fixtures', 'refi-qda', 'Project-mrt2019.xsd');
      expect(() =>
        execFileSync('xmllint', ['--noout', '--schema', projectXsd, qdeFile], { stdio: 'pipe' }),
      ).not.toThrow();
      expect(qde).toContain('<Variable guid=');
      expect(qde).toMatch(/name="role" typeOfVariable="Text"/);
      expect(qde).toMatch(/<TextValue>(cql|pql)<\/TextValue>/);
      expect(qde).toContain('<PlainTextSelection');
      expect(qde).toContain('<CodeRef targetGUID=');
      expect(qde).toContain('name="Unreviewed machine suggestion"');
      const sources = Object.keys(zip.files).filter((name) => name.startsWith('Sources/') && name.endsWith('.txt'));
      expect(sources).toHaveLength(67);
      // The control character became U+FFFD in the project, one character for one: offsets still fit.
      expect(qde).toContain('Admin support\uFFFD for the cluster');
      // A Canvass codebook export reads back as a codebook.
      const qdc = path.join(dir, 'again.qdc');
      await runCli(['export', CQL_PQL, '--format', 'qdc', '--question', 'resources_not_in_place', '--out', qdc], {
        store,
      });
      const again = await runCli(['code', CQL_PQL, '--question', 'qi_work_examples', '--codebook', qdc], { store });
      expect(again.code).toBe(0);
    });

    test('when a question is not free text, or has no coding yet, then a clear error', async () => {
      const notText = await runCli(['code', CQL_PQL, '--question', 'role'], { store });
      expect(notText.code).toBe(1);
      expect(notText.stderr).toContain('"role" is not a free-text question');
      const notCoded = await runCli(['export', CQL_PQL, '--format', 'qdc', '--question', 'time_funding_comments'], {
        store,
      });
      expect(notCoded.code).toBe(1);
      expect(notCoded.stderr).toContain('has not been coded yet');
      const noQuestion = await runCli(['export', CQL_PQL, '--format', 'codes-csv'], { store });
      expect(noQuestion.stderr).toContain('--format codes-csv needs --question');
      // Errors name the option as the command line spells it.
      const broken = path.join(dir, 'broken.json');
      fs.writeFileSync(broken, '{"codes": [{"id": "a", "label": "A", "include": ["  "]}]}');
      const badCodebook = await runCli(['code', CQL_PQL, '--question', 'time_funding_comments', '--codebook', broken], {
        store,
      });
      expect([badCodebook.code, badCodebook.stderr]).toEqual([
        1,
        expect.stringMatching(/The codebook cannot be used\n\s+--codebook: term " {2}" has no words/),
      ]);
    });

    test('when researchers have reviewed a coding and it is proposed again without --replace, then it is refused naming --replace, and with it, it is done', async () => {
      expect((await runCli(['code', CQL_PQL, '--question', 'time_funding_comments'], { store })).code).toBe(0);
      const opened = await openStore(store);
      const coding = createServices(opened).coding;
      const { state, version } = await coding.storedFor(CQL_PQL, 'time_funding_comments', {
        email: 'r@example.org',
        role: 'researcher',
      });
      await coding.review(
        CQL_PQL,
        'time_funding_comments',
        { op: 'accept-code', code: state.codes[0]!.id },
        version,
        'r@example.org',
      );
      await opened.close();

      const refused = await runCli(['code', CQL_PQL, '--question', 'time_funding_comments'], { store });
      expect([refused.code, refused.stderr]).toEqual([
        1,
        expect.stringMatching(/already reviewed the coding of "time_funding_comments"\n\s+--replace: /),
      ]);
      const again = await runCli(['code', CQL_PQL, '--question', 'time_funding_comments', '--replace'], { store });
      expect(again.code).toBe(0);
      // It says what it kept of the researcher's work, and counts the themes as the board lists them.
      expect(again.stdout).toMatch(/^Run again: replaced the machine's .*; kept 1 code, /m);
      const board = await openStore(store);
      const rerun = (await createServices(board).coding.stored(CQL_PQL, 'time_funding_comments')).state;
      await board.close();
      const listed = rerun.themes.filter((theme) => theme.status !== 'discarded').length;
      expect(again.stdout).toContain(` codes and ${listed} themes on the board for review`);
    });
  });
});
