import { codingStateFrom } from '../../server/coding/coding-record';
import type { Store } from '../../server/store/repository';

const AT = '2024-05-01T09:00:00.000Z';
const LATER = '2024-05-02T09:00:00.000Z';

const survey = (slug: string) => ({
  slug,
  title: `Survey ${slug}`,
  definition: { pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] },
  distribution: { question: 'lmc', areas: [{ code: 'fife', name: 'Fife', practices: 50 }] },
  analysis: { groupBy: 'q', bands: { q: [{ label: 'Low', to: 1 }] } },
  report: null,
});

const response = (surveySlug: string, id: string, data: Record<string, unknown>, complete = true) => ({
  surveySlug,
  id,
  data,
  complete,
  submittedAt: AT,
});

/**
 * The behaviour every store adapter must share. `open` gives a fresh, empty store; each test uses its own slugs
 * so the order of tests does not matter. `describeOn` is `describe.skip` when there is no such store here, so the
 * run lists every contract test as skipped instead of registering nothing.
 */
export function repositoryContract(name: string, open: () => Promise<Store>, describeOn: jest.Describe = describe) {
  describeOn(`${name} store contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(() => store.close());

    test('when a survey is added, then it reads back as a plain object with an empty schedule', async () => {
      const record = await store.surveys.upsert(survey('s-add'), AT);
      expect(record).toEqual({
        ...survey('s-add'),
        opensAt: null,
        closesAt: null,
        closedAt: null,
        createdAt: AT,
        updatedAt: AT,
        version: 1,
      });
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(await store.surveys.get('s-add')).toEqual(record);
      expect(await store.surveys.get('s-missing')).toBeNull();
    });

    test('when a survey is re-added, then the definition changes and the schedule and creation time stay', async () => {
      await store.surveys.upsert(survey('s-readd'), AT);
      await store.surveys.setSchedule('s-readd', { opensAt: null, closesAt: LATER, closedAt: null }, AT);
      const updated = await store.surveys.upsert({ ...survey('s-readd'), title: 'New title' }, LATER);
      expect(updated).toMatchObject({
        title: 'New title',
        closesAt: LATER,
        createdAt: AT,
        updatedAt: LATER,
        version: 3,
      });
      expect(await store.surveys.version('s-readd')).toBe(3);
      expect(await store.surveys.version('s-missing')).toBeNull();
      expect((await store.surveys.list()).map((s) => s.slug)).toContain('s-readd');
    });

    test('when the distribution changes, then the new practice numbers are kept', async () => {
      await store.surveys.upsert(survey('s-dist'), AT);
      const changed = await store.surveys.setDistribution(
        's-dist',
        { question: 'lmc', areas: [{ code: 'fife', name: 'Fife', practices: 51 }] },
        LATER,
      );
      expect(changed!.distribution!.areas[0]!.practices).toBe(51);
      expect(await store.surveys.setDistribution('s-none', changed!.distribution!, LATER)).toBeNull();
    });

    test('when responses are saved, then each outcome follows the idempotency rules', async () => {
      const slug = 's-save';
      expect(await store.responses.save(response(slug, 'a', { q: 1 }, false))).toBe('created');
      expect(await store.responses.save(response(slug, 'a', { q: 1 }, false))).toBe('unchanged');
      expect(await store.responses.save(response(slug, 'a', { q: 2 }, false))).toBe('updated');
      expect(await store.responses.save(response(slug, 'a', { q: 3 }, true))).toBe('updated');
      expect(await store.responses.save(response(slug, 'a', { q: 3 }, true))).toBe('unchanged');
      expect(await store.responses.save(response(slug, 'a', { q: 3 }, false))).toBe('unchanged');
      expect(await store.responses.save(response(slug, 'a', { q: 4 }, true))).toBe('conflict');
      expect(await store.responses.get(slug, 'a')).toEqual(response(slug, 'a', { q: 3 }, true));
    });

    test('when the same answers come with keys in another order, then they count as the same data', async () => {
      const slug = 's-order';
      await store.responses.save(response(slug, 'a', { x: 1, y: { b: 2, a: 1 } }));
      expect(await store.responses.save(response(slug, 'a', { y: { a: 1, b: 2 }, x: 1 }))).toBe('unchanged');
    });

    test('when two saves of a new id race, then exactly one creates it', async () => {
      const slug = 's-race';
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store.responses.save(response(slug, 'same', { q: 1 }))),
      );
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(7);
    });

    test('when the same id is used in two surveys, then they are two responses', async () => {
      expect(await store.responses.save(response('s-one', 'shared', { q: 1 }))).toBe('created');
      expect(await store.responses.save(response('s-two', 'shared', { q: 2 }))).toBe('created');
    });

    test('when responses are counted by answer, then complete and partial are split per value', async () => {
      const slug = 's-count';
      await store.responses.save(response(slug, '1', { lmc: 'fife' }));
      await store.responses.save(response(slug, '2', { lmc: 'fife' }, false));
      await store.responses.save(response(slug, '3', { lmc: 'borders' }));
      await store.responses.save(response(slug, '4', { other: 1 }));
      const counts = await store.responses.countByAnswer(slug, 'lmc');
      expect(counts).toEqual(
        expect.arrayContaining([
          { value: 'fife', complete: 1, partial: 1 },
          { value: 'borders', complete: 1, partial: 0 },
          { value: null, complete: 1, partial: 0 },
        ]),
      );
      expect(counts).toHaveLength(3);
      expect(await store.responses.countByAnswer('s-empty', 'lmc')).toEqual([]);
    });

    test('when responses are streamed, then they come in order of arrival, partials only when asked', async () => {
      const slug = 's-stream';
      for (let i = 0; i < 2500; i += 1) await store.responses.save(response(slug, `r${i}`, { n: i }, i % 10 !== 0));
      const complete: number[] = [];
      for await (const r of store.responses.stream(slug)) complete.push(r.data.n as number);
      let all = 0;
      for await (const _ of store.responses.stream(slug, { includePartial: true })) all += 1;
      expect(complete).toHaveLength(2250);
      expect(complete.slice(0, 3)).toEqual([1, 2, 3]);
      expect(complete).toEqual([...complete].sort((a, b) => a - b));
      expect(all).toBe(2500);
    });

    test('when responses older than a date are purged, then only those go, and the count says how many', async () => {
      const slug = 's-purge';
      await store.responses.save({ ...response(slug, 'old', { q: 1 }), submittedAt: '2024-01-01T00:00:00.000Z' });
      await store.responses.save({
        ...response(slug, 'old-partial', { q: 1 }, false),
        submittedAt: '2024-02-01T00:00:00.000Z',
      });
      await store.responses.save({ ...response(slug, 'new', { q: 1 }), submittedAt: '2024-06-01T00:00:00.000Z' });
      await store.responses.save({ ...response('s-other', 'old', { q: 1 }), submittedAt: '2024-01-01T00:00:00.000Z' });
      expect(await store.responses.countBefore(slug, '2024-03-01T00:00:00.000Z')).toBe(2);
      expect(await store.responses.deleteBefore(slug, '2024-03-01T00:00:00.000Z')).toBe(2);
      expect(await store.responses.get(slug, 'old')).toBeNull();
      expect(await store.responses.get(slug, 'new')).not.toBeNull();
      expect(await store.responses.get('s-other', 'old')).not.toBeNull();
    });

    test('when the oldest unfinished response is asked for and removed, then only an unfinished one of that survey goes', async () => {
      const slug = 's-evict';
      expect(await store.responses.oldestPartial(slug)).toBeNull();
      await store.responses.save({
        ...response(slug, 'done-early', { q: 1 }),
        submittedAt: '2024-01-01T00:00:00.000Z',
      });
      await store.responses.save({
        ...response(slug, 'partial-later', { q: 1 }, false),
        submittedAt: '2024-03-01T00:00:00.000Z',
      });
      await store.responses.save({
        ...response(slug, 'partial-early', { q: 1 }, false),
        submittedAt: '2024-02-01T00:00:00.000Z',
      });
      expect(await store.responses.oldestPartial(slug)).toBe('partial-early');
      expect(await store.responses.removePartial(slug, 'done-early')).toBe(false);
      expect(await store.responses.removePartial(slug, 'partial-early')).toBe(true);
      expect(await store.responses.get(slug, 'done-early')).not.toBeNull();
      expect(await store.responses.oldestPartial(slug)).toBe('partial-later');
    });

    test("when a user's tokens are revoked or removed together, then only theirs change", async () => {
      const token = (id: string, userEmail: string) => ({
        id,
        userEmail,
        name: 'n',
        hash: `hash-${id}`,
        createdAt: AT,
        expiresAt: null,
        revokedAt: null,
      });
      for (const [id, email] of [
        ['t1', 'owner@example.org'],
        ['t2', 'owner@example.org'],
        ['t3', 'other@example.org'],
      ] as const)
        await store.apiTokens.add(token(id, email));
      expect(await store.apiTokens.revokeForUser('owner@example.org', LATER)).toBe(2);
      expect(await store.apiTokens.revokeForUser('owner@example.org', LATER)).toBe(0);
      expect((await store.apiTokens.findByHash('hash-t1'))?.revokedAt).toBe(LATER);
      expect((await store.apiTokens.findByHash('hash-t3'))?.revokedAt).toBeNull();
      expect(await store.apiTokens.removeForUser('owner@example.org')).toBe(2);
      expect(await store.apiTokens.list('owner@example.org')).toEqual([]);
      expect(await store.apiTokens.list('other@example.org')).toHaveLength(1);
    });

    test('when a user is put twice, then the second changes everything but when it was created', async () => {
      const user = {
        email: 'a@example.org',
        role: 'viewer' as const,
        passwordHash: 'h1',
        createdAt: AT,
        surveys: ['s-one'],
        disabled: false,
        changedAt: AT,
      };
      expect(await store.users.put(user)).toBe('created');
      expect(await store.users.findByEmail('a@example.org')).toEqual(user);
      const changed = { role: 'admin' as const, passwordHash: 'h2', surveys: null, disabled: true, changedAt: LATER };
      expect(await store.users.put({ ...user, ...changed, createdAt: LATER })).toBe('updated');
      expect(await store.users.findByEmail('a@example.org')).toEqual({ ...user, ...changed });
      expect(await store.users.findByEmail('nobody@example.org')).toBeNull();
      expect((await store.users.list()).map((u) => u.email)).toContain('a@example.org');
    });

    test('when a user is removed, then it is gone and removing it again reports nothing removed', async () => {
      await store.users.put({
        email: 'gone@example.org',
        role: 'viewer',
        passwordHash: 'h',
        createdAt: AT,
        surveys: null,
        disabled: false,
        changedAt: AT,
      });
      expect(await store.users.remove('gone@example.org')).toBe(true);
      expect(await store.users.findByEmail('gone@example.org')).toBeNull();
      expect(await store.users.remove('gone@example.org')).toBe(false);
    });

    test("when a user's sessions are destroyed, then only that user's sessions end", async () => {
      await store.sessions.set('mine-1', { user: { email: 'me@example.org' } }, '2999-01-01T00:00:00.000Z');
      await store.sessions.set('mine-2', { user: { email: 'me@example.org' } }, '2999-01-01T00:00:00.000Z');
      await store.sessions.set('theirs', { user: { email: 'them@example.org' } }, '2999-01-01T00:00:00.000Z');
      expect(await store.sessions.destroyForUser('me@example.org')).toBe(2);
      const now = new Date().toISOString();
      expect(await store.sessions.get('mine-1', now)).toBeNull();
      expect(await store.sessions.get('theirs', now)).toEqual({ user: { email: 'them@example.org' } });
    });

    test('when a session expires, then it is no longer returned and purging removes it', async () => {
      await store.sessions.set('live', { user: { email: 'x' } }, '2999-01-01T00:00:00.000Z');
      await store.sessions.set('old', { user: { email: 'y' } }, '2000-01-01T00:00:00.000Z');
      const now = new Date().toISOString();
      expect(await store.sessions.get('live', now)).toEqual({ user: { email: 'x' } });
      expect(await store.sessions.get('old', now)).toBeNull();
      await store.sessions.touch('live', '2000-01-02T00:00:00.000Z');
      expect(await store.sessions.get('live', now)).toBeNull();
      expect(await store.sessions.purgeExpired(now)).toBeGreaterThanOrEqual(1);
      await store.sessions.set('gone', {}, '2999-01-01T00:00:00.000Z');
      await store.sessions.destroy('gone');
      expect(await store.sessions.get('gone', now)).toBeNull();
    });

    test('when report sections are edited, then the latest edit of each is current and history keeps them all', async () => {
      const edit = (section: string, text: string, at: string) => ({
        surveySlug: 's-report',
        section,
        text,
        editedBy: 'a@example.org',
        editedAt: at,
      });
      await store.reportEdits.add(edit('background', 'First', AT));
      await store.reportEdits.add(edit('discussion', 'Talk', AT));
      await store.reportEdits.add(edit('background', 'Second', LATER));
      const current = await store.reportEdits.current('s-report');
      expect(Object.keys(current).sort()).toEqual(['background', 'discussion']);
      expect(current.background).toEqual(edit('background', 'Second', LATER));
      expect((await store.reportEdits.history('s-report', 10)).map((e) => e.text)).toEqual(['Second', 'Talk', 'First']);
      expect(await store.reportEdits.current('s-none')).toEqual({});
    });

    test('when coding is saved, then versions guard against lost updates and every change can be undone in turn', async () => {
      const state = (label: string) => ({
        surveySlug: 's-coding',
        question: 'why',
        segments: [{ id: 'g1', responseId: 'r1', text: 'Admin support', start: 0, end: 13 }],
        codes: [
          {
            id: 'c1',
            label,
            definition: '',
            keywords: [],
            source: 'inductive' as const,
            themeId: null,
            parentId: null,
            status: 'proposed' as const,
          },
        ],
        themes: [],
        applications: [],
        memos: [],
      });
      const change = (operation: string) => ({ operation, doneBy: 'r@example.org', doneAt: AT });
      expect(await store.codings.get('s-coding', 'why')).toBeNull();
      expect(await store.codings.save(state('First'), 0, change('code'))).toBe(true);
      expect(await store.codings.save(state('Stale'), 0, change('code again'))).toBe(false);
      expect(await store.codings.save(state('Second'), 1, change('rename'))).toBe(true);
      expect(await store.codings.save(state('Third'), 2, change('rename'))).toBe(true);
      expect((await store.codings.get('s-coding', 'why'))!).toMatchObject({
        version: 3,
        state: { codes: [{ label: 'Third' }] },
      });
      expect(await store.codings.undo('s-coding', 'why', change('undo'))).toBe(true);
      expect(codingStateFrom((await store.codings.get('s-coding', 'why'))!.state).codes[0]!.label).toBe('Second');
      expect(await store.codings.undo('s-coding', 'why', change('undo'))).toBe(true);
      expect(codingStateFrom((await store.codings.get('s-coding', 'why'))!.state).codes[0]!.label).toBe('First');
      expect(await store.codings.undo('s-coding', 'why', change('undo'))).toBe(false);
      const history = await store.codings.history('s-coding', 'why', 10);
      expect(history.map((entry) => entry.operation)).toEqual(['undo: undo', 'undo: undo', 'rename', 'rename', 'code']);
      expect(await store.codings.questions('s-coding')).toEqual(['why']);
      expect(await store.codings.undo('s-none', 'why', change('undo'))).toBe(false);
    });

    test('when API tokens are added, listed and revoked, then they are found by hash until revoked, newest first', async () => {
      const token = (id: string, createdAt: string) => ({
        id,
        userEmail: 't@example.org',
        name: `token ${id}`,
        hash: `hash-${id}`,
        createdAt,
        expiresAt: null,
        revokedAt: null,
      });
      await store.apiTokens.add(token('t1', AT));
      await store.apiTokens.add(token('t2', LATER));
      expect(await store.apiTokens.findByHash('hash-t1')).toEqual(token('t1', AT));
      expect((await store.apiTokens.list('t@example.org')).map((t) => t.id)).toEqual(['t2', 't1']);
      expect(await store.apiTokens.revoke('t1', LATER)).toBe(true);
      expect(await store.apiTokens.revoke('t1', LATER)).toBe(false);
      expect(await store.apiTokens.findByHash('hash-t1')).toMatchObject({ revokedAt: LATER });
      expect(await store.apiTokens.findByHash('hash-none')).toBeNull();
    });

    test('when a setting is initialised twice, then the first value wins', async () => {
      expect(await store.settings.getOrInit('k', 'first')).toBe('first');
      expect(await store.settings.getOrInit('k', 'second')).toBe('first');
    });

    test('when the store is up, then ping resolves', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
