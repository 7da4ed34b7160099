import Database from 'better-sqlite3';
import { canonicalJson } from '../../server/store/canonical-json';
import { startServerProcess, stopped } from '../support/server-process';
import { tempSqlitePath } from '../support/temp-files';
import { cqlAnswers, pqlAnswers } from '../support/factories';
import { CQL_PQL } from '../support/test-app';

jest.setTimeout(90_000);

describe('a server killed while answers arrive', () => {
  test('when it is killed with SIGKILL and restarted, then every acknowledged answer is stored exactly once and intact', async () => {
    const file = tempSqlitePath();
    const store = `sqlite:${file}`;
    const first = await startServerProcess(store);
    const acknowledged = new Map<string, Record<string, unknown>>();
    let stop = false;
    let sent = 0;
    const client = async (worker: number) => {
      for (let i = 0; !stop; i += 1) {
        const id = `crash-${worker}-${i}`;
        const data = i % 3 === 0 ? cqlAnswers({ hours_per_week: (i % 80) + 0.5 }) : pqlAnswers({ hours_per_week: i % 80 });
        sent += 1;
        try {
          const response = await fetch(`${first.url}/api/surveys/${CQL_PQL}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id, data, complete: true }),
          });
          if (response.status === 201 || response.status === 200) acknowledged.set(id, data);
        } catch {
          return; // the connection died with the server: this answer was never acknowledged
        }
      }
    };
    const clients = Array.from({ length: 12 }, (_, worker) => client(worker));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill('SIGKILL');
    await stopped(first.child);
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.size).toBeGreaterThan(100);
    expect(sent).toBeGreaterThan(acknowledged.size - 1);

    const second = await startServerProcess(store);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT id, data, complete, COUNT(*) OVER (PARTITION BY id) AS copies FROM responses WHERE survey_slug = ?').all(CQL_PQL) as Array<{
      id: string;
      data: string;
      complete: number;
      copies: number;
    }>;
    db.close();
    const stored = new Map(rows.map((row) => [row.id, row]));
    const missing = [...acknowledged.keys()].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    for (const [id, data] of acknowledged) {
      const row = stored.get(id)!;
      expect(row.copies).toBe(1);
      expect(row.complete).toBe(1);
      expect(row.data).toBe(canonicalJson(data));
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
});
