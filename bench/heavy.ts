/**
 * npm run bench:heavy [-- --reports 10 --themes 2]
 * Does the survey page keep answering while staff ask for heavy work? Starts `canvass serve` on 127.0.0.1 with
 * a fresh SQLite store holding the joint review's 159 responses, signs in a viewer and a researcher, then at
 * once asks for --reports (10) Word reports as the viewer and --themes (2) theme runs as the researcher, while
 * fetching the survey page every 100 ms until they are all answered (at most 120 s). Prints each heavy request's
 * status (200/303, or 503 past the queue) and the survey page's p50, p95 and worst latency.
 * Target: the survey page's p95 under a second. Loopback only; bounded in count and time.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SLUG = 'gp-quality-clusters-2024';
const BIN = path.join(ROOT, 'bin', 'canvass.js');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  return Math.max(0, Math.min(20, Number.isFinite(value) ? value : fallback));
}

/** A cookie-keeping client signed in through the real form. */
async function signIn(url: string, email: string, password: string) {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([key, value]) => `${key}=${value}`).join('; ');
  const page = await fetch(`${url}/login`);
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const login = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
    body: new URLSearchParams({ email, password, _csrf: csrf }),
  });
  keep(login);
  if (login.status !== 303) throw new Error(`sign-in failed: ${login.status}`);
  return {
    get: (pathname: string) => fetch(`${url}${pathname}`, { headers: { Cookie: cookie() } }),
    post: async (pathname: string, from: string) => {
      const form = await fetch(`${url}${from}`, { headers: { Cookie: cookie() } });
      const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      return fetch(`${url}${pathname}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
        body: new URLSearchParams({ _csrf: token }),
      });
    },
  };
}

async function main() {
  const reports = option('reports', 10);
  const themes = option('themes', 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-heavy-'));
  const store = `sqlite:${path.join(dir, 'heavy.db')}`;
  // CANVASS_* settings pass through (e.g. CANVASS_REPORT_CONCURRENCY=10 CANVASS_REPORTS_PER_USER=10 to see it unbounded).
  const passed = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key.startsWith('CANVASS_') && key !== 'CANVASS_STORE'),
  );
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...passed, CANVASS_STORE: store };
  const rows = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'joint-review-159.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'rows.json'), JSON.stringify(rows));
  execFileSync(process.execPath, [BIN, 'import', SLUG, path.join(dir, 'rows.json')], { env });
  const password = 'a long bench password';
  for (const [email, role] of [
    ['viewer@bench.example', 'viewer'],
    ['researcher@bench.example', 'researcher'],
  ]) {
    execFileSync(process.execPath, [BIN, 'users', 'add', email!, '--role', role!], {
      env: { ...env, CANVASS_PASSWORD: password },
    });
  }
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec((seen += chunk.toString()));
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
  });
  try {
    const viewer = await signIn(url, 'viewer@bench.example', password);
    const researcher = await signIn(url, 'researcher@bench.example', password);
    const statuses: string[] = [];
    const heavy = [
      ...Array.from({ length: reports }, async () => {
        const response = await viewer.get(`/staff/surveys/${SLUG}/report.docx`);
        await response.arrayBuffer();
        statuses.push(`report ${response.status}`);
      }),
      ...Array.from({ length: themes }, async (_, i) => {
        const question = ['resources_not_in_place', 'time_funding_comments'][i % 2];
        const response = await researcher.post(
          `/staff/surveys/${SLUG}/coding/${question}/run`,
          `/staff/surveys/${SLUG}/coding`,
        );
        statuses.push(`theme run ${response.status}`);
      }),
    ];
    let done = false;
    const deadline = Date.now() + 120_000;
    const all = Promise.all(heavy).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done && Date.now() < deadline) {
      const started = performance.now();
      const page = await fetch(`${url}/s/${SLUG}`);
      await page.text();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await all;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
    const tally = statuses.reduce<Record<string, number>>(
      (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
      {},
    );
    console.log('heavy requests:', tally);
    console.log(
      `survey page while they ran: ${latencies.length} fetches, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, worst ${at(1)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
