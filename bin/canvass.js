#!/usr/bin/env node
'use strict';
// Runs the compiled JavaScript in dist/, built by `npm ci` (the prepare script) or `npm run build`; without a build,
// the TypeScript sources through tsx. After changing the code, build again (or keep
// `npx tsc -p tsconfig.build.json --watch` running): the command no longer looks at every source on each run to
// find out, and jest rebuilds a stale dist/ once before the tests that run the command (test/support/fresh-build.js).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'server', 'cli', 'main.js');

// npm scripts and npx run Canvass on the Node.js LTS that `npm ci` installs into node_modules (the `node`
// devDependency). Started by an older Node (`./canvass` on a machine that ships Node 20), the command hands itself
// to that one: the SQLite driver needs Node 22 or later.
const projectNode = path.join(root, 'node_modules', 'node', 'bin', 'node');
if (Number(process.versions.node.split('.')[0]) < 24 && fs.existsSync(projectNode)) {
  const child = require('node:child_process').spawn(
    projectNode,
    [...process.execArgv, __filename, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) =>
    process.exit(signal ? 128 + require('node:os').constants.signals[signal] : (code ?? 1)),
  );
} else {
  run();
}

function run() {
  if (fs.existsSync(compiled)) {
    require(compiled).main(process.argv);
  } else {
    require('tsx/cjs');
    require('../server/cli/main.ts').main(process.argv);
  }
}
