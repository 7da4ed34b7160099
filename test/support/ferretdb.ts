import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { stopped } from './server-process';

/** The FerretDB binary that .ci/ferretdb builds (.ci/run exports its path), for tests that stop and restart the server. */
export const ferretdbBinary = process.env.FERRETDB_BIN;

export interface FerretDb {
  uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A FerretDB server of the test's own, on a free loopback port with its data in `dir`; stop and start keep the data. */
export async function ownFerretDb(binary: string, dir: string): Promise<FerretDb> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${dir}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
    for (let tries = 0; tries < 200 && !(await answers(port)); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const stop = async () => {
    if (!child) return;
    child.kill('SIGKILL');
    await stopped(child);
    child = null;
  };
  await start();
  return { uri: `mongodb://127.0.0.1:${port}/canvass`, start, stop };
}
