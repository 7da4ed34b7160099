/**
 * npm run bench:sqlite-drivers [-- --responses 20000 --batch 64 --rounds 3 --dir /path/on/the/store's/disk]
 * better-sqlite3 against Node's built-in node:sqlite, on this machine in one run, doing what the SQLite store
 * does: (1) insert responses in WAL mode with synchronous = FULL, a batch per IMMEDIATE transaction (group
 * commit) with each response in a savepoint of its own after a look-up of its id; (2) stream every response
 * with an iterator, parsing its JSON; (3) the same in keyset pages of 1,000 (what the store's stream does);
 * (4) point reads by survey and id; (5) JSON in TEXT columns: count answers per value with json_extract;
 * (6) the inserts again with synchronous = OFF, to show each driver's own cost apart from the disk's.
 * Each round runs both drivers on fresh files, each operation by one driver straight after the other, alternating
 * which goes first; the median over the rounds of wall-clock and of CPU time (the machine may be busy with other
 * work: CPU time is the steadier figure for what a driver costs, wall time includes waiting for the disk) is
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

/** Wall-clock and CPU (user + system) milliseconds of one piece of work. */
function time(work: () => void): [number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000];
}

type Open = (file: string, synchronous?: string) => Driver;
/** Each operation, given a driver on a database that already holds the responses (except the inserts). */
const operations: Array<[string, (driver: Driver) => void]> = [
  [
    'stream, iterate()',
    (driver) => {
      let keys = 0;
      for (const row of driver.iterate()) keys += Object.keys(JSON.parse((row as Row).data)).length;
      if (keys === 0) throw new Error('nothing streamed');
    },
  ],
  [
    'stream, keyset pages',
    (driver) => {
      let after = 0;
      for (;;) {
        const rows = driver.page(after) as Row[];
        for (const row of rows) JSON.parse(row.data);
        if (rows.length < 1000) break;
        after = rows[rows.length - 1]!.seq;
      }
    },
  ],
  [
    'point reads',
    (driver) => {
      for (const id of readOrder) if (!driver.get(id)) throw new Error(`${id} missing`);
    },
  ],
  [
    'json_extract counts',
    (driver) => {
      for (let i = 0; i < COUNTS; i += 1) driver.countBy(i % 2 ? '$.lmc' : '$.plt_barrier');
    },
  ],
];
const insertAll = (driver: Driver) => {
  for (let i = 0; i < answers.length; i += BATCH) driver.batch(answers.slice(i, i + BATCH));
};

/** [wall, cpu] per operation name per driver, over the rounds. */
type Samples = Record<string, Record<string, Array<[number, number]>>>;

/**
 * One round: each operation is run by both drivers one straight after the other (which goes first alternates
 * with the round), so that whatever else the machine is doing at that moment weighs on both alike.
 */
function round(drivers: Array<[string, Open]>, dir: string, samples: Samples | null): void {
  const files = drivers.map(([name]) => path.join(dir, `${name.replace(/\W/g, '-')}-${Date.now()}.db`));
  const record = (operation: string, name: string, measured: [number, number]) => {
    if (!samples) return;
    ((samples[operation] ??= {})[name] ??= []).push(measured);
  };
  const open = drivers.map(([name, opener], i) => [name, opener(files[i]!)] as const);
  for (const [name, driver] of open)
    record(
      'insert, synchronous FULL',
      name,
      time(() => insertAll(driver)),
    );
  for (const [label, work] of operations)
    for (const [name, driver] of open)
      record(
        label,
        name,
        time(() => work(driver)),
      );
  for (const [, driver] of open) driver.close();
  // The same inserts without waiting for the disk: what each driver itself costs, apart from fsync.
  for (const [i, [name, opener]] of drivers.entries()) {
    const unsynced = opener(`${files[i]!}-off`, 'OFF');
    record(
      'insert, synchronous OFF',
      name,
      time(() => insertAll(unsynced)),
    );
    unsynced.close();
  }
  for (const file of files)
    for (const name of [file, `${file}-off`])
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(name + suffix, { force: true });
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
  const drivers: Array<[string, Open]> = [
    ['better-sqlite3', betterSqlite],
    ['node:sqlite', nodeSqlite],
  ];
  const samples: Samples = {};
  // Round -1 warms both drivers up (JIT, page cache) and is not counted.
  for (let r = -1; r < ROUNDS; r += 1)
    round(r % 2 === 0 ? drivers : [...drivers].reverse(), dir, r >= 0 ? samples : null);
  const rows = Object.entries(samples).map(([operation, byDriver]) => {
    const [better, builtIn] = (['better-sqlite3', 'node:sqlite'] as const).map((name) => [
      median(byDriver[name]!.map(([wall]) => wall)),
      median(byDriver[name]!.map(([, cpu]) => cpu)),
    ]) as [[number, number], [number, number]];
    return {
      operation,
      'better-sqlite3 ms': Math.round(better[0]),
      'node:sqlite ms': Math.round(builtIn[0]),
      'ratio node/better': Number((builtIn[0] / better[0]).toFixed(2)),
      'better-sqlite3 CPU ms': Math.round(better[1]),
      'node:sqlite CPU ms': Math.round(builtIn[1]),
      'CPU ratio': Number((builtIn[1] / better[1]).toFixed(2)),
    };
  });
  console.table(rows);
  const slower = rows.filter((row) => row['ratio node/better'] > 1).length;
  console.log(
    `node:sqlite slower on ${slower} of ${rows.length} operations by wall time, ` +
      `${rows.filter((row) => row['CPU ratio'] > 1).length} by CPU time (medians of ${ROUNDS} rounds)`,
  );
  if (dirAt < 0) fs.rmSync(dir, { recursive: true, force: true });
}

main();
