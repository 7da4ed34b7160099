import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../support/cli';
import { storeJointReviewResponses } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { buildTestApp, CQL_PQL } from '../support/test-app';

jest.setTimeout(60_000);

const XSD = path.resolve(__dirname, '..', 'fixtures', 'refi-qda', 'Codebook-mrt2019.xsd');
const STARTER = path.resolve(__dirname, '..', '..', 'surveys', 'gp-quality-clusters-2024.codebook.json');

describe('canvass code and the coding exports', () => {
  let store: string;
  const dir = tempDir();
  beforeAll(async () => {
    const t = await buildTestApp();
    await storeJointReviewResponses(t.store);
    await t.close();
    store = `sqlite:${t.file}`;
  });

  test('when a free-text question is coded, then codes and themes are stored and export as a codebook CSV, coded segments and a valid REFI-QDA codebook', async () => {
    const coded = await runCli(['code', CQL_PQL, '--question', 'resources_not_in_place', '--codebook', STARTER], { store });
    expect(coded.code).toBe(0);
    expect(coded.stdout).toMatch(/^97 answers, \d+ segments: \d+ codes and \d+ candidate themes proposed for review$/m);

    const codes = parse((await runCli(['export', CQL_PQL, '--format', 'codes-csv', '--question', 'resources_not_in_place'], { store })).stdout, { columns: true }) as Array<Record<string, string>>;
    const admin = codes.find((code) => code.id === 'cb-admin-support')!;
    expect(admin).toMatchObject({ label: 'Need for admin support', source: 'codebook', status: 'proposed' });
    expect(Number(admin.answers)).toBeGreaterThan(0);
    expect(codes.some((code) => code.source === 'inductive' && (code.theme_id ?? '').startsWith('theme-'))).toBe(true);

    const segments = parse((await runCli(['export', CQL_PQL, '--format', 'segments-csv', '--question', 'resources_not_in_place'], { store })).stdout, { columns: true }) as Array<Record<string, string>>;
    const adminSegment = segments.find((row) => row.code_id === 'cb-admin-support')!;
    expect(adminSegment).toMatchObject({ status: 'suggested', by: 'machine' });
    expect(adminSegment.evidence).toMatch(/admin/);
    expect(Number(adminSegment.end)).toBeGreaterThan(Number(adminSegment.start));

    const qdc = path.join(dir, 'codebook.qdc');
    expect((await runCli(['export', CQL_PQL, '--format', 'qdc', '--question', 'resources_not_in_place', '--out', qdc], { store })).code).toBe(0);
    const xml = fs.readFileSync(qdc, 'utf8');
    expect(xml).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Canvass">');
    expect(xml).toContain('name="Need for admin support" isCodable="true"');
    // The official schema, copied from ../shared/reference/refi-qda, validated by libxml2.
    expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD, qdc], { stdio: 'pipe' })).not.toThrow();
  });

  test('when a question is not free text, or has no coding yet, then a clear error', async () => {
    const notText = await runCli(['code', CQL_PQL, '--question', 'role'], { store });
    expect(notText.code).toBe(1);
    expect(notText.stderr).toContain('"role" is not a free-text question');
    const notCoded = await runCli(['export', CQL_PQL, '--format', 'qdc', '--question', 'qi_work_examples'], { store });
    expect(notCoded.code).toBe(1);
    expect(notCoded.stderr).toContain('has not been coded yet');
    const noQuestion = await runCli(['export', CQL_PQL, '--format', 'codes-csv'], { store });
    expect(noQuestion.stderr).toContain('--format codes-csv needs --question');
  });
});
