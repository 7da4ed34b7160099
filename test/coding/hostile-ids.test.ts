import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { runCli } from '../support/cli';
import { codedSurvey, developmentAnswers, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { csrfTokenIn, signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { tempDir } from '../support/temp-files';
import { buildTestApp, type TestApp } from '../support/test-app';

/** Response ids a respondent may choose that name what every JavaScript object has. */
const RESERVED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const ANSWERS = [
  ...developmentAnswers,
  ...RESERVED.map((id, i) => ({
    id,
    text: `Answer ${i}: protected time for quality work. The admin support is missing.`,
  })),
];
/** Not encodable in a URL (encodeURIComponent throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HOSTILE = [
  ...RESERVED,
  'x'.repeat(100),
  'x'.repeat(5000),
  'ünïcødé-\u{1F600}',
  '\uD800',
  '',
  ' ',
  '../../etc',
  '<script>',
];

describe.each(storeTargets)('reserved and hostile ids on $name', (target) => {
  jest.setTimeout(300_000);
  let t: TestApp;
  let researcher: Awaited<ReturnType<typeof signedInAgent>> & { token: string };

  let slug: string;
  let base: string;
  let api: string;

  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
    const signedIn = await signedInAgent(t.app, t.store, 'researcher');
    researcher = { ...signedIn, token: csrfTokenIn((await signedIn.agent.get('/staff')).text) };
  });
  // Each test codes a survey of its own: the second one's operations must not start from the first one's changes.
  beforeEach(async () => {
    slug = await codedSurvey(t.store, { answers: ANSWERS });
    base = `/staff/surveys/${slug}/coding/${QUESTION}`;
    api = `/api/surveys/${slug}/coding/${QUESTION}`;
  });
  afterAll(() => t.close());

  const operate = async (operation: object) => {
    const { version } = (await researcher.agent.get(api)).body as { version: number };
    return researcher.agent
      .post(`${api}/operations`)
      .set('x-csrf-token', researcher.token)
      .send({ version, operation });
  };

  async function everythingWorks() {
    const coding = (await researcher.agent.get(api)).body as { codes: Array<{ id: string }> };
    const paths = [
      api,
      `${api}/agreement`,
      base,
      `${base}?filter=undecided`,
      `${base}/familiarise`,
      `/staff/surveys/${slug}/report`,
    ];
    for (const format of ['html', 'docx']) paths.push(`/staff/surveys/${slug}/report.${format}`);
    for (let page = 1; page <= 10; page += 1) paths.push(`${base}/answers?page=${page}`);
    for (const id of [
      ...coding.codes.map((code) => code.id),
      ...HOSTILE.filter((id) => id && !LONE_SURROGATE.test(id)),
    ])
      paths.push(`${base}/split/${encodeURIComponent(id)}`);
    for (const url of paths) {
      const response = await researcher.agent.get(url);
      if (response.status >= 500) throw new Error(`${url}: ${response.status} ${response.text.slice(0, 200)}`);
    }
  }

  test('when answers with reserved ids are coded and settled, then every page, the API, the exports, the report and `canvass report` work', async () => {
    const coding = (await researcher.agent.get(api)).body as {
      codes: Array<{ id: string }>;
      segments: Array<{ responseId: string }>;
    };
    for (const id of RESERVED)
      expect((await operate({ op: 'code-span', answer: id, start: 0, end: 6, code: coding.codes[0]!.id })).status).toBe(
        200,
      );
    // Settling any answer makes the lookup of every other answer's settlement: "constructor" must not find one.
    const ordinary = coding.segments.find((segment) => !RESERVED.includes(segment.responseId))!.responseId;
    for (const id of [ordinary, 'valueOf'])
      expect((await operate({ op: 'settle-answer', answer: id, codes: [coding.codes[1]!.id] })).status).toBe(200);
    const settled = (await researcher.agent.get(api)).body.consensus as Record<string, unknown>;
    expect(Object.keys(settled).sort()).toEqual([ordinary, 'valueOf'].sort());
    await everythingWorks();

    const dir = tempDir();
    for (const format of ['qdc', 'codes-csv', 'segments-csv']) {
      const out = await runCli(['export', slug, '--format', format, '--question', QUESTION], { store: t.location });
      expect([format, out.code, out.stderr]).toEqual([format, 0, '']);
      if (format === 'segments-csv') for (const id of RESERVED) expect(out.stdout).toContain(`${id},`);
    }
    for (const name of ['report.html', 'report.docx']) {
      const out = await runCli(['report', slug, '--out', path.join(dir, name)], { store: t.location });
      expect([name, out.code, out.stderr]).toEqual([name, 0, '']);
      expect(fs.statSync(path.join(dir, name)).size).toBeGreaterThan(1000);
    }
    expect((await runCli(['agreement', slug, '--question', QUESTION], { store: t.location })).code).toBe(0);
  });

  test('when any operation names hostile ids, alone or coding independently, then the answer is never a 500 and nothing breaks afterwards', async () => {
    const hostile = fc.constantFrom(...HOSTILE);
    const operation = fc.oneof(
      fc
        .record({ op: fc.constantFrom('rename-code', 'accept-code', 'discard-code', 'promote-code'), code: hostile })
        .map((op) => (op.op === 'rename-code' ? { ...op, label: 'Renamed' } : op)),
      fc.record({
        op: fc.constant('merge-codes'),
        into: hostile,
        codes: fc.array(hostile, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        op: fc.constant('split-code'),
        code: hostile,
        segments: fc.array(hostile, { minLength: 1, maxLength: 3 }),
        label: fc.constant('Split'),
      }),
      fc.record({ op: fc.constant('move-code'), code: hostile, theme: fc.option(hostile, { nil: null }) }),
      fc
        .record({ op: fc.constantFrom('rename-theme', 'accept-theme', 'discard-theme'), theme: hostile })
        .map((op) => (op.op === 'rename-theme' ? { ...op, label: 'Renamed' } : op)),
      fc.record({ op: fc.constant('choose-quotes'), theme: hostile, answers: fc.array(hostile, { maxLength: 3 }) }),
      fc.record({
        op: fc.constantFrom('accept-suggestion', 'reject-suggestion', 'apply-code'),
        segment: hostile,
        code: hostile,
      }),
      fc.record({ op: fc.constant('settle-answer'), answer: hostile, codes: fc.array(hostile, { maxLength: 3 }) }),
      fc.record({
        op: fc.constant('code-span'),
        answer: hostile,
        start: fc.integer({ min: -1, max: 20 }),
        end: fc.integer({ min: 0, max: 40 }),
        label: hostile,
      }),
      fc.record({ op: fc.constant('create-code'), label: hostile }),
      fc.record({ op: fc.constant('add-memo'), text: hostile }),
    );
    const admin = await signedInAgent(t.app, t.store, 'admin');
    const adminToken = csrfTokenIn((await admin.agent.get('/staff')).text);
    for (const independent of [false, true]) {
      const { version } = (await admin.agent.get(api)).body as { version: number };
      const switched = await admin.agent
        .post(`${api}/operations`)
        .set('x-csrf-token', adminToken)
        .send({ version, operation: { op: 'set-independent', on: independent } });
      expect(switched.status).toBeLessThan(500);
      await fc.assert(
        fc.asyncProperty(operation, async (op) => {
          const response = await operate(op);
          if (response.status >= 500) throw new Error(`${JSON.stringify(op)}: ${response.status}`);
          const form = await researcher.agent
            .post(`${base}/op`)
            .type('form')
            .send({ _csrf: researcher.token, version: String((await researcher.agent.get(api)).body.version), ...op });
          if (form.status >= 500) throw new Error(`form ${JSON.stringify(op)}: ${form.status}`);
        }),
        { numRuns: 40, seed: 26 },
      );
      await everythingWorks();
      expect((await researcher.agent.post(`${api}/undo`).set('x-csrf-token', researcher.token)).status).toBeLessThan(
        500,
      );
    }
  });
});
