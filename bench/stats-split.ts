/**
 * npm run bench:stats-split [-- --runs 3]
 * The joint review's 159 responses in a fresh SQLite store, then `canvass stats --by role` and `--by lmc`, each
 * in a fresh process (cold: nothing remembered), timed as a user would see them; medians of --runs alternating
 * runs. Target (issue #28): --by lmc within twice --by role. Runs the compiled build (`npm run build` first).
 * Also: while a statistics request split by LMC runs in the server, how long /healthz takes (target < 100 ms).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { buildTestApp, CQL_PQL } from '../test/support/test-app';
import { signedInAgent, storeJointReviewResponses } from '../test/support/factories';

const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 3;
/** --server-only: skip the command-line timings. */
const serverOnly = process.argv.includes('--server-only');
const BIN = path.resolve(__dirname, '..', 'bin', 'canvass.js');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timed(store: string, by: string): number {
  const started = performance.now();
  execFileSync(process.execPath, [BIN, 'stats', CQL_PQL, '--by', by], {
    env: { ...process.env, CANVASS_STORE: store },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (performance.now() - started) / 1000;
}

async function main() {
  const t = await buildTestApp();
  await storeJointReviewResponses(t.store);
  const times: Record<string, number[]> = { role: [], lmc: [] };
  if (!serverOnly) {
    for (let run = 0; run < runs; run += 1) for (const by of ['role', 'lmc']) times[by]!.push(timed(t.location, by));
    const role = median(times.role!);
    const lmc = median(times.lmc!);
    console.log(
      `canvass stats --by role: ${role.toFixed(2)} s; --by lmc: ${lmc.toFixed(2)} s; ratio ${(lmc / role).toFixed(2)} (median of ${runs})`,
    );
  }

  // The server while a statistics request runs: /healthz answered meanwhile, each timed.
  const { agent } = await signedInAgent(t.app, t.store, 'viewer');
  const server = t.app.listen(0);
  const port = (server.address() as { port: number }).port;
  const health: number[] = [];
  let done = false;
  const stats = agent.get(`/api/surveys/${CQL_PQL}/stats?by=lmc`).then((response) => {
    done = true;
    return response;
  });
  const statsStarted = performance.now();
  while (!done) {
    const started = performance.now();
    await request(`http://127.0.0.1:${port}`).get('/healthz');
    health.push(performance.now() - started);
  }
  const statsMs = performance.now() - statsStarted;
  const sorted = [...health].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  console.log(
    `GET stats?by=lmc: ${(await stats).status} in ${statsMs.toFixed(0)} ms; /healthz meanwhile: ${health.length} answered, ` +
      `median ${median(health).toFixed(1)} ms, 99th percentile ${p99.toFixed(1)} ms, slowest ${sorted.at(-1)!.toFixed(1)} ms, ${health.filter((ms) => ms > 100).length} over 100 ms`,
  );
  server.close();
  await t.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
