const fs = require('node:fs');

// Jest's globalTeardown: removes the run's temporary folder (global-setup.js).
module.exports = function globalTeardown() {
  const root = process.env.CANVASS_JEST_TMP;
  if (root) fs.rmSync(root, { recursive: true, force: true });
};
