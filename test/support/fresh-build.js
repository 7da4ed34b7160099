const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const compiled = path.join(root, 'dist', 'server', 'cli', 'main.js');

/** The newest modification time of the TypeScript the build compiles. */
function newestSource() {
  let newest = 0;
  for (const folder of ['server', 'analysis']) {
    for (const name of fs.readdirSync(path.join(root, folder), { recursive: true })) {
      // JSON too: the shipped vocabulary (analysis/coding/*.json) is compiled into dist/ with the code.
      if (/\.(ts|json)$/.test(String(name)))
        newest = Math.max(newest, fs.statSync(path.join(root, folder, String(name))).mtimeMs);
    }
  }
  return newest;
}

// Jest's globalSetup: many tests run the real `canvass` command, which runs dist/ (bin/canvass.js). When a source
// changed since the last build, build once here, so that they test the code as it is now, not the last build.
module.exports = function freshBuild() {
  const built = fs.existsSync(compiled) ? fs.statSync(compiled).mtimeMs : 0;
  if (built >= newestSource()) return;
  process.stderr.write('\nfresh-build: a source changed since dist/ was built; building it (npm run build) first\n');
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // tsc writes the JavaScript even when the types are wrong; ts-jest reports those in the tests themselves.
  if (build.status !== 0) process.stderr.write('fresh-build: tsc reported errors (dist/ was written anyway)\n');
};
