/**
 * The bare baselines for bench:ingest: a minimal Express handler that inserts the same JSON into SQLite (WAL) with
 * no validation at all, one transaction per request, at `synchronous = NORMAL` (argv[3] "normal": not durable on
 * power loss) or FULL (one fsync per request). Prints its port when ready.
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';

const file = process.argv[2]!;
fs.mkdirSync(path.dirname(file), { recursive: true });
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma(process.argv[3] === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS responses (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO responses (id, body) VALUES (?, ?)');

const app = express();
app.post('/api/surveys/:slug/responses', express.json({ limit: '256kb' }), (req, res) => {
  insert.run(req.body.id, JSON.stringify(req.body));
  res.status(201).json({ id: req.body.id });
});
const server = app.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
