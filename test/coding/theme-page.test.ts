import { codingStateFrom } from '../../server/coding/coding-record';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { csrfTokenIn, signedInAgent } from '../support/factories';
import { storeTargets } from '../support/stores';
import { buildTestApp, type TestApp } from '../support/test-app';

describe.each(storeTargets)("a theme's own page on $name", (target) => {
  jest.setTimeout(60_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
  });
  afterAll(() => t.close());

  /** A coded survey of its own, with its themes in board order and a signed-in researcher. */
  async function arrange() {
    const slug = await codedSurvey(t.store);
    const stored = await t.store.codings.get(slug, QUESTION);
    const themes = codingStateFrom(stored!.state).themes.filter((theme) => theme.status !== 'discarded');
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const base = `/staff/surveys/${slug}/coding/${QUESTION}`;
    /** An operation sent from a page's form: its CSRF token and the version of the coding it showed. */
    const sendOp = (html: string, fields: Record<string, string>) =>
      agent
        .post(`${base}/op`)
        .type('form')
        .send({ _csrf: csrfTokenIn(html), version: /name="version" value="(\d+)"/.exec(html)![1], ...fields });
    return { slug, themes, agent, base, sendOp };
  }

  test('when a researcher opens the workbench of a question not coded yet, then the page says so and leads to where the machine is run', async () => {
    const { slug, agent } = await arrange();
    const page = await agent.get(`/staff/surveys/${slug}/coding/qi_work_examples`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('<h1>Not coded yet</h1>');
    expect(page.text).toContain(
      `<a href="/staff/surveys/${slug}/coding"><strong>Propose codes and themes for them</strong></a>`,
    );
    expect((await agent.get(`/staff/surveys/${slug}/coding/no_such_question`)).text).not.toContain('Propose codes');
  });

  test('when a researcher merges codes or adds one to a segment, then the codes are offered by theme, starting on a prompt', async () => {
    const { themes, agent, base } = await arrange();
    const page = (await agent.get(base)).text;
    for (const id of ['merge-into', 'merge-codes']) {
      const select = new RegExp(`<select id="${id}"[^>]*required>(.*?)</select>`).exec(page)![1]!;
      const groups = [...select.matchAll(/<optgroup label="([^"]+)">/g)].map((group) => group[1]);
      expect(groups.slice(0, 2)).toEqual(themes.slice(0, 2).map((theme) => theme.label.replace(/'/g, '&#x27;')));
      if (id === 'merge-into') expect(select).toMatch(/^<option value="">Choose a code…<\/option><optgroup/);
    }
    expect(page).toMatch(
      /<select id="apply-[^"]+" name="code" required><option value="">Choose a code…<\/option><optgroup/,
    );
  });

  test('when a researcher opens a theme, then it shows its place among the themes, its codes, quotes and a link to its answers', async () => {
    const { themes, agent, base } = await arrange();
    const second = themes[1]!;
    const page = await agent.get(`${base}/themes/${second.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`theme 2 of ${themes.length}`);
    expect(page.text).toContain(`href="${base}/themes/${themes[0]!.id}" rel="prev"`);
    expect(page.text).toContain(`href="${base}/themes/${themes[2]!.id}" rel="next"`);
    expect(page.text).toContain(`href="${base}/screen?theme=${second.id}"`);
    expect(page.text).toContain('Use the ticked quotes for');
    // What the report will do with them, which a researcher cannot see from here.
    expect(page.text).toContain('the ticked quotes are used once the theme is accepted');
    expect(page.text).toContain('name="op" value="merge-themes"');
    // The machine's definition is shown, not put in the researcher's definition box.
    expect(page.text).toMatch(new RegExp(`<textarea id="define-${second.id}"[^>]*></textarea>`));
    // A code's Move offers the other themes and "No theme", never its own, and starts on a prompt.
    const moves = [...page.text.matchAll(/<select id="move-[^"]+" name="theme" required>(.*?)<\/select>/g)];
    expect(moves.length).toBeGreaterThan(0);
    for (const [, options] of moves) {
      expect(options).toMatch(/^<option value="">Choose a theme…<\/option><option value="">No theme<\/option>/);
      expect(options).not.toContain(`value="${second.id}"`);
      expect(options).toContain(`value="${themes[0]!.id}"`);
    }
  });

  test('when a theme is merged in from its page, then the merged theme leaves the board and its own page says so', async () => {
    const { themes, agent, base, sendOp } = await arrange();
    const [into, merged] = [themes[0]!, themes[1]!];
    const form = await agent.get(`${base}/themes/${into.id}`);
    const posted = await sendOp(form.text, {
      back: `${base}/themes/${into.id}`,
      op: 'merge-themes',
      into: into.id,
      themes: merged.id,
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`${base}/themes/${into.id}`);
    const after = await agent.get(`${base}/themes/${into.id}`);
    expect(after.text).toContain(`theme 1 of ${themes.length - 1}`);
    expect(after.text).toContain(`Merged from`);
    expect(after.text).toContain(merged.label.replace(/'/g, '&#x27;'));
    const gone = await agent.get(`${base}/themes/${merged.id}`);
    expect(gone.status).toBe(200);
    expect(gone.text).toContain('is no longer on the board');
    expect(gone.text).toContain(`It was merged into <a href="${base}/themes/${into.id}">`);
    // Undo says what it would take back.
    expect(after.text).toMatch(
      /Undo your last change<\/button> <span class="small" id="undo-what">\(you merged the theme “[^”]+” into “[^”]+”\)/,
    );
    const board = await agent.get(base);
    expect(board.text).not.toContain(`data-theme="${merged.id}"`);
  });

  test('when a researcher undoes a merge after a colleague renamed one of its codes, then the page says the undo was only in part and why', async () => {
    const { slug, themes, agent, base, sendOp } = await arrange();
    const [into, merged] = [themes[0]!, themes[1]!];
    const code = codingStateFrom((await t.store.codings.get(slug, QUESTION))!.state).codes.find(
      (candidate) => candidate.themeId === merged.id && candidate.status !== 'discarded',
    )!;
    const themePage = `${base}/themes/${into.id}`;
    const mine = await agent.get(themePage);
    expect(
      (await sendOp(mine.text, { back: themePage, op: 'merge-themes', into: into.id, themes: merged.id })).status,
    ).toBe(303);
    // A colleague renames one of the merged theme's codes, now under the theme it joined.
    const colleague = (await signedInAgent(t.app, t.store, 'researcher')).agent;
    const theirs = (await colleague.get(themePage)).text;
    const renamed = await colleague
      .post(`${base}/op`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(theirs),
        version: /name="version" value="(\d+)"/.exec(theirs)![1],
        back: themePage,
        op: 'rename-code',
        code: code.id,
        label: 'Renamed by a colleague',
      });
    expect(renamed.status).toBe(303);

    const page = (await agent.get(themePage)).text;
    const undone = await agent
      .post(`${base}/undo`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page), back: themePage });
    expect(undone.status).toBe(303);
    expect(undone.headers.location).toMatch(new RegExp(`^${themePage}\\?kept=[1-9]\\d*$`));
    const after = (await agent.get(undone.headers.location!)).text;
    expect(after).toContain('<strong>Undone only in part:</strong> someone else has since changed');
    // The page's forms come back to the page itself, not to the one-off note.
    expect(after).toContain(`name="back" value="${themePage}"`);
    expect((await agent.get(themePage)).text).not.toContain('Undone only in part');
  });

  test('when a theme is discarded from its page, then its page and the board offer to bring it back, and bringing it back restores it with its codes', async () => {
    const { slug, themes, agent, base, sendOp } = await arrange();
    const discarded = themes.find((theme) => !theme.mixed)!;
    const codesOf = async () =>
      codingStateFrom((await t.store.codings.get(slug, QUESTION))!.state)
        .codes.filter((code) => code.themeId === discarded.id)
        .map((code) => code.id);
    const held = await codesOf();
    expect(held.length).toBeGreaterThan(0);
    const page = `${base}/themes/${discarded.id}`;
    await sendOp((await agent.get(page)).text, { back: page, op: 'discard-theme', theme: discarded.id }).expect(303);
    expect(await codesOf()).toEqual([]);
    const board = (await agent.get(base)).text;
    expect(board).toContain(`<a href="${page}">${discarded.label.replace(/'/g, '&#x27;')}</a>`);
    const gone = await agent.get(page);
    expect(gone.text).toContain('It was discarded.');
    expect(gone.text).toContain('<input type="hidden" name="op" value="restore-theme">');
    const restored = await sendOp(gone.text, { back: page, op: 'restore-theme', theme: discarded.id });
    expect([restored.status, restored.headers.location]).toEqual([303, page]);
    const after = await agent.get(page);
    expect(after.text).toContain(`data-theme="${discarded.id}"`);
    expect(after.text).toContain('(you brought back the theme');
    expect(await codesOf()).toEqual(held);
    expect((await agent.get(base)).text).not.toContain('id="discarded"');
  });

  test("when a researcher asks to start from the machine's definition, then its box holds the machine's text to edit; otherwise it is empty", async () => {
    const { themes, agent, base } = await arrange();
    const theme = themes.find((candidate) => candidate.definition)!;
    const page = `${base}/themes/${theme.id}`;
    const box = (html: string) =>
      new RegExp(`<textarea id="define-${theme.id}"[^>]*>([^<]*)</textarea>`).exec(html)![1]!;
    const plain = (await agent.get(page)).text;
    expect(box(plain)).toBe('');
    expect(plain).toContain(
      `<a href="${page}?start=machine#define-${theme.id}">Start from the machine's definition</a>`,
    );
    const asked = (await agent.get(`${page}?start=machine`)).text;
    const escaped = theme.definition.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
    expect(box(asked)).toBe(escaped);
    expect(asked).not.toContain("Start from the machine's definition</a>");
  });

  test("when a code is split from its theme's page, then the split page leads back to that theme, and the split returns there", async () => {
    const { slug, themes, agent, base } = await arrange();
    const theme = themes.find((candidate) => !candidate.mixed)!;
    const code = codingStateFrom((await t.store.codings.get(slug, QUESTION))!.state).codes.find(
      (candidate) => candidate.themeId === theme.id,
    )!;
    const page = (await agent.get(`${base}/themes/${theme.id}`)).text;
    expect(page).toContain(`href="${base}/split/${code.id}?from=theme"`);
    const split = (await agent.get(`${base}/split/${code.id}?from=theme`)).text;
    expect(split).toContain(`<a href="${base}/themes/${theme.id}">← Back to the theme</a>`);
    expect(split).toContain(`name="back" value="${base}/themes/${theme.id}"`);
    const plain = (await agent.get(`${base}/split/${code.id}`)).text;
    expect(plain).toContain(`<a href="${base}">← Back to the workbench</a>`);
  });

  test("when nothing of the researcher's can be undone, then neither page offers undo; after a change of theirs, both do", async () => {
    const { themes, agent, base, sendOp } = await arrange();
    const board = await agent.get(base);
    expect(board.text).not.toContain('Undo your last change');
    expect((await agent.get(`${base}/themes/${themes[0]!.id}`)).text).not.toContain('Undo your last change');
    await sendOp(board.text, { op: 'accept-theme', theme: themes.find((theme) => !theme.mixed)!.id }).expect(303);
    expect((await agent.get(base)).text).toContain('Undo your last change');
    expect((await agent.get(`${base}/themes/${themes[0]!.id}`)).text).toContain('Undo your last change');
  });

  test('when a theme is renamed from its page to the name it already has, then the page comes back and nothing is recorded', async () => {
    const { slug, themes, agent, base, sendOp } = await arrange();
    const theme = themes[0]!;
    const page = `${base}/themes/${theme.id}`;
    const form = await agent.get(page);
    const before = (await t.store.codings.get(slug, QUESTION))!.version;
    await sendOp(form.text, { back: page, op: 'rename-theme', theme: theme.id, label: theme.label })
      .expect(303)
      .expect('Location', page);
    expect((await t.store.codings.get(slug, QUESTION))!.version).toBe(before);
  });

  test('when a theme is accepted, then its page says its share in the report counts only answers a researcher confirmed', async () => {
    const { themes, agent, base, sendOp } = await arrange();
    const theme = themes.find((candidate) => !candidate.mixed)!;
    const page = `${base}/themes/${theme.id}`;
    const form = await agent.get(page);
    expect(form.text).not.toContain("an accepted theme's share");
    await sendOp(form.text, { op: 'accept-theme', theme: theme.id }).expect(303);
    expect((await agent.get(page)).text).toContain(
      "In the report, an accepted theme's share counts the answers a researcher has confirmed (0 so far)",
    );
  });

  test('when the theme does not exist, then the page is a 404 that says where its answers may have gone', async () => {
    const { agent, base } = await arrange();
    const page = await agent.get(`${base}/themes/no-such-theme`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('running the machine again replaced it: its answers are under the themes on the board');
  });

  test("when the coding screen is asked for a theme's answers, then it shows just those carrying its codes", async () => {
    const { slug, themes, agent, base } = await arrange();
    const stored = codingStateFrom((await t.store.codings.get(slug, QUESTION))!.state);
    const codes = new Set(stored.codes.filter((code) => code.themeId === themes[0]!.id).map((code) => code.id));
    const segments = new Set(
      stored.applications.filter((application) => codes.has(application.codeId)).map((a) => a.segmentId),
    );
    const answers = new Set(
      stored.segments.filter((segment) => segments.has(segment.id)).map((segment) => segment.responseId),
    );
    const all = await agent.get(`${base}/screen/data`);
    const filtered = await agent.get(`${base}/screen/data?theme=${themes[0]!.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.filters.theme).toBe(themes[0]!.id);
    expect(filtered.body.matching).toBe(answers.size);
    expect(filtered.body.matching).toBeGreaterThan(0);
    expect(filtered.body.matching).toBeLessThan(all.body.matching);
  });
  test.each([
    ['the theme page it came from', (base: string, id: string) => `${base}/themes/${id}`, true],
    ['another site', () => '//evil.example/phish', false],
  ])(
    'when a form from a page someone else has since changed is sent back to %s, then the refusal links back only to a staff page',
    async (_name, backOf, linked) => {
      const { themes, agent, base, sendOp } = await arrange();
      const theme = themes[0]!;
      const form = await agent.get(`${base}/themes/${theme.id}`);
      const send = (op: Record<string, string>) => sendOp(form.text, { back: backOf(base, theme.id), ...op });
      expect((await send({ op: 'rename-theme', theme: theme.id, label: 'Renamed meanwhile' })).status).toBe(303);
      const stale = await send({ op: 'accept-theme', theme: theme.id });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed the coding');
      expect(stale.text).not.toContain('the coding is now at version');
      expect(
        stale.text.includes(`<a href="${base}/themes/${theme.id}"><strong>Back to the page you were on</strong></a>`),
      ).toBe(linked);
      expect(stale.text).not.toContain('evil.example');
    },
  );
});
