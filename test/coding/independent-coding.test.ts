import request from 'supertest';
import { ApiTokenService } from '../../server/users/api-token-service';
import { runCli } from '../support/cli';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { createUser, signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

describe.each(storeTargets)('two researchers coding independently on $name', (target) => {
  jest.setTimeout(90_000);
  let t: TestApp;
  let slug: string;
  let url: string;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
  });
  // Each test arranges a coding of its own; the later ones reveal one as the first test does, step by step.
  beforeEach(async () => {
    slug = await codedSurvey(t.store);
    url = `/api/surveys/${slug}/coding/${QUESTION}`;
  });
  afterAll(() => t.close());

  /** A client acting as a new account of this role, through a personal API token. */
  async function as(role: 'researcher' | 'admin') {
    const email = await createUser(t.store, role);
    const { token } = await new ApiTokenService(t.store).create({ email });
    const auth = { Authorization: `Bearer ${token}` };
    const load = async () => (await request(t.app).get(url).set(auth)).body;
    const operate = async (operation: object) =>
      request(t.app)
        .post(`${url}/operations`)
        .set(auth)
        .send({ version: (await load()).version, operation });
    return { email, auth, load, operate };
  }

  /** Independent coding of four answers, Alice X, X, Y, Y and Bob X, Y, Y, Y, then revealed by an admin. */
  async function revealedCoding() {
    const admin = await as('admin');
    const [alice, bob] = [await as('researcher'), await as('researcher')];
    const ok = async (response: Promise<request.Response>) => {
      const { status, text } = await response;
      if (status !== 200) throw new Error(`arranging the coding failed: ${status} ${text}`);
    };
    await ok(admin.operate({ op: 'set-independent', on: true }));
    const coding = await admin.load();
    const segments = coding.segments as Array<{ id: string; responseId: string }>;
    const answers = [...new Set(segments.map((segment) => segment.responseId))].slice(0, 4);
    await ok(admin.operate({ op: 'create-code', label: 'X' }));
    await ok(admin.operate({ op: 'create-code', label: 'Y' }));
    const codes = (await admin.load()).codes as Array<{ id: string; label: string }>;
    const [x, y] = ['X', 'Y'].map((label) => codes.find((code) => code.label === label)!.id);
    for (const [i, answer] of answers.entries()) {
      const segment = segments.find((candidate) => candidate.responseId === answer)!.id;
      await ok(alice.operate({ op: 'apply-code', segment, code: i < 2 ? x : y }));
      await ok(bob.operate({ op: 'apply-code', segment, code: i < 1 ? x : y }));
    }
    await ok(admin.operate({ op: 'reveal' }));
  }

  test('when an admin sets independent coding, then each researcher sees only their own codes until revealed, and agreement is then worked out between them', async () => {
    const admin = await as('admin');
    const alice = await as('researcher');
    const bob = await as('researcher');
    expect((await alice.operate({ op: 'set-independent', on: true })).status).toBe(403);
    expect((await admin.operate({ op: 'set-independent', on: true })).status).toBe(200);

    // Four answers; Alice codes them X, X, Y, Y and Bob X, Y, Y, Y.
    const coding = await admin.load();
    const answers = [
      ...new Set((coding.segments as Array<{ responseId: string }>).map((segment) => segment.responseId)),
    ].slice(0, 4);
    const firstSegment = (answer: string) =>
      (coding.segments as Array<{ id: string; responseId: string }>).find((segment) => segment.responseId === answer)!
        .id;
    expect((await admin.operate({ op: 'create-code', label: 'X' })).status).toBe(200);
    expect((await admin.operate({ op: 'create-code', label: 'Y' })).status).toBe(200);
    const codes = (await admin.load()).codes as Array<{ id: string; label: string }>;
    const [x, y] = ['X', 'Y'].map((label) => codes.find((code) => code.label === label)!.id);
    const apply = (who: typeof alice, answer: string, code: string) =>
      who.operate({ op: 'apply-code', segment: firstSegment(answer), code });
    for (const [i, answer] of answers.entries()) {
      expect((await apply(alice, answer, i < 2 ? x! : y!)).status).toBe(200);
      expect((await apply(bob, answer, i < 1 ? x! : y!)).status).toBe(200);
    }

    const mine = (state: { applications: Array<{ by: string; codeId: string }> }) =>
      state.applications.filter((application) => application.codeId === x || application.codeId === y);
    expect(mine(await alice.load()).map((application) => application.by)).toEqual(Array(4).fill(alice.email));
    expect(mine(await bob.load()).map((application) => application.by)).toEqual(Array(4).fill(bob.email));
    expect(mine(await admin.load())).toHaveLength(8);
    expect((await request(t.app).get(`${url}/agreement`).set(alice.auth)).status).toBe(403);

    expect((await alice.operate({ op: 'settle-answer', answer: answers[1], codes: [y] })).body.details).toEqual([
      { field: 'op', message: expect.stringContaining('reveals') },
    ]);
    expect((await alice.operate({ op: 'reveal' })).status).toBe(403);
    expect((await admin.operate({ op: 'reveal' })).status).toBe(200);
    expect(mine(await alice.load())).toHaveLength(8);

    // By hand: agreement on 3 of 4 answers (75%); kappa = (0.75 - 0.5) / (1 - 0.5) = 0.5;
    // alpha (nominal, 8 values: X 3, Y 5, 2 disagreeing pairs) = 1 - (2/8) / (2 * 3 * 5 / (8 * 7)) = 0.5333.
    const agreement = (await request(t.app).get(`${url}/agreement?coders=${alice.email},${bob.email}`).set(alice.auth))
      .body;
    expect(agreement).toMatchObject({ coders: [alice.email, bob.email].sort(), units: 4, percentAgreement: 75 });
    expect(agreement.cohenKappa).toBeCloseTo(0.5, 10);
    expect(agreement.krippendorffAlpha).toBeCloseTo(1 - 0.25 / (30 / 56), 10);
    expect(agreement.disagreements).toEqual([
      {
        answer: answers[1],
        text: expect.any(String),
        codes: { [alice.email]: ['X'], [bob.email]: ['Y'] },
        uncoded: [],
        given: [
          { id: x, label: 'X' },
          { id: y, label: 'Y' },
        ],
        settled: null,
      },
    ]);

    const cli = await runCli(['agreement', slug, '--question', QUESTION, '--coders', `${alice.email},${bob.email}`], {
      store: t.location,
    });
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      units: 4,
      percentAgreement: 75,
      cohenKappa: expect.closeTo(0.5, 10),
    });
  });

  test('when the coding has been revealed, then a code a researcher made on their own is still theirs to rename, while others may merge theirs into it and an admin may change it', async () => {
    const admin = await as('admin');
    const [alice, bob] = [await as('researcher'), await as('researcher')];
    expect((await admin.operate({ op: 'set-independent', on: true })).status).toBe(200);
    expect((await alice.operate({ op: 'create-code', label: 'Waiting times' })).status).toBe(200);
    expect((await bob.operate({ op: 'create-code', label: 'Long waits' })).status).toBe(200);
    // A theme of her own too, from a code of hers.
    expect((await alice.operate({ op: 'create-code', label: 'Parking' })).status).toBe(200);
    const parking = ((await alice.load()).codes as Array<{ id: string; label: string }>).find(
      (code) => code.label === 'Parking',
    )!.id;
    const shared = ((await admin.load()).themes as Array<{ id: string; status: string }>).filter(
      (theme) => theme.status !== 'discarded',
    );
    expect((await alice.operate({ op: 'promote-code', code: parking })).status).toBe(200);
    expect((await admin.operate({ op: 'reveal' })).status).toBe(200);
    const codeOf = async (label: string) =>
      ((await admin.load()).codes as Array<{ id: string; label: string }>).find((code) => code.label === label)!.id;
    const [hers, his] = [await codeOf('Waiting times'), await codeOf('Long waits')];

    const refused = await bob.operate({ op: 'rename-code', code: hers, label: 'Renamed by Bob' });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      { field: 'code', message: expect.stringContaining(`“Waiting times” is ${alice.email}'s`) },
    ]);
    expect(await codeOf('Waiting times')).toBe(hers);
    expect((await bob.operate({ op: 'discard-code', code: hers })).status).toBe(400);
    expect((await bob.operate({ op: 'rename-code', code: his, label: 'Long waiting times' })).status).toBe(200);
    expect((await bob.operate({ op: 'merge-codes', into: hers, codes: [his] })).status).toBe(200);
    expect((await admin.operate({ op: 'rename-code', code: hers, label: 'Waiting' })).status).toBe(200);

    // Nor may he merge a theme into hers: merging accepts the theme it joins.
    const herTheme = ((await admin.load()).themes as Array<{ id: string }>).find(
      (theme) => !shared.some((before) => before.id === theme.id),
    )!.id;
    const merge = await bob.operate({ op: 'merge-themes', into: herTheme, themes: [shared[0]!.id] });
    expect(merge.status).toBe(400);
    expect(merge.body.details).toEqual([
      { field: 'into', message: expect.stringContaining(`is ${alice.email}'s, made coding independently`) },
    ]);
  });

  test('when the coding has been revealed, then the workbench shows the agreement and the answers where the researchers disagree, side by side', async () => {
    await revealedCoding();
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('their coding has been revealed');
    expect(page.text).toMatch(
      /Agreement between [^<]+ over 4 answers two or more of them coded, of 4 answers any of them coded/,
    );
    expect(page.text).toContain('Answers where they disagree, side by side');
    // Each answer is named as the coding screen names it, so that it can be found there.
    const screen = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}/screen/data`)).body as {
      answers: Array<{ id: string; name: string }>;
    };
    const rows = [
      ...page.text.matchAll(/<tr data-answer="([^"]+)"><td data-label="Answer"><strong>([^<]+)<\/strong>/g),
    ];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, id, name] of rows) expect(name).toBe(screen.answers.find((answer) => answer.id === id)?.name);
    // Per code, as the API gives it: X yes/yes, yes/no, no/no, no/no; Y no/no, no/yes, yes/yes, yes/yes: 75% each.
    const perCode = (label: string) =>
      new RegExp(`<th scope="row">${label}</th><td class="num" data-label="Agreement">([^<]+)</td>`).exec(
        page.text,
      )?.[1];
    expect([perCode('X'), perCode('Y')]).toEqual(['75.0%', '75.0%']);
    expect(page.text).not.toContain('export each coder');
    const admin = await signedInAgent(t.app, t.store, 'admin');
    expect((await admin.agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`)).text).toContain(
      'Stop independent coding',
    );
  });

  test('when a researcher opens the pages while coding is independent, then each says so and offers only what they may change', async () => {
    const admin = await as('admin');
    expect((await admin.operate({ op: 'set-independent', on: true })).status).toBe(200);
    const theme = ((await admin.load()).themes as Array<{ id: string }>)[0]!.id;
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const base = `/staff/surveys/${slug}/coding/${QUESTION}`;

    const themePage = (await agent.get(`${base}/themes/${theme}`)).text;
    expect(themePage).toContain("the machine's themes stay as they are until an admin reveals everyone's coding");
    expect(themePage).not.toContain('value="rename-theme"');
    const workbench = (await agent.get(base)).text;
    expect(workbench).toContain('you merge only codes you made yourself, and you have made fewer than two');
    expect(workbench).not.toContain('value="merge-codes"');
    // Its counts are this researcher's: another sees other numbers on the same page.
    expect(workbench).toMatch(/\d+ suggestions waiting for your decision · \d+ coding decisions? made/);
    expect((await agent.get(`${base}/screen`)).text).toContain('<strong>Coding independently:</strong>');
    // Two researchers' codes of one name are told apart on the admin's merge form by whose they are.
    const [alice, bob] = [await as('researcher'), await as('researcher')];
    for (const who of [alice, bob])
      expect((await who.operate({ op: 'create-code', label: 'Backfill costs' })).status).toBe(200);
    const adminPage = (await (await signedInAgent(t.app, t.store, 'admin')).agent.get(base)).text;
    for (const who of [alice, bob]) expect(adminPage).toContain(`>Backfill costs (${who.email})</option>`);
    expect((await admin.operate({ op: 'set-independent', on: false })).status).toBe(200);
    const shared = (await agent.get(base)).text;
    expect(shared).toContain('value="merge-codes"');
    expect(shared).toMatch(/\d+ suggestions waiting · \d+ coding decisions? made/);
  });

  test('when a researcher settles an answer the two disagreed on, then the consensus is what counts, the agreement they reached independently is unchanged, and the answer shows as settled', async () => {
    await revealedCoding();
    const carol = await as('researcher');
    const before = (await request(t.app).get(`${url}/agreement`).set(carol.auth)).body;
    const [disagreement] = before.disagreements as Array<{
      answer: string;
      given: Array<{ id: string; label: string }>;
    }>;
    const y = disagreement!.given.find((code) => code.label === 'Y')!.id;
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const counts = async () => {
      const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}/answers`)).text;
      return Object.fromEntries(
        ['X', 'Y'].map((label) => [
          label,
          Number(new RegExp(`>${label}</button> <span class="small">(\\d+) answers? coded<`).exec(page)?.[1]),
        ]),
      );
    };
    expect(await counts()).toEqual({ X: 2, Y: 3 });
    const report = async () => (await agent.get(`/staff/surveys/${slug}/report.html`)).text;
    expect(await report()).toContain(
      '1 answer the researchers coded differently is not settled yet; until then, such an answer counts for a code either of them gave.',
    );

    expect((await carol.operate({ op: 'settle-answer', answer: 'no-such-answer', codes: [y] })).body.details).toEqual([
      { field: 'answer', message: expect.stringContaining('no-such-answer') },
    ]);
    expect(
      (await carol.operate({ op: 'settle-answer', answer: disagreement!.answer, codes: ['no-such-code'] })).body
        .details,
    ).toEqual([{ field: 'codes', message: expect.stringContaining('no-such-code') }]);
    expect((await carol.operate({ op: 'settle-answer', answer: disagreement!.answer, codes: [y] })).status).toBe(200);

    expect(await counts()).toEqual({ X: 1, Y: 3 });
    expect(await report()).not.toContain('coded differently');
    const after = (await request(t.app).get(`${url}/agreement`).set(carol.auth)).body;
    expect(after).toMatchObject({
      percentAgreement: before.percentAgreement,
      cohenKappa: before.cohenKappa,
      krippendorffAlpha: before.krippendorffAlpha,
    });
    expect(after.disagreements[0].settled).toEqual({ codes: ['Y'], by: carol.email, at: expect.any(String) });
    const page = (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}`)).text;
    expect(page).toContain('(1 settled)');
    expect(page).toMatch(/<strong>Settled:<\/strong> Y/);
  });
});
