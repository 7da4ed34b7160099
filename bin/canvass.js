#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx canvass` works straight after `npm ci`.
require('tsx/cjs');
require('../server/cli/main.ts').main(process.argv);
