/**
 * npm run bench:sqlite-drivers [-- --responses 20000 --batch 64 --rounds 3 --dir /path/on/the/store's/disk]
 * better-sqlite3 against Node's built-in node:sqlite, on this machine in one run, doing what the SQLite store
 * does: (1) insert responses in WAL mode with synchronous = FULL, a batch per IMMEDIATE transaction (group
 * commit) with each response in a savepoint of its own after a look-up of its id; (2) stream every response
 * with an iterator, parsing its JSON; (3) the same in keyset pages of 1,000 (what the store's stream does);
 * (4) point reads by survey and id; (5) JSON in TEXT columns: count answers per value with json_extract;
 * (6) the inserts again with synchronous = OFF, to show each driver's own cost apart from the disk's.
 * Each round runs both drivers on fresh files, alternating which goes first; the median of the rounds is
 * printed with the ratio node:sqlite / better-sqlite3 (above 1: node:sqlite slower).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import Database from 'better-sqlite3';
import { syntheticResponses } from './synthetic-responses';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const dirAt = process.argv.indexOf('--dir');
const RESPONSES = option('responses', 20_000);
const BATCH = option('batch', 64);
const ROUNDS = option('rounds', 3);
const POINT_READS = option('reads', 20_000);
const COUNTS = option('counts', 20);
const SLUG = 'gp-quality-clusters-2024';

// The store's schema for responses (server/store/sqlite/migrations.ts) and its connection settings.
const SCHEMA = `CREATE TABLE responses (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, survey_slug TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
  complete INTEGER NOT NULL CHECK (complete IN (0, 1)), submitted_at TEXT NOT NULL, UNIQUE (survey_slug, id));
  CREATE INDEX responses_by_survey_and_arrival ON responses (survey_slug, seq);`;
const pragmas = (synchronous: string) => [
  'PRAGMA journal_mode = WAL',
  `PRAGMA synchronous = ${synchronous}`,
  'PRAGMA busy_timeout = 5000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA secure_delete = ON',
];
const FIND = 'SELECT data, complete FROM responses WHERE survey_slug = ? AND id = ?';
const INSERT = 'INSERT INTO responses (survey_slug, id, data, complete, submitted_at) VALUES (?, ?, ?, ?, ?)';
const ALL = 'SELECT * FROM responses WHERE survey_slug = ? AND complete = 1 ORDER BY seq';
const PAGE = 'SELECT * FROM responses WHERE survey_slug = ? AND seq > ? AND complete = 1 ORDER BY seq LIMIT 1000';
const GET = 'SELECT * FROM responses WHERE survey_slug = ? AND id = ?';
const COUNT_BY = `SELECT json_extract(data, ?) AS value, SUM(complete) AS complete, SUM(1 - complete) AS partial
  FROM responses WHERE survey_slug = ? GROUP BY value ORDER BY value`;

interface Row {
  seq: number;
  id: string;
  data: string;
}
/** The few calls the store makes, so that both drivers run the same code around them. */
interface Driver {
  name: string;
  /** Looks up and inserts each [id, JSON] of a batch in a savepoint, all in one BEGIN IMMEDIATE ... COMMIT. */
  batch(items: Array<[string, string]>): void;
  iterate(): Iterable<unknown>;
  page(after: number): unknown[];
  get(id: string): unknown;
  countBy(path: string): unknown[];
  close(): void;
}

function betterSqlite(file: string, synchronous = 'FULL'): Driver {
  const db = new Database(file);
  for (const pragma of pragmas(synchronous)) db.pragma(pragma.replace('PRAGMA ', ''));
  db.exec(SCHEMA);
  const [find, insert, all, page, get, countBy] = [FIND, INSERT, ALL, PAGE, GET, COUNT_BY].map((sql) =>
    db.prepare(sql),
  ) as [
    Database.Statement,
    Database.Statement,
    Database.Statement,
    Database.Statement,
    Database.Statement,
    Database.Statement,
  ];
  const at = new Date().toISOString();
  const one = db.transaction(([id, data]: [string, string]) => {
    if (!find.get(SLUG, id)) insert.run(SLUG, id, data, 1, at);
  });
  const batch = db.transaction((items: Array<[string, string]>) => items.forEach((item) => one(item)));
  return {
    name: 'better-sqlite3',
    batch: (items) => batch.immediate(items),
    iterate: () => all.iterate(SLUG),
    page: (after) => page.all(SLUG, after),
    get: (id) => get.get(SLUG, id),
    countBy: (jsonPath) => countBy.all(jsonPath, SLUG),
    close: () => db.close(),
  };
}

function nodeSqlite(file: string, synchronous = 'FULL'): Driver {
  const db = new DatabaseSync(file);
  for (const pragma of pragmas(synchronous)) db.exec(pragma);
  db.exec(SCHEMA);
  const [find, insert, all, page, get, countBy] = [FIND, INSERT, ALL, PAGE, GET, COUNT_BY].map((sql) =>
    db.prepare(sql),
  );
  const at = new Date().toISOString();
  // No transaction helper in node:sqlite: the same statements better-sqlite3's db.transaction issues.
  const [begin, commit, rollback, savepoint, release, rollbackTo] = [
    'BEGIN IMMEDIATE',
    'COMMIT',
    'ROLLBACK',
    'SAVEPOINT one',
    'RELEASE one',
    'ROLLBACK TO one',
  ].map((sql) => db.prepare(sql));
  return {
    name: 'node:sqlite',
    batch: (items) => {
      begin!.run();
      try {
        for (const [id, data] of items) {
          savepoint!.run();
          try {
            if (!find!.get(SLUG, id)) insert!.run(SLUG, id, data, 1, at);
            release!.run();
          } catch (error) {
            rollbackTo!.run();
            release!.run();
            throw error;
          }
        }
        commit!.run();
      } catch (error) {
        if (db.isTransaction) rollback!.run();
        throw error;
      }
    },
    iterate: () => all!.iterate(SLUG),
    page: (after) => page!.all(SLUG, after),
    get: (id) => get!.get(SLUG, id),
    countBy: (jsonPath) => countBy!.all(jsonPath, SLUG),
    close: () => db.close(),
  };
}

const answers = [...syntheticResponses(RESPONSES, 7)].map(
  (data, i) => [`r${i}`, JSON.stringify(data)] as [string, string],
);
let readSeed = 11;
const readOrder = Array.from({ length: POINT_READS }, () => {
  readSeed = (Math.imul(readSeed, 1664525) + 1013904223) >>> 0;
  return `r${readSeed % RESPONSES}`;
});

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

type Measures = Record<string, number>;

function measure(open: (file: string, synchronous?: string) => Driver, dir: string): Measures {
  const file = path.join(dir, `${open.name}-${Date.now()}.db`);
  const driver = open(file);
  const measures: Measures = {};
  measures['insert, synchronous FULL (ms)'] = time(() => {
    for (let i = 0; i < answers.length; i += BATCH) driver.batch(answers.slice(i, i + BATCH));
  });
  let parsed = 0;
  measures['stream, iterate() (ms)'] = time(() => {
    for (const row of driver.iterate()) parsed += Object.keys(JSON.parse((row as Row).data)).length;
  });
  measures['stream, keyset pages (ms)'] = time(() => {
    let after = 0;
    for (;;) {
      const rows = driver.page(after) as Row[];
      for (const row of rows) parsed += Object.keys(JSON.parse(row.data)).length;
      if (rows.length < 1000) break;
      after = rows[rows.length - 1]!.seq;
    }
  });
  measures['point reads (ms)'] = time(() => {
    for (const id of readOrder) if (!driver.get(id)) throw new Error(`${id} missing`);
  });
  measures['json_extract counts (ms)'] = time(() => {
    for (let i = 0; i < COUNTS; i += 1) driver.countBy(i % 2 ? '$.lmc' : '$.plt_barrier');
  });
  if (parsed === 0) throw new Error('nothing streamed');
  driver.close();
  // The same inserts without waiting for the disk: what each driver itself costs, apart from fsync.
  const unsynced = open(`${file}-off`, 'OFF');
  measures['insert, synchronous OFF (ms)'] = time(() => {
    for (let i = 0; i < answers.length; i += BATCH) unsynced.batch(answers.slice(i, i + BATCH));
  });
  unsynced.close();
  for (const name of [file, `${file}-off`])
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(name + suffix, { force: true });
  return measures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): void {
  const dir = dirAt > 0 ? process.argv[dirAt + 1]! : fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-sqlite-drivers-'));
  fs.mkdirSync(dir, { recursive: true });
  const probe = new DatabaseSync(':memory:');
  const nodeVersion = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  probe.close();
  const betterProbe = new Database(':memory:');
  const betterVersion = (betterProbe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  betterProbe.close();
  console.log(
    `Node ${process.version}; better-sqlite3 (SQLite ${betterVersion}) against node:sqlite (SQLite ${nodeVersion}); ` +
      `${RESPONSES} responses, batches of ${BATCH}, ${POINT_READS} point reads, ${COUNTS} counts, ${ROUNDS} rounds, in ${dir}`,
  );
  const runs: Record<string, Measures[]> = { 'better-sqlite3': [], 'node:sqlite': [] };
  // Round -1 warms both drivers up (JIT, page cache) and is not counted.
  for (let round = -1; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? [betterSqlite, nodeSqlite] : [nodeSqlite, betterSqlite];
    for (const open of order) {
      const measures = measure(open, dir);
      if (round >= 0) runs[open === betterSqlite ? 'better-sqlite3' : 'node:sqlite']!.push(measures);
    }
  }
  const rows = Object.keys(runs['better-sqlite3']![0]!).map((operation) => {
    const better = median(runs['better-sqlite3']!.map((m) => m[operation]!));
    const builtIn = median(runs['node:sqlite']!.map((m) => m[operation]!));
    return {
      operation,
      'better-sqlite3': Math.round(better),
      'node:sqlite': Math.round(builtIn),
      'ratio node/better': Number((builtIn / better).toFixed(2)),
    };
  });
  console.table(rows);
  const slower = rows.filter((row) => row['ratio node/better'] > 1).length;
  console.log(`node:sqlite slower on ${slower} of ${rows.length} operations (median of ${ROUNDS} rounds)`);
  if (dirAt < 0) fs.rmSync(dir, { recursive: true, force: true });
}

main();
