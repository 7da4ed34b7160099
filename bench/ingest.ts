/**
 * npm run bench:ingest [-- --duration 20 --connections 50 --rate 500] [-- --store mongodb://127.0.0.1:27017/]
 * Starts Canvass on a fresh store (its own process; SQLite, or a new database on the MongoDB server named by --store) and drives valid CQL/PQL submissions at it with
 * autocannon: (1) as fast as 50 connections go, for 20 s, printing acknowledged submissions a second and
 * errors; (2) at a fixed 500 a second, printing p50 and p99 latency. The same two runs go against a bare
 * baselines (bench/baseline-server.ts: same JSON, no validation, one transaction per request, synchronous NORMAL
 * and FULL) and our throughput is printed as a ratio of each. Target: at least 0.8 of the NORMAL insert while
 * every acknowledgement still waits for its fsync (group commit); p99 < 50 ms at 500/s; no errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { openStore } from '../server/store/open-store';
import { steadyRate } from './steady-rate';
import { syntheticResponses } from './synthetic-responses';

const ROOT = path.resolve(__dirname, '..');
const SLUG = 'gp-quality-clusters-2024';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function start(
  command: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready: ${seen}`)));
  });
}

const mongoServer = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : undefined;

function freshLocation(dir: string): string {
  if (!mongoServer) return `sqlite:${path.join(dir, 'canvass.db')}`;
  const url = new URL(mongoServer);
  url.pathname = `/canvass_ingest_${Date.now()}`;
  return url.toString();
}

async function storedCount(location: string): Promise<number> {
  const store = await openStore(location);
  let count = 0;
  for await (const _ of store.responses.stream(SLUG, { includePartial: true })) count += 1;
  await store.close();
  if (!location.startsWith('sqlite:')) {
    const connection = await mongoose.createConnection(location).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
  return count;
}

const bodies = [...syntheticResponses(1000, 7)];
let sequence = 0;

async function load(port: number, options: { duration: number; connections: number }) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/surveys/${SLUG}/responses`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    duration: options.duration,
    connections: options.connections,
    requests: [
      {
        setupRequest: (request) => {
          sequence += 1;
          return {
            ...request,
            body: JSON.stringify({
              id: `load-${process.pid}-${sequence}`,
              data: bodies[sequence % bodies.length],
              complete: true,
            }),
          };
        },
      },
    ],
  });
  const acknowledged = result['2xx'];
  return {
    perSecond: acknowledged / options.duration,
    acknowledged,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function measure(
  label: string,
  server: { child: ChildProcess; port: number },
  duration: number,
  connections: number,
  rate: number,
) {
  const warmUp = await load(server.port, { duration: 2, connections }); // warm-up, not in the figures
  const flat = await load(server.port, { duration, connections });
  const fixed = await steadyRate(
    server.port,
    `/api/surveys/${SLUG}/responses`,
    rate,
    Math.max(5, Math.round(duration / 2)),
    (i) =>
      JSON.stringify({ id: `steady-${process.pid}-${label}-${i}`, data: bodies[i % bodies.length], complete: true }),
  );
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  console.log(
    `${label.padEnd(9)} ${flat.perSecond.toFixed(0).padStart(8)}/s  errors ${String(flat.errors).padStart(3)}  | at ${rate}/s: p50 ${fixed.p50.toFixed(1).padStart(5)} ms  p99 ${fixed.p99.toFixed(1).padStart(5)} ms  errors ${fixed.errors}`,
  );
  return { flat, fixed, acknowledged: warmUp.acknowledged + flat.acknowledged + fixed.acknowledged };
}

async function main() {
  const duration = option('duration', 20);
  const connections = option('connections', 50);
  const rate = option('rate', 500);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-ingest-'));
  const storeName = mongoServer ? `MongoDB (${mongoServer}), write concern majority` : 'SQLite WAL, synchronous = FULL';
  console.log(
    `bench:ingest on ${os.cpus().length} cores: ${connections} connections for ${duration} s, then ${rate}/s; canvass on ${storeName}`,
  );

  const location = freshLocation(dir);
  const canvass = await start(
    ['bin/canvass.js', 'serve', '--port', '0'],
    // Every request comes from one address: the per-address limit on new responses is raised, as for any load test.
    { CANVASS_STORE: location, HOST: '127.0.0.1', CANVASS_COMPLETE_PER_MINUTE: '100000000' },
    /listening on http:\/\/[^:]+:(\d+)/,
  );
  const ours = await measure('canvass', canvass, duration, connections, rate);

  const normal = await start(
    ['--require', 'tsx/cjs', 'bench/baseline-server.ts', path.join(dir, 'normal.db'), 'normal'],
    {},
    /PORT (\d+)/,
  );
  const bareNormal = await measure('NORMAL', normal, duration, connections, rate);
  const full = await start(
    ['--require', 'tsx/cjs', 'bench/baseline-server.ts', path.join(dir, 'full.db'), 'full'],
    {},
    /PORT (\d+)/,
  );
  const bareFull = await measure('FULL', full, duration, connections, rate);

  const stored = await storedCount(location);
  console.log(
    'baselines: a bare Express + better-sqlite3 insert, one transaction per request, synchronous = NORMAL (not durable on power loss) and FULL',
  );
  console.log(
    `ratio to the bare NORMAL insert: ${(ours.flat.perSecond / bareNormal.flat.perSecond).toFixed(2)} (target >= 0.8); to the bare FULL insert: ${(ours.flat.perSecond / bareFull.flat.perSecond).toFixed(2)}`,
  );
  // autocannon stops with one request in flight per connection in each of its two runs: those may be stored
  // without being counted as acknowledged. Fewer stored than acknowledged would be a lost answer.
  const inFlight = stored - ours.acknowledged;
  const verdict = inFlight >= 0 && inFlight <= 2 * connections ? 'no acknowledged submission missing' : 'MISMATCH';
  console.log(
    `acknowledged ${ours.acknowledged}, stored ${stored} (${inFlight} in flight when autocannon stopped): ${verdict}`,
  );
  const met =
    ours.flat.perSecond / bareNormal.flat.perSecond >= 0.8 &&
    ours.fixed.p99 < 50 &&
    ours.flat.errors + ours.fixed.errors === 0 &&
    verdict !== 'MISMATCH';
  console.log(
    `targets (ratio to NORMAL >= 0.8 while every acknowledgement waits for an fsync (group commit), p99 < 50 ms at 500/s, no errors, nothing acknowledged missing): ${met ? 'met' : 'NOT met'}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
