import { canonicalJson } from '../../server/store/canonical-json';
import { startServerProcess, stopped } from '../support/server-process';
import { cqlAnswers, cqlPqlSurvey, pqlAnswers, writeSurveyFolder } from '../support/factories';
import { dumpStore } from '../support/store-dump';
import { storeTargets } from '../support/stores';

jest.setTimeout(90_000);

const ACKNOWLEDGED_BEFORE_KILL = 150;
// One test client is one address: its load is well past the per-address limit on new responses, so it is raised.
const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;
const LOAD = { CANVASS_COMPLETE_PER_MINUTE: '1000000', CANVASS_SURVEYS_DIR: writeSurveyFolder([survey]) };

interface StoredRow {
  id: string;
  data: unknown;
  complete: unknown;
}

/** Resolves once `condition` holds, checking every few milliseconds: the test waits on what happened, not on a clock. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe.each(storeTargets)('a server killed while answers arrive, on $name', (target) => {
  test('when it is killed with SIGKILL and restarted, then every acknowledged answer is stored exactly once and intact', async () => {
    const store = target.fresh();
    const first = await startServerProcess(store, LOAD);
    const acknowledged = new Map<string, Record<string, unknown>>();
    const unanswered = new Set<string>();
    let stop = false;
    const client = async (worker: number) => {
      for (let i = 0; !stop; i += 1) {
        const id = `crash-${worker}-${i}`;
        const data =
          i % 3 === 0 ? cqlAnswers({ hours_per_week: (i % 80) + 0.5 }) : pqlAnswers({ hours_per_week: i % 80 });
        try {
          const response = await fetch(`${first.url}/api/surveys/${CQL_PQL}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id, data, complete: true }),
          });
          if (response.status === 201 || response.status === 200) acknowledged.set(id, data);
        } catch {
          unanswered.add(id); // the connection died with the server: this answer was never acknowledged
          return;
        }
      }
    };
    const clients = Array.from({ length: 12 }, (_, worker) => client(worker));
    await until(() => acknowledged.size >= ACKNOWLEDGED_BEFORE_KILL);
    first.child.kill('SIGKILL');
    await stopped(first.child);
    stop = true;
    await Promise.all(clients);
    // Killed under load: answers were in flight that never heard back.
    expect(unanswered.size).toBeGreaterThan(0);

    const second = await startServerProcess(store, LOAD);
    const rows = ((await dumpStore(store)).responses ?? []) as unknown as StoredRow[];
    const copies = new Map<string, StoredRow[]>();
    for (const row of rows) copies.set(row.id, [...(copies.get(row.id) ?? []), row]);
    const missing = [...acknowledged.keys()].filter((id) => !copies.has(id));
    expect(missing).toEqual([]);
    for (const [id, data] of acknowledged) {
      const stored = copies.get(id)!;
      expect(stored).toHaveLength(1);
      expect(Boolean(stored[0]!.complete)).toBe(true);
      const storedData = typeof stored[0]!.data === 'string' ? JSON.parse(stored[0]!.data) : stored[0]!.data;
      expect(canonicalJson(storedData)).toBe(canonicalJson(data));
    }
    // A client that never heard back sends again with the same id: stored once, answered 200 or 201.
    const [someId, someData] = [...acknowledged.entries()][0]!;
    const again = await fetch(`${second.url}/api/surveys/${CQL_PQL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: someId, data: someData, complete: true }),
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGTERM');
    await stopped(second.child);
  });

  test('when it is killed as a burst of submissions is being committed in batches, then nothing acknowledged is missing, nothing is doubled and every stored answer is whole', async () => {
    const store = target.fresh();
    const server = await startServerProcess(store, LOAD);
    const sent = new Map<string, Record<string, unknown>>();
    const acknowledged = new Set<string>();
    // Killed as the first acknowledgement arrives, not when a poll notices it: on a loaded machine a poll came
    // after all 400 answers of a smaller burst had been acknowledged, and nothing was left in flight.
    let killed = false;
    const burst = Array.from({ length: 800 }, (_, i) => {
      const id = `burst-${i}`;
      const data = pqlAnswers({ hours_per_week: i % 80 });
      sent.set(id, data);
      return fetch(`${server.url}/api/surveys/${CQL_PQL}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, data, complete: true }),
      })
        .then((response) => {
          if (response.status !== 201) return;
          acknowledged.add(id);
          // The first acknowledgement means a batch has committed while later ones are still being gathered or written.
          if (!killed) server.child.kill('SIGKILL');
          killed = true;
        })
        .catch(() => undefined);
    });
    await until(() => killed);
    await stopped(server.child);
    await Promise.all(burst);
    expect(acknowledged.size).toBeLessThan(sent.size);

    const rows = ((await dumpStore(store)).responses ?? []) as unknown as StoredRow[];
    const ids = rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...acknowledged].filter((id) => !ids.includes(id))).toEqual([]);
    for (const row of rows) {
      const storedData = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
      expect(canonicalJson(storedData)).toBe(canonicalJson(sent.get(row.id)));
    }
  });
});
