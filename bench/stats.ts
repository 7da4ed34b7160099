/**
 * npm run bench:stats [-- --n 1000000] [-- --store mongodb://127.0.0.1:27017/]
 * Fills a fresh store (SQLite, or a new database on the MongoDB server named by --store) with N synthetic
 * CQL/PQL responses, then measures, each in a fresh process,
 * (a) a plain scan of every response and (b) statistics by role, and prints seconds, their ratio and peak RSS.
 * The two alternate --runs times (default 3) on the same store and the medians are printed, so that one noisy
 * pair on a shared machine does not decide the ratio; the ratio is the median of the runs' ratios.
 * Targets on 2 cores: (b)/(a) <= 1.3; 1,000,000 responses in under 10 s; peak memory under 300 MB and flat in N.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import mongoose from 'mongoose';
import { canonicalJson } from '../server/store/canonical-json';
import { openStore } from '../server/store/open-store';
import { SurveyService } from '../server/surveys/survey-service';
import { syntheticResponses } from './synthetic-responses';

const SURVEYS = path.resolve(__dirname, '..', 'surveys');

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const runs = argument('runs', 3);
const mongoServer = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : undefined;

/** Bulk load straight into the schema: setting up a million rows through per-request transactions is not what is measured. */
async function fill(location: string, n: number) {
  const store = await openStore(location);
  await new SurveyService(store.surveys).addBundled(SURVEYS);
  await store.close();
  if (!location.startsWith('sqlite:')) return fillMongo(location, n);
  const file = location.slice('sqlite:'.length);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO responses (survey_slug, id, data, complete, submitted_at) VALUES (?, ?, ?, ?, ?)',
  );
  const batch = db.transaction((rows: Array<[string, string, number]>) => {
    for (const [id, data, complete] of rows)
      insert.run('gp-quality-clusters-2024', id, data, complete, '2024-05-20T10:00:00.000Z');
  });
  let rows: Array<[string, string, number]> = [];
  let i = 0;
  for (const data of syntheticResponses(n)) {
    rows.push([`bench-${i}`, JSON.stringify(data), i % 50 === 0 ? 0 : 1]);
    i += 1;
    if (rows.length === 10_000) {
      batch(rows);
      rows = [];
    }
  }
  batch(rows);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The same rows as the adapter writes them (with dataKey), 10,000 to an unordered insertMany. */
async function fillMongo(uri: string, n: number) {
  const connection = await mongoose.createConnection(uri).asPromise();
  const responses = connection.db!.collection('responses');
  let rows: Array<Record<string, unknown>> = [];
  let i = 0;
  for (const data of syntheticResponses(n)) {
    const dataKey = createHash('sha256').update(canonicalJson(data)).digest('hex');
    rows.push({
      surveySlug: 'gp-quality-clusters-2024',
      id: `bench-${i}`,
      data,
      dataKey,
      complete: i % 50 !== 0,
      submittedAt: '2024-05-20T10:00:00.000Z',
    });
    i += 1;
    if (rows.length === 10_000) {
      await responses.insertMany(rows, { ordered: false });
      rows = [];
    }
  }
  if (rows.length) await responses.insertMany(rows, { ordered: false });
  await connection.close();
}

function freshLocation(dir: string, n: number): string {
  if (!mongoServer) return `sqlite:${path.join(dir, 'bench.db')}`;
  const url = new URL(mongoServer);
  url.pathname = `/canvass_bench_${n}_${Date.now()}`;
  return url.toString();
}

async function drop(location: string) {
  if (location.startsWith('sqlite:')) return;
  const connection = await mongoose.createConnection(location).asPromise();
  await connection.dropDatabase();
  await connection.close();
}

function measure(step: 'scan' | 'stats', location: string) {
  const output = execFileSync(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(__dirname, 'stats-worker.ts'), step, location],
    { encoding: 'utf8' },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as { seconds: number; peakRssMb: number; responses: number };
}

async function run(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-bench-'));
  const location = freshLocation(dir, n);
  const fillStarted = Date.now();
  await fill(location, n);
  const fillSeconds = (Date.now() - fillStarted) / 1000;
  const pairs = Array.from({ length: runs }, () => ({
    scan: measure('scan', location),
    stats: measure('stats', location),
  }));
  await drop(location);
  fs.rmSync(dir, { recursive: true, force: true });
  const of = (step: 'scan' | 'stats') => pairs.map((pair) => pair[step]);
  const ratios = pairs.map((pair) => pair.stats.seconds / pair.scan.seconds);
  return {
    n,
    fillSeconds,
    scan: {
      seconds: median(of('scan').map((m) => m.seconds)),
      peakRssMb: Math.max(...of('scan').map((m) => m.peakRssMb)),
    },
    stats: {
      seconds: median(of('stats').map((m) => m.seconds)),
      peakRssMb: Math.max(...of('stats').map((m) => m.peakRssMb)),
    },
    responses: of('stats').map((m) => m.responses),
    ratio: median(ratios),
    ratios,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main() {
  // The workers measure the compiled build; bring it up to date with the sources first.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' });
  const sizes = process.argv.includes('--n') ? [argument('n', 1_000_000)] : [100_000, 1_000_000];
  console.log(
    `bench:stats on ${os.cpus().length} cores, Node ${process.version}, store ${mongoServer ? `MongoDB (${mongoServer})` : 'SQLite'}, median of ${runs} alternating runs`,
  );
  console.log(
    "responses   scan (a) s   stats (b) s   (b)/(a)   peak RSS scan MB   peak RSS stats MB   each run's (b)/(a)",
  );
  const results: Array<Awaited<ReturnType<typeof run>>> = [];
  for (const n of sizes) {
    const r = await run(n);
    results.push(r);
    console.log(
      `${String(r.n).padStart(9)}   ${r.scan.seconds.toFixed(2).padStart(10)}   ${r.stats.seconds.toFixed(2).padStart(11)}   ${r.ratio.toFixed(2).padStart(7)}   ${r.scan.peakRssMb.toFixed(0).padStart(16)}   ${r.stats.peakRssMb.toFixed(0).padStart(17)}   ${r.ratios.map((ratio) => ratio.toFixed(2)).join(' ')}`,
    );
    if (r.responses.some((seen) => seen !== n))
      throw new Error(`stats saw ${r.responses.join(', ')} responses, expected ${n}`);
  }
  const million = results.find((r) => r.n === 1_000_000);
  const smallest = results[0]!;
  const flat = !million || million === smallest || million.stats.peakRssMb <= smallest.stats.peakRssMb * 1.25;
  const met =
    million &&
    million.ratio <= 1.3 &&
    million.stats.seconds < 10 &&
    results.every((r) => r.stats.peakRssMb < 300) &&
    flat;
  const verdict = million ? (met ? 'met' : 'NOT met') : 'measured at 1,000,000 responses only';
  console.log(
    `targets ((b)/(a) <= 1.3 and stats under 10 s at 1,000,000; peak RSS under 300 MB and flat as N grows): ${verdict}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
