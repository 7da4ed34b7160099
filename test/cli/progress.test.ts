import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { discoverThemes } from '../../analysis/coding/themes';
import { cliProgress } from '../../server/cli/progress';
import { tempDir } from '../support/temp-files';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'canvass.js');
const TOPICS = [
  'waiting times for appointments',
  'friendly reception staff',
  'parking at the practice',
  'telephone lines always busy',
  'clear explanation from the doctor',
  'clean waiting room',
];

/** Answers on a few topics with varied wording, enough for the number of themes to be chosen. */
function answers(count: number): Array<{ id: string; text: string }> {
  return Array.from({ length: count }, (_, i) => ({
    id: String(i + 1),
    text: `The ${TOPICS[i % TOPICS.length]} was ${['good', 'poor', 'fine', 'awful'][i % 4]} on visit ${i % 7}.`,
  }));
}

/** A stream that says it is (or is not) a terminal, keeping what was written. */
function terminal(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  let written = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (written += chunk.toString()));
  Object.assign(stream, {
    isTTY,
    columns: 120,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    text: () => written,
  });
  return stream;
}

describe('progress on long work', () => {
  test('when themes are discovered, then the phases come in order and each counted phase reaches its total', () => {
    const calls: Array<[string, number, number]> = [];
    discoverThemes(answers(120), { onProgress: (phase, done, total) => calls.push([phase, done, total]) });
    const phases = calls.map(([phase]) => phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['learning word meaning', 'choosing the number of themes', 'grouping answers', 'labelling']);
    for (const phase of ['choosing the number of themes', 'labelling']) {
      const counted = calls.filter(([name]) => name === phase);
      const total = counted[0]![2];
      expect(total).toBeGreaterThan(0);
      expect(counted.map(([, done]) => done)).toEqual([...counted.map(([, done]) => done)].sort((a, b) => a - b));
      expect(counted.at(-1)).toEqual([phase, total, total]);
    }
  });

  test.each([
    ['standard error is a terminal', true, false, true],
    ['standard error is not a terminal', false, false, false],
    ['--quiet is given at a terminal', true, true, false],
  ])('when %s, then progress is drawn only at a terminal without --quiet', (_, isTTY, quiet, drawn) => {
    const stream = terminal(isTTY);
    const progress = cliProgress({ quiet, stream });
    progress.report('choosing the number of themes', 3, 7);
    progress.report('labelling', 2, 5);
    progress.stop();
    if (drawn) {
      expect(stream.text()).toContain('choosing the number of themes: 3 of 7');
      expect(stream.text()).toContain('labelling: 2 of 5');
    } else expect(stream.text()).toBe('');
  });

  /** Runs `canvass themes` with its standard error on a pseudo-terminal (util-linux `script`), or on a pipe. */
  function themesCli(
    atTerminal: boolean,
    extra: string[] = [],
  ): Promise<{ stdout: string; stderr: string; out: string }> {
    const dir = tempDir();
    const csv = path.join(dir, 'answers.csv');
    fs.writeFileSync(
      csv,
      `id,text\n${answers(120)
        .map((answer) => `${answer.id},"${answer.text}"`)
        .join('\n')}\n`,
    );
    const out = path.join(dir, 'themes.json');
    const args = [BIN, 'themes', csv, '--text', 'text', '--id', 'id', '--out', out, ...extra];
    const [command, argv] = atTerminal
      ? ['script', ['-qec', [process.execPath, ...args].map((arg) => `'${arg}'`).join(' '), '/dev/null']]
      : [process.execPath, args];
    return new Promise((resolve, reject) =>
      execFile(
        command as string,
        argv as string[],
        { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm' }, timeout: 120_000 },
        (error, stdout, stderr) => (error ? reject(error) : resolve({ stdout, stderr, out })),
      ),
    );
  }

  test('when canvass themes runs at a terminal, then it shows each phase and the counts on it, and the file is whole', async () => {
    const { stdout, out } = await themesCli(true);
    // `script` joins the terminal's output and error; the progress lines are the ones redrawn with carriage control.
    for (const phase of [
      'reading answers',
      'learning word meaning',
      'choosing the number of themes: ',
      'grouping answers',
      'labelling: ',
    ])
      expect(stdout).toContain(phase);
    expect(stdout).toMatch(/labelling: (\d+) of \1/);
    expect(stdout).toMatch(/candidate themes and \d+ codes written to/);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).themes.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(out)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  test.each([
    ['its standard error is a pipe', false, []],
    ['--quiet is given at a terminal', true, ['--quiet']],
  ])('when canvass themes runs and %s, then nothing but the result is printed', async (_, atTerminal, extra) => {
    const { stdout, stderr } = await themesCli(atTerminal as boolean, extra as string[]);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('choosing the number of themes');
    expect(stdout).not.toContain('labelling');
    expect(stdout).toMatch(/candidate themes and \d+ codes written to/);
  });
});
