const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const freshBuild = require('./fresh-build');

// Jest's globalSetup. Every temporary file of this run (SQLite files, survey folders, browser profiles, the
// `canvass` commands' own) goes under one folder, which global-teardown.js removes: the test workers and their
// child processes inherit TMPDIR, which os.tmpdir() reads. Before, each run left some thousand folders in /tmp.
module.exports = function globalSetup() {
  freshBuild();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-jest-'));
  process.env.CANVASS_JEST_TMP = root;
  process.env.TMPDIR = root;
};
