import { SurveyService } from '../../server/surveys/survey-service';
import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { csrfTokenIn, pqlAnswers, signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';
import { createServices } from '../../server/services';

interface Coding {
  version: number;
  segments: Array<{ id: string; responseId: string; start: number; end: number; text: string }>;
  codes: Array<{ id: string; label: string; source: string }>;
  applications: Array<{ segmentId: string; codeId: string; by: string; status: string }>;
  memos: Array<{ text: string; by: string }>;
  history: Array<{ operation: string; doneBy: string }>;
  independent?: { revealed: boolean };
}

describe.each(storeTargets)('independent coding kept apart on $name', (target) => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let slug: string;
  let base: string;
  let api: string;
  beforeEach(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
    slug = await codedSurvey(t.store);
    base = `/staff/surveys/${slug}/coding/${QUESTION}`;
    api = `/api/surveys/${slug}/coding/${QUESTION}`;
  });
  afterEach(() => t.close());

  /** Someone signed in through the login form, with the pages and the coding API they can reach. */
  async function person(role: 'researcher' | 'admin') {
    const { agent, email } = await signedInAgent(t.app, t.store, role);
    const token = csrfTokenIn((await agent.get('/staff')).text);
    const load = async (): Promise<Coding> => (await agent.get(api)).body;
    const operate = async (operation: object, version?: number) =>
      agent
        .post(`${api}/operations`)
        .set('x-csrf-token', token)
        .send({ version: version ?? (await load()).version, operation });
    const undo = () => agent.post(`${api}/undo`).set('x-csrf-token', token).send({});
    return { agent, email, token, load, operate, undo };
  }

  async function independently() {
    const [admin, alice, bob] = [await person('admin'), await person('researcher'), await person('researcher')];
    expect((await admin.operate({ op: 'set-independent', on: true })).status).toBe(200);
    return { admin, alice, bob };
  }

  /** Everything a researcher can read about the question: the API, every workbench page, the report. */
  async function everythingReadBy(who: Awaited<ReturnType<typeof person>>, codes: string[]) {
    const reads = [
      api,
      base,
      `${base}/familiarise`,
      `${api}/agreement`,
      `/staff/surveys/${slug}/report`,
      `/staff/surveys/${slug}/report.html`,
    ];
    for (let page = 1; page <= 8; page += 1) reads.push(`${base}/answers?page=${page}`, `${base}?page=${page}`);
    for (const code of codes) reads.push(`${base}/split/${encodeURIComponent(code)}`);
    const bodies: string[] = [];
    for (const path of reads) {
      const response = await who.agent.get(path);
      expect(response.status).toBeLessThan(500);
      bodies.push(response.text);
    }
    return bodies.join('\n');
  }

  test('when Alice codes before the reveal, then nothing Bob can read holds her e-mail, her labels, her spans or her memos, and the report counts only the machine', async () => {
    const { admin, alice, bob } = await independently();
    const reports = createServices(t.store).reports;
    const themesBefore = JSON.stringify(
      (await reports.build(slug)).findings.map((finding) => finding.freeText?.themes),
    );
    const coding = await alice.load();
    const answer = coding.segments[0]!.responseId;
    const suggestion = coding.applications.find((application) => application.status === 'suggested')!;
    const machineCode = coding.codes[0]!.id;

    expect((await alice.operate({ op: 'create-code', label: 'Alice secret label' })).status).toBe(200);
    const aliceCode = (await alice.load()).codes.find((code) => code.label === 'Alice secret label')!.id;
    expect((await alice.operate({ op: 'code-span', answer, start: 0, end: 7, label: 'Alice span label' })).status).toBe(
      200,
    );
    expect((await alice.operate({ op: 'apply-code', segment: coding.segments[1]!.id, code: aliceCode })).status).toBe(
      200,
    );
    expect(
      (await alice.operate({ op: 'accept-suggestion', segment: suggestion.segmentId, code: suggestion.codeId })).status,
    ).toBe(200);
    expect((await alice.operate({ op: 'add-memo', text: 'Alice memo words' })).status).toBe(200);
    expect((await alice.operate({ op: 'promote-code', code: aliceCode })).status).toBe(200);
    // Five answers each of two codes, as suggestions are learned from (LEARNED_FROM).
    const others = coding.segments.filter((candidate) => candidate.id !== suggestion.segmentId);
    for (const segment of others.slice(2, 7))
      expect((await alice.operate({ op: 'apply-code', segment: segment.id, code: machineCode })).status).toBe(200);
    for (const segment of others.slice(7, 11))
      expect((await alice.operate({ op: 'apply-code', segment: segment.id, code: aliceCode })).status).toBe(200);
    expect((await alice.agent.post(`${api}/suggest`).set('x-csrf-token', alice.token)).status).toBe(200);

    const seenByBob = await everythingReadBy(bob, [...coding.codes.map((code) => code.id), aliceCode]);
    for (const secret of [alice.email, 'Alice secret label', 'Alice span label', 'Alice memo words'])
      expect(seenByBob).not.toContain(secret);
    const bobsView = await bob.load();
    expect(
      bobsView.segments.filter(
        (segment) =>
          segment.responseId === answer && segment.start === 0 && segment.end === 7 && segment.id.startsWith('span'),
      ),
    ).toEqual([]);
    expect(bobsView.applications.filter((application) => application.by !== 'machine')).toEqual([]);
    expect(bobsView.history).toEqual([]);
    expect(JSON.stringify(bobsView)).not.toContain('undoLog');
    // Alice sees her own work, and only her own history.
    const alicesView = await alice.load();
    expect(alicesView.memos.map((memo) => memo.text)).toContain('Alice memo words');
    expect(new Set(alicesView.history.map((entry) => entry.doneBy))).toEqual(new Set([alice.email]));

    // No oracle: splitting a segment Alice coded fails as for a segment nobody coded; suggestions learn only from Bob.
    const coded = await bob.operate({
      op: 'split-code',
      code: machineCode,
      segments: [coding.segments[2]!.id],
      label: 'Mine',
    });
    const uncoded = await bob.operate({
      op: 'split-code',
      code: machineCode,
      segments: [coding.segments.at(-1)!.id],
      label: 'Mine',
    });
    expect([coded.status, uncoded.status]).toEqual([400, 400]);
    expect(coded.body.details[0].message.replace(coding.segments[2]!.id, 'S')).toBe(
      uncoded.body.details[0].message.replace(coding.segments.at(-1)!.id, 'S'),
    );
    expect((await bob.agent.post(`${api}/suggest`).set('x-csrf-token', bob.token)).status).toBe(400);
    expect((await bob.operate({ op: 'apply-code', segment: coding.segments[1]!.id, code: aliceCode })).status).toBe(
      400,
    );
    // Bob changes nothing shared: the machine's codes stay as they are until the reveal.
    expect((await bob.operate({ op: 'rename-code', code: machineCode, label: 'Renamed by Bob' })).status).toBe(400);

    expect(JSON.stringify((await reports.build(slug)).findings.map((finding) => finding.freeText?.themes))).toBe(
      themesBefore,
    );
    // The admin sees everyone's.
    const all = await admin.load();
    expect(all.applications.some((application) => application.by === alice.email)).toBe(true);
    expect(all.memos.map((memo) => memo.text)).toContain('Alice memo words');
  });

  test('when each researcher undoes, then only their own last change is taken back; the reveal is undone only by an admin; the audit trail keeps everything in order', async () => {
    const { admin, alice, bob } = await independently();
    const coding = await alice.load();
    const [first, second] = coding.segments;
    const code = coding.codes[0]!.id;
    expect((await alice.operate({ op: 'apply-code', segment: first!.id, code })).status).toBe(200);
    expect((await bob.operate({ op: 'apply-code', segment: second!.id, code })).status).toBe(200);
    expect((await alice.operate({ op: 'add-memo', text: 'Alice memo' })).status).toBe(200);

    expect((await bob.undo()).status).toBe(200);
    expect((await bob.load()).applications.filter((application) => application.by === bob.email)).toEqual([]);
    expect((await alice.load()).applications.filter((application) => application.by === alice.email)).toHaveLength(1);
    expect((await alice.load()).memos.map((memo) => memo.text)).toEqual(['Alice memo']);
    expect((await bob.undo()).status).toBe(409);

    expect((await admin.operate({ op: 'reveal' })).status).toBe(200);
    expect((await bob.undo()).status).toBe(409);
    expect((await alice.undo()).status).toBe(200); // her memo
    expect((await alice.load()).independent).toEqual(expect.objectContaining({ revealed: true }));
    expect((await alice.load()).memos).toEqual([]);
    expect((await admin.undo()).status).toBe(200);
    expect((await admin.load()).independent).toEqual(expect.objectContaining({ revealed: false }));
    expect((await alice.load()).applications.filter((application) => application.by === alice.email)).toHaveLength(1);

    const trail = (await admin.load()).history.map(
      (entry) =>
        `${entry.doneBy === alice.email ? 'A' : entry.doneBy === bob.email ? 'B' : 'admin'} ${entry.operation.split(':')[0]}${entry.operation.startsWith('undo') ? ` ${entry.operation.split(':')[1]!.trim()}` : ''}`,
    );
    expect(trail.reverse()).toEqual([
      'admin code',
      'admin set-independent',
      'A apply-code',
      'B apply-code',
      'A add-memo',
      'B undo apply-code',
      'admin reveal',
      'A undo add-memo',
      'admin undo reveal',
    ]);
  });

  test("when a researcher asks to run the machine again, then they are refused; when an admin does, every researcher's work and the independent coding stay and it says what it replaced", async () => {
    const { admin, alice, bob } = await independently();
    const coding = await alice.load();
    const answer = coding.segments[0]!.responseId;
    expect((await alice.operate({ op: 'code-span', answer, start: 0, end: 9, label: 'Alice keeps this' })).status).toBe(
      200,
    );
    expect((await alice.operate({ op: 'add-memo', text: 'Alice note' })).status).toBe(200);
    expect(
      (await bob.operate({ op: 'apply-code', segment: coding.segments[3]!.id, code: coding.codes[1]!.id })).status,
    ).toBe(200);
    const run = (who: typeof alice) =>
      who.agent
        .post(`${base}/run`)
        .set('accept', 'application/json')
        .type('form')
        .send({ _csrf: who.token, replace: 'yes' });

    expect((await run(alice)).status).toBe(403);
    const rerun = await run(admin);
    expect(rerun.status).toBe(200);
    expect(rerun.body.summary).toMatchObject({
      kept: { applications: 2, spans: 1, memos: 1 },
      replaced: { suggestions: expect.any(Number) },
    });
    const after = await admin.load();
    expect(after.independent).toEqual(expect.objectContaining({ revealed: false }));
    expect(after.history[0]!.operation).toMatch(
      /replaced the machine's \d+ untouched codes.*kept .* 2 researchers' applications/,
    );
    const aliceNow = await alice.load();
    const kept = aliceNow.codes.find((code) => code.label === 'Alice keeps this')!;
    const span = aliceNow.applications.find(
      (application) => application.codeId === kept.id && application.by === alice.email,
    )!;
    expect(aliceNow.segments.find((segment) => segment.id === span.segmentId)).toMatchObject({
      responseId: answer,
      start: 0,
      end: 9,
    });
    expect(aliceNow.memos.map((memo) => memo.text)).toEqual(['Alice note']);
    expect((await bob.load()).applications.filter((application) => application.by === bob.email)).toHaveLength(1);
    expect(JSON.stringify(await bob.load())).not.toContain('Alice');
  });

  test('when two researchers work at once on the same version, then neither gets a conflict; a stale change to the same thing is a 409 that does not talk about responses', async () => {
    const { alice, bob } = await independently();
    const coding = await alice.load();
    const code = coding.codes[0]!.id;
    expect(
      (await alice.operate({ op: 'apply-code', segment: coding.segments[0]!.id, code }, coding.version)).status,
    ).toBe(200);
    expect(
      (await bob.operate({ op: 'apply-code', segment: coding.segments[1]!.id, code }, coding.version)).status,
    ).toBe(200);
    expect(
      (await alice.operate({ op: 'apply-code', segment: coding.segments[2]!.id, code }, coding.version)).status,
    ).toBe(200);

    // Alice, in a second tab still at the old version, changes what she has since changed.
    const now = await alice.load();
    expect((await alice.operate({ op: 'add-memo', text: 'one' }, now.version)).status).toBe(200);
    const aliceOwnCode = await alice.operate({ op: 'create-code', label: 'Mine' });
    expect(aliceOwnCode.status).toBe(200);
    const mine = (await alice.load()).codes.find((candidate) => candidate.label === 'Mine')!.id;
    const renamed = await alice.load();
    expect(
      (await alice.operate({ op: 'rename-code', code: mine, label: 'Mine, renamed' }, renamed.version)).status,
    ).toBe(200);
    const page = await alice.agent
      .post(`${base}/op`)
      .type('form')
      .send({ _csrf: alice.token, version: renamed.version, op: 'rename-code', code: mine, label: 'Mine, again' });
    expect(page.status).toBe(409);
    expect(page.text).toContain('Someone else changed the coding');
    expect(page.text).not.toMatch(/response was already submitted/i);
  });

  test('when operations are too large, change nothing, or code a span badly, then they are refused with a 400 and nothing is stored', async () => {
    const { alice } = await independently();
    const coding = await alice.load();
    const { version } = coding;
    expect(
      (
        await alice.operate({
          op: 'merge-codes',
          into: coding.codes[0]!.id,
          codes: Array.from({ length: 101 }, (_, i) => `c${i}`),
        })
      ).body.details[0].field,
    ).toBe('operation.codes');
    expect(
      (
        await alice.operate({
          op: 'split-code',
          code: coding.codes[0]!.id,
          label: 'x',
          segments: Array.from({ length: 2001 }, (_, i) => `s${i}`),
        })
      ).status,
    ).toBe(400);
    expect((await alice.operate({ op: 'create-code', label: 'Once' })).status).toBe(200);
    const once = (await alice.load()).codes.find((code) => code.label === 'Once')!.id;
    const noop = await alice.operate({ op: 'rename-code', code: once, label: 'Once' });
    expect(noop.status).toBe(400);
    expect(noop.body.error).toBe('That changes nothing');
    expect((await alice.load()).version).toBe(version + 1);

    // Spans: only on submitted answers, and never between the two halves of a character.
    const responses = new ResponseService(t.store.responses, new SurveyService(t.store.surveys));
    await responses.submit(slug, {
      id: 'partial-one',
      data: pqlAnswers({ [QUESTION]: 'Still typing this' }) as Submission['data'],
      complete: false,
    });
    await responses.submit(slug, {
      id: 'with-emoji',
      data: pqlAnswers({ [QUESTION]: 'Time \u{1F600} back' }) as Submission['data'],
      complete: true,
    });
    const partial = await alice.operate({
      op: 'code-span',
      answer: 'partial-one',
      start: 0,
      end: 5,
      label: 'Too soon',
    });
    expect([partial.status, partial.body.details]).toEqual([
      400,
      [{ field: 'answer', message: expect.stringContaining('not yet complete') }],
    ]);
    // Offsets in UTF-16 units (asked for): 6 falls between the emoji's two halves.
    const split = await alice.operate({
      op: 'code-span',
      answer: 'with-emoji',
      start: 0,
      end: 6,
      unit: 'utf-16',
      label: 'Half an emoji',
    });
    expect([split.status, split.body.details]).toEqual([
      400,
      [{ field: 'end', message: expect.stringContaining('inside a character') }],
    ]);
    expect(
      (
        await alice.operate({
          op: 'code-span',
          answer: 'with-emoji',
          start: 5,
          end: 7,
          unit: 'utf-16',
          label: 'Whole emoji',
        })
      ).status,
    ).toBe(200);
    expect((await alice.load()).version).toBe(version + 2);
  });
});
