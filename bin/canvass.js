#!/usr/bin/env node
'use strict';
// Runs the compiled JavaScript in dist/ (built by `npm ci` through the prepare script, or `npm run build`).
// When a TypeScript source is newer than that build (someone is changing the code), the sources run through tsx
// instead, so the command never runs stale code.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'server', 'cli', 'main.js');

function newestSource() {
  let newest = 0;
  for (const folder of ['server', 'analysis']) {
    for (const name of fs.readdirSync(path.join(root, folder), { recursive: true })) {
      if (String(name).endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(root, folder, String(name))).mtimeMs);
    }
  }
  return newest;
}

const built = fs.existsSync(compiled) ? fs.statSync(compiled).mtimeMs : 0;
if (built > 0 && built >= newestSource()) {
  require(compiled).main(process.argv);
} else {
  require('tsx/cjs');
  require('../server/cli/main.ts').main(process.argv);
}
