import { codingStateFrom } from '../../server/coding/coding-record';
import mongoose from 'mongoose';
import { withoutResponses, type CodingState } from '../../server/coding/coding-state';
import { patchBack, patchForward } from '../../server/store/coding-patches';
import { openStore } from '../../server/store/open-store';
import type { Store } from '../../server/store/repository';
import { dumpStore } from '../support/store-dump';
import { storeTargets } from '../support/stores';

const AT = '2026-03-02T10:00:00.000Z';
const change = (operation: string) => ({ operation, doneBy: 'r@example.org', doneAt: AT });

/** A coding of `answers` answers, one segment and one suggested code application each. */
function coding(answers: number, label = 'Admin support'): CodingState {
  const ids = Array.from({ length: answers }, (_, i) => `r${i}`);
  return {
    surveySlug: 's-audit',
    question: 'why',
    segments: ids.map((id, i) => ({
      id: `g${i}`,
      responseId: id,
      text: `Answer ${i}: we need admin support for the cluster meetings.`,
      start: 0,
      end: 50,
    })),
    codes: [
      {
        id: 'c1',
        label,
        definition: '',
        keywords: [],
        source: 'inductive',
        themeId: null,
        parentId: null,
        status: 'proposed',
      },
    ],
    themes: [],
    applications: ids.map((_, i) => ({
      segmentId: `g${i}`,
      codeId: 'c1',
      origin: 'machine',
      by: 'machine',
      status: 'suggested',
      confidence: 0.8,
      evidence: [],
    })),
    memos: [],
  };
}

const auditOf = (dump: Record<string, unknown[]>) => (dump.coding_audit ?? []) as Array<Record<string, unknown>>;

describe.each(storeTargets)('the coding audit on $name', (target) => {
  let location: string;
  let store: Store;
  beforeEach(async () => {
    location = target.fresh();
    store = await openStore(location);
  });
  afterEach(() => store.close());

  test('when one code is accepted among 500 answers, then the audit keeps a small patch, not another copy, and undo restores it', async () => {
    const proposed = coding(500);
    expect(await store.codings.save(proposed, 0, change('code'))).toBe(true);
    const accepted: CodingState = { ...proposed, codes: [{ ...proposed.codes[0]!, status: 'accepted' }] };
    expect(await store.codings.save(accepted, 1, change('accept c1'))).toBe(true);
    const entry = auditOf(await dumpStore(location)).find((kept) => kept.operation === 'accept c1');
    expect(JSON.stringify(entry).length).toBeLessThan(JSON.stringify(accepted).length / 50);
    expect(await store.codings.undo('s-audit', 'why', change('undo'))).toBe(true);
    expect((await store.codings.get('s-audit', 'why'))!.state).toEqual(proposed);
  });

  test('when answers are purged from a coding with history, then no earlier state keeps them and undo still walks back', async () => {
    const first = coding(3);
    const renamed = coding(3, 'Administrative support');
    const accepted: CodingState = { ...renamed, codes: [{ ...renamed.codes[0]!, status: 'accepted' }] };
    expect(await store.codings.save(first, 0, change('code'))).toBe(true);
    expect(await store.codings.save(renamed, 1, change('rename'))).toBe(true);
    expect(await store.codings.save(accepted, 2, change('accept'))).toBe(true);
    const purged = new Set(['r1']);
    await store.codings.rewriteAll('s-audit', (state) => withoutResponses(codingStateFrom(state), purged));
    expect(JSON.stringify(await dumpStore(location))).not.toContain('Answer 1:');
    expect((await store.codings.get('s-audit', 'why'))!.state).toEqual(withoutResponses(accepted, purged));
    expect(await store.codings.undo('s-audit', 'why', change('undo'))).toBe(true);
    expect((await store.codings.get('s-audit', 'why'))!.state).toEqual(withoutResponses(renamed, purged));
    expect(await store.codings.undo('s-audit', 'why', change('undo'))).toBe(true);
    expect((await store.codings.get('s-audit', 'why'))!.state).toEqual(withoutResponses(first, purged));
    expect((await store.codings.history('s-audit', 'why', 10)).map((entry) => entry.operation)).toEqual([
      'undo: undo',
      'undo: undo',
      'accept',
      'rename',
      'code',
    ]);
  });

  if (target.name === 'MongoDB') {
    test('when a process dies after writing the audit entry but before the coding, then the change is applied on the next read and a stale save is refused', async () => {
      const first = coding(2);
      const second = coding(2, 'Renamed');
      expect(await store.codings.save(first, 0, change('code'))).toBe(true);
      // The first of the two writes of a save, as a process killed between them leaves it.
      const connection = await mongoose.createConnection(location).asPromise();
      await connection.db!.collection('coding_audit').insertOne({
        surveySlug: 's-audit',
        question: 'why',
        version: 2,
        generation: 0,
        ...change('rename'),
        beforeState: patchBack(first, second),
        forward: patchForward(first, second),
        undoes: null,
        undone: false,
      });
      await connection.close();
      expect(await store.codings.save(coding(2, 'Stale'), 1, change('rename'))).toBe(false);
      expect((await store.codings.get('s-audit', 'why'))!).toMatchObject({
        version: 2,
        state: { codes: [{ label: 'Renamed' }] },
      });
      expect((await store.codings.history('s-audit', 'why', 10)).map((entry) => entry.operation)).toEqual([
        'rename',
        'code',
      ]);
    });
  }
});
