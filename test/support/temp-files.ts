import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test file under the OS temp dir; each test's SQLite file lives in it. */
export function tempDir(prefix = 'canvass-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempSqlitePath(name = 'canvass'): string {
  return path.join(tempDir(), `${name}.db`);
}
