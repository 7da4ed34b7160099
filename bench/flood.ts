/**
 * npm run bench:flood [-- --seconds 10 --connections 4 --max 3000]
 * Does a flood stop at the flooder? Starts `canvass serve` in its own process on 127.0.0.1 (a fresh SQLite store,
 * CANVASS_TRUST_PROXY=loopback so X-Forwarded-For stands for two clients behind one proxy), then for at most
 * --seconds (10) and --max (3000) requests: a flooder at address A posts new complete responses and new
 * unfinished ones as fast as --connections (4) connections go, while a respondent at address B submits one
 * complete response and one unfinished one every 200 ms. Prints what each got (201 / 429 / other), the flooder's
 * stored responses a second, and B's latency (p50, p95). Target: every one of B's requests stored (201), A held to
 * its limits (60 complete and 120 unfinished a minute by default). Loopback only; bounded in count and time.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syntheticResponses } from './synthetic-responses';

const ROOT = path.resolve(__dirname, '..');
const SLUG = 'gp-quality-clusters-2024';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const seconds = Math.min(option('seconds', 10), 60);
const connections = Math.min(option('connections', 4), 16);
const max = Math.min(option('max', 3000), 20_000);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-flood-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'canvass.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      CANVASS_STORE: `sqlite:${path.join(dir, 'flood.db')}`,
      CANVASS_TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
  });
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('loopback only');
  const answers = [...syntheticResponses(1000)];
  const post = async (address: string, complete: boolean) => {
    const started = performance.now();
    const response = await fetch(`${url}/api/surveys/${SLUG}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
      body: JSON.stringify({
        id: randomUUID(),
        data: complete ? answers[Math.floor(Math.random() * answers.length)] : { lmc: 'fife' },
        complete,
      }),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  };
  const tally = () => new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const flooder = tally();
  const other = tally();
  const otherMs: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  const flood = async () => {
    while (Date.now() < deadline && sent < max) {
      sent += 1;
      const complete = sent % 2 === 0;
      const { status } = await post('203.0.113.66', complete);
      count(flooder, `${complete ? 'complete' : 'unfinished'} ${status}`);
    }
  };
  const respondent = async () => {
    while (Date.now() < deadline && sent < max) {
      for (const complete of [true, false]) {
        const { status, ms } = await post('198.51.100.20', complete);
        count(other, `${complete ? 'complete' : 'unfinished'} ${status}`);
        otherMs.push(ms);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const began = Date.now();
  await Promise.all([...Array.from({ length: connections }, flood), respondent()]);
  const elapsed = (Date.now() - began) / 1000;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  otherMs.sort((a, b) => a - b);
  const at = (q: number) => otherMs[Math.min(otherMs.length - 1, Math.floor(q * otherMs.length))]!.toFixed(1);
  const stored = [...flooder].filter(([key]) => key.endsWith(' 201')).reduce((sum, [, n]) => sum + n, 0);
  console.log(`${sent} flooder requests over ${elapsed.toFixed(1)} s from ${connections} connections`);
  console.log('flooder (A):', Object.fromEntries([...flooder].sort()));
  console.log(`flooder stored ${stored} responses, ${(stored / elapsed).toFixed(1)} a second`);
  console.log('respondent (B):', Object.fromEntries([...other].sort()));
  console.log(`respondent latency: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
  const refused = [...other].filter(([key]) => !key.endsWith(' 201')).reduce((sum, [, n]) => sum + n, 0);
  if (refused > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
