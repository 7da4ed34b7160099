// Keeps the shipped survey on purpose: `canvass demo` (the README's demo) loads the shipped survey and its 159
// joint-review answers, and this checks exactly that.
import { runCli } from '../support/cli';
import { CQL_PQL } from '../support/test-app';
import { storeTargets } from '../support/stores';
import { countResponses } from '../support/factories';
import { startServerProcess, stopped } from '../support/server-process';
import { openStore } from '../../server/store/open-store';

const FREE_TEXT = ['time_funding_comments', 'resources_not_in_place', 'qi_work_examples'];

describe.each(storeTargets)('canvass demo on $name', (target) => {
  test('when run twice beside a running server, then its store holds the 159 demo responses and proposed codes once', async () => {
    const location = target.fresh();
    const server = await startServerProcess(location);
    try {
      const first = await runCli(['demo'], { store: location });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('159 demo responses added, 0 already there');
      for (const question of FREE_TEXT)
        expect(first.stdout).toMatch(
          new RegExp(`^${question}: \\d+ codes and \\d+ candidate themes proposed for review$`, 'm'),
        );
      expect(first.stdout).toContain('users add');

      const versions = async () => {
        const store = await openStore(location);
        try {
          const coded = await Promise.all(
            FREE_TEXT.map(async (question) => (await store.codings.get(CQL_PQL, question))?.version),
          );
          return { responses: await countResponses(store, CQL_PQL), coded };
        } finally {
          await store.close();
        }
      };
      const before = await versions();
      expect(before.responses).toBe(159);
      // Dated through May 2024, when the review's survey ran, not the day the demo was loaded.
      const store = await openStore(location);
      const dates: string[] = [];
      for await (const response of store.responses.stream(CQL_PQL, { includePartial: true }))
        dates.push(response.submittedAt);
      await store.close();
      dates.sort();
      expect([dates[0]!.slice(0, 10), dates.at(-1)!.slice(0, 10)]).toEqual(['2024-05-01', '2024-05-31']);
      expect(before.coded.every((version) => typeof version === 'number' && version > 0)).toBe(true);

      const second = await runCli(['demo'], { store: location });
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('0 demo responses added, 159 already there');
      for (const question of FREE_TEXT) expect(second.stdout).toContain(`${question}: already coded, left as it is`);
      expect(await versions()).toEqual(before);

      // The running server sees what the command wrote: its distribution figures count the demo responses.
      const env = { CANVASS_PASSWORD: 'a long enough demo passphrase' };
      expect(
        (await runCli(['users', 'add', 'demo-admin@example.org', '--role', 'admin'], { store: location, env })).code,
      ).toBe(0);
      // With an account made, the command no longer asks for one.
      const third = await runCli(['demo'], { store: location });
      expect([third.stdout.includes('users add'), third.stdout.includes('Next: sign in at /login')]).toEqual([
        false,
        true,
      ]);
      const token = (await runCli(['tokens', 'add', 'demo-admin@example.org'], { store: location })).stdout
        .trim()
        .split('\n')
        .at(-1)!;
      const distribution = await fetch(`${server.url}/api/surveys/${CQL_PQL}/distribution`, {
        headers: { authorization: `Bearer ${token}` },
      }).catch((error: unknown) => {
        // Seen once on a loaded CI machine (ECONNREFUSED): the server's own words say why it went.
        const ended = server.child.exitCode ?? server.child.signalCode ?? 'still running';
        throw new Error(`the server could not be reached (${ended}); it printed: ${server.log()}`, { cause: error });
      });
      expect(distribution.status).toBe(200);
      expect(((await distribution.json()) as { total: { complete: number } }).total.complete).toBe(159);
    } finally {
      server.child.kill('SIGTERM');
      await stopped(server.child);
    }
  }, 240_000);
});
