#!/usr/bin/env node
'use strict';
// Runs the compiled JavaScript in dist/ (built by `npm ci` through the prepare script, or `npm run build`).
// When a TypeScript source is newer than that build (someone is changing the code), the sources run through tsx
// instead, so the command never runs stale code. Looking at every source costs 5-20 ms, so asking for help (which
// only prints the options) skips it: the help then comes from the build even if a source changed since.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'server', 'cli', 'main.js');

function newestSource() {
  let newest = 0;
  for (const folder of ['server', 'analysis']) {
    for (const name of fs.readdirSync(path.join(root, folder), { recursive: true })) {
      if (String(name).endsWith('.ts'))
        newest = Math.max(newest, fs.statSync(path.join(root, folder, String(name))).mtimeMs);
    }
  }
  return newest;
}

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
  const args = process.argv.slice(2);
  const onlyHelp = args.length === 0 || args.every((arg) => arg === '--help' || arg === '-h' || arg === 'help');
  const built = fs.existsSync(compiled) ? fs.statSync(compiled).mtimeMs : 0;
  if (built > 0 && (onlyHelp || built >= newestSource())) {
    require(compiled).main(process.argv);
  } else {
    require('tsx/cjs');
    require('../server/cli/main.ts').main(process.argv);
  }
}
