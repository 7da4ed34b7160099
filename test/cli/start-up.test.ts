import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { PROJECT_ROOT } from '../../server/project-root';
import { tempDir, tempSqlitePath } from '../support/temp-files';

const LAUNCHER = path.join(PROJECT_ROOT, 'canvass');
const DEFAULT_FILE = path.join(PROJECT_ROOT, 'data', 'canvass.db');

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

describe('starting Canvass as the README says', () => {
  test('when ./canvass --help runs from any folder, then it loads no package but commander and names the store the server uses', async () => {
    // A preload that reports, at exit, every package the command loaded: zod alone costs more than Node's start-up.
    const preload = path.join(tempDir(), 'report-packages.js');
    fs.writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write('PACKAGES ' + JSON.stringify([...new Set(Object.keys(require.cache).filter((f) => f.includes('node_modules')).map((f) => f.split('node_modules/').pop().split('/')[0]))]) + '\\n'));",
    );
    for (const cwd of [PROJECT_ROOT, tempDir()]) {
      const result = await run(process.execPath, ['--require', preload, LAUNCHER, '--help'], cwd);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('demo');
      expect(result.stdout.replace(/\s+/g, ' ')).toContain(`sqlite:${DEFAULT_FILE}`);
      expect(JSON.parse(/^PACKAGES (.*)$/m.exec(result.stderr)![1]!)).toEqual(['commander']);
    }
  });

  test('when no store is given, then the server and every command use one file in the project folder, whatever the working folder', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tempDir());
      expect(loadConfig({}).store).toBe(`sqlite:${DEFAULT_FILE}`);
    } finally {
      process.chdir(cwd);
    }
    expect(loadConfig({ CANVASS_STORE: 'sqlite:/elsewhere/x.db' }).store).toBe('sqlite:/elsewhere/x.db');
  });

  test('when npm start gets SIGTERM, then the server stops gracefully and its port is free', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CANVASS_STORE: `sqlite:${tempSqlitePath()}`,
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      npm.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      npm.once('exit', () => reject(new Error(`npm start ended before listening: ${output}`)));
    });
    // The node process listening on that port (npm's child, or the child of the shell npm starts).
    const server = await serverPid(npm.pid!);
    try {
      expect(await portFree(port)).toBe(false);
      const exited = new Promise((resolve) => npm.once('exit', resolve));
      npm.kill('SIGTERM');
      await exited;
      expect(output).toContain('SIGTERM: finishing requests in flight, then stopping');
      expect(alive(server)).toBe(false);
      expect(await portFree(port)).toBe(true);
    } finally {
      if (alive(server)) process.kill(server, 'SIGKILL');
    }
  }, 60_000);
});

/** The `node bin/canvass.js serve` process under npm: read from /proc, since npm may run it through a shell. */
async function serverPid(npmPid: number): Promise<number> {
  const children = (pid: number) =>
    fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) =>
        fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
      );
  const queue = [npmPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (pid !== npmPid && path.basename(argv[0]!) === 'node' && argv.includes('serve')) return pid;
    queue.push(...children(pid));
  }
  throw new Error('no server process under npm start');
}
