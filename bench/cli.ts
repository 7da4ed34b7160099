/**
 * npm run bench:cli
 * How long the command line takes to answer `--help` as a whole process, run as the README says (`./canvass`),
 * against a bare `node -e 0` (target: within 4 times), with `node bin/canvass.js` and `npx canvass` beside it for
 * comparison (npx reads the whole package tree first). Median of `runs` each, alternating, from the project folder.
 * Also printed by `npm run bench:coding`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '..');

export interface CommandLineStart {
  launcher: number;
  bin: number;
  bare: number;
  npx?: number;
}

/** Seconds a command takes as a whole process from the project root. */
function seconds(command: string, args: string[]): number {
  const started = performance.now();
  execFileSync(command, args, { stdio: 'ignore', cwd: ROOT });
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function commandLineStart(runs = 5, withNpx = false): CommandLineStart {
  const times: Record<'launcher' | 'bin' | 'bare' | 'npx', number[]> = { launcher: [], bin: [], bare: [], npx: [] };
  for (let i = 0; i < runs; i += 1) {
    times.bare.push(seconds(process.execPath, ['-e', '0']));
    times.launcher.push(seconds(path.join(ROOT, 'canvass'), ['--help']));
    times.bin.push(seconds(process.execPath, ['bin/canvass.js', '--help']));
    if (withNpx && i < 3) times.npx.push(seconds('npx', ['canvass', '--help']));
  }
  return {
    launcher: median(times.launcher),
    bin: median(times.bin),
    bare: median(times.bare),
    ...(withNpx ? { npx: median(times.npx) } : {}),
  };
}

export function describeCommandLineStart(cli: CommandLineStart, runs: number): string {
  const npx = cli.npx === undefined ? '' : `; npx canvass --help ${cli.npx.toFixed(3)} s (median of 3)`;
  return `command line: ./canvass --help ${cli.launcher.toFixed(3)} s, node bin/canvass.js --help ${cli.bin.toFixed(3)} s, a bare node -e 0 ${cli.bare.toFixed(3)} s, ratio ${(cli.launcher / cli.bare).toFixed(2)} (target <= 4; median of ${runs})${npx}`;
}

if (require.main === module) {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 11;
  const cli = commandLineStart(runs, true);
  console.log(describeCommandLineStart(cli, runs));
  console.log(cli.launcher <= 4 * cli.bare ? 'all targets met' : 'TARGET MISSED: ./canvass --help');
}
