import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { runCli as runCanvass } from '../support/cli';
import { tempDir } from '../support/temp-files';
import { buildTestApp } from '../support/test-app';
import { storeTargets } from '../support/stores';
import { dumpStore } from '../support/store-dump';
import { csrfTokenIn, cqlAnswers, cqlPqlSurvey, pqlAnswers, writeSurveyFolder } from '../support/factories';

const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;
/** `canvass` with a surveys folder of the test's own, so the survey it adds at start is the factory survey. */
const surveysDir = writeSurveyFolder([survey]);
const runCli = (args: string[], options: Parameters<typeof runCanvass>[1]) =>
  runCanvass(args, { ...options, env: { CANVASS_SURVEYS_DIR: surveysDir, ...options.env } });

const dir = tempDir();
const storeFile = path.join(dir, 'cli.db');
const store = `sqlite:${storeFile}`;
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe('canvass CLI', () => {
  test('when asked for help, then every command is listed', async () => {
    const result = await runCli(['--help'], { store });
    expect(result.code).toBe(0);
    for (const command of ['serve', 'surveys', 'users', 'import', 'export']) expect(result.stdout).toContain(command);
  });

  test('when surveys are listed, then the CQL/PQL survey is there and open', async () => {
    const result = await runCli(['surveys'], { store });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${CQL_PQL}\\topen\\tCluster leads test survey`, 'm'));
  });

  test('when a valid SurveyJS file is added, then it is listed; an invalid one is refused with reasons', async () => {
    const good = write(
      'team-feedback.json',
      JSON.stringify({
        title: 'Team feedback',
        elements: [
          { type: 'rating', name: 'score' },
          { type: 'comment', name: 'why' },
        ],
      }),
    );
    const added = await runCli(['surveys', 'add', good], { store });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added survey "team-feedback"');
    expect((await runCli(['surveys'], { store })).stdout).toContain('team-feedback\topen\tTeam feedback');

    const cases: Array<[string, string, RegExp]> = [
      ['broken.json', '{"title": ', /not valid JSON/],
      [
        'empty.json',
        JSON.stringify({ title: 'Nothing', elements: [{ type: 'html', name: 'intro' }] }),
        /no question that takes an answer/,
      ],
      [
        'dupes.json',
        JSON.stringify({
          elements: [
            { type: 'text', name: 'a' },
            { type: 'text', name: 'a' },
          ],
        }),
        /a: is used by more than one question/,
      ],
      [
        'dotted.json',
        JSON.stringify({ elements: [{ type: 'text', name: 'a.b' }] }),
        /must not start with "\$", contain "\."/,
      ],
      ['Bad Slug.json', JSON.stringify({ elements: [{ type: 'text', name: 'a' }] }), /slug: must be/],
    ];
    for (const [name, content, message] of cases) {
      const result = await runCli(['surveys', 'add', write(name, content)], { store });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    }
  });

  test("when a restricted researcher's password is changed, then the restriction stays unless lifted with --all-surveys", async () => {
    const password = { CANVASS_PASSWORD: 'a long enough passphrase' };
    const surveysOf = async (email: string) => {
      const t = await buildTestApp({ surveys: [survey], file: storeFile });
      const user = await t.store.users.findByEmail(email);
      await t.close();
      return user?.surveys;
    };
    expect(
      (
        await runCli(['users', 'add', 'kept@example.org', '--role', 'researcher', '--surveys', CQL_PQL], {
          store,
          env: password,
        })
      ).code,
    ).toBe(0);
    expect(
      (
        await runCli(['users', 'add', 'kept@example.org', '--role', 'researcher'], {
          store,
          env: { CANVASS_PASSWORD: 'a different long passphrase' },
        })
      ).code,
    ).toBe(0);
    expect(await surveysOf('kept@example.org')).toEqual([CQL_PQL]);
    const both = await runCli(
      ['users', 'add', 'kept@example.org', '--role', 'researcher', '--surveys', CQL_PQL, '--all-surveys'],
      { store, env: password },
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('contradict');
    expect(
      (
        await runCli(['users', 'add', 'kept@example.org', '--role', 'researcher', '--all-surveys'], {
          store,
          env: password,
        })
      ).code,
    ).toBe(0);
    expect(await surveysOf('kept@example.org')).toBeNull();
  });

  test('when a user is disabled, enabled, listed and removed, then each says so and an unknown e-mail is named', async () => {
    const password = { CANVASS_PASSWORD: 'a long enough password' };
    expect(
      (
        await runCli(['users', 'add', 'temp@example.org', '--role', 'viewer', '--surveys', CQL_PQL], {
          store,
          env: password,
        })
      ).code,
    ).toBe(0);
    expect((await runCli(['users', 'disable', 'temp@example.org'], { store })).stdout).toContain(
      'Disabled temp@example.org',
    );
    expect((await runCli(['users', 'list'], { store })).stdout).toContain(
      `temp@example.org\tviewer\t${CQL_PQL}\tdisabled`,
    );
    expect((await runCli(['users', 'enable', 'temp@example.org'], { store })).stdout).toContain(
      'Enabled temp@example.org',
    );
    expect((await runCli(['users', 'list'], { store })).stdout).toContain('temp@example.org\tviewer');
    expect((await runCli(['users', 'remove', 'temp@example.org'], { store })).stdout).toContain(
      'Removed temp@example.org',
    );
    expect((await runCli(['users', 'list'], { store })).stdout).not.toContain('temp@example.org');
    const unknown = await runCli(['users', 'remove', 'temp@example.org'], { store });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no user temp@example.org');
  });

  test('when a staff user is added, then they can sign in; a short password is refused', async () => {
    const added = await runCli(['users', 'add', 'Lead@Example.org', '--role', 'admin'], {
      store,
      input: 'a long enough password\n',
    });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Created admin lead@example.org');
    const fromEnv = await runCli(['users', 'add', 'viewer@example.org', '--role', 'viewer'], {
      store,
      env: { CANVASS_PASSWORD: 'another long password' },
    });
    expect(fromEnv.code).toBe(0);
    const short = await runCli(['users', 'add', 'x@example.org', '--role', 'viewer'], {
      store,
      env: { CANVASS_PASSWORD: 'short' },
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password: must be at least 12 characters/);
    const badRole = await runCli(['users', 'add', 'x@example.org', '--role', 'owner'], {
      store,
      env: { CANVASS_PASSWORD: 'another long password' },
    });
    expect(badRole.code).toBe(1);

    const t = await buildTestApp({ surveys: [survey], file: storeFile });
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    const login = await agent
      .post('/login')
      .type('form')
      .send({ email: 'lead@example.org', password: 'a long enough password', _csrf: csrfTokenIn(page.text) });
    expect(login.status).toBe(303);
    await t.close();
  });

  test('when JSON rows are imported, then good rows are stored, bad rows are named, and a re-import adds nothing', async () => {
    const rows = [
      { id: 'json-1', ...pqlAnswers() },
      { id: 'json-2', ...cqlAnswers(), submitted_at: '2024-05-14T10:00:00Z' },
      { id: 'json-3', ...pqlAnswers({ hours_per_week: 81 }) },
      { id: 'json-4', ...pqlAnswers({ cql_payment_uplift: 'yes' }) },
      { id: 'json-5', lmc: 'fife', complete: false },
    ];
    const file = write('rows.json', JSON.stringify(rows));
    const first = await runCli(['import', CQL_PQL, file], { store });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('imported: 3');
    expect(first.stdout).toContain('rejected: 2');
    expect(first.stderr).toMatch(/^row 3: hours_per_week: /m);
    expect(first.stderr).toMatch(/^row 4: cql_payment_uplift: was not shown/m);

    const again = await runCli(
      ['import', CQL_PQL, write('good-rows.json', JSON.stringify(rows.filter((_, i) => i !== 2 && i !== 3)))],
      { store },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('imported: 0');
    expect(again.stdout).toContain('already present: 3');
  });

  test('when a CSV is imported, then cells become typed answers and a bad row names its row and field', async () => {
    const csv = [
      'id,lmc,role,hours_per_week,plt_barrier,complete,time_funding_comments',
      'csv-1,fife,pql,1.5,yes,true,"Locum costs, backfill"',
      'csv-2,fife,cql,8,no,1,',
      'csv-3,fife,pql,lots,yes,true,',
      'csv-4,fife,,,,false,',
    ].join('\n');
    const result = await runCli(['import', CQL_PQL, write('rows.csv', csv)], { store });
    expect(result.stdout).toContain('imported: 3');
    expect(result.stderr).toMatch(/^row 3: hours_per_week: must be a number/m);
    expect(result.code).toBe(1);
  });

  test('when a Windows-1252 CSV without ids is imported twice, then the text is kept, alike rows stay two and nothing doubles', async () => {
    const lines = [
      'lmc,role,hours_per_week,complete,time_funding_comments',
      'ayrshire-arran,cql,3,true,Caf\u00e9 \u201cbackfill\u201d costs \u2013 \u00a3200',
      'ayrshire-arran,pql,1,true,',
      'ayrshire-arran,pql,1,true,',
    ];
    const file = path.join(dir, 'excel.csv');
    // Written as Excel on Windows saves it: one byte per character in Windows-1252.
    const cp1252: Record<string, number> = { '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96 };
    const bytes = [...lines.join('\r\n')].map((char) => cp1252[char] ?? char.charCodeAt(0));
    fs.writeFileSync(file, Buffer.from(bytes));
    const first = await runCli(['import', CQL_PQL, file], { store });
    expect(first.stdout).toContain('read as Windows-1252');
    expect(first.stdout).toContain('imported: 3');
    const again = await runCli(['import', CQL_PQL, file], { store });
    expect(again.stdout).toContain('imported: 0');
    expect(again.stdout).toContain('already present: 3');
    const exported = JSON.parse((await runCli(['export', CQL_PQL, '--format', 'json'], { store })).stdout) as Array<
      Record<string, unknown>
    >;
    expect(exported.map((row) => row.time_funding_comments)).toContain(
      'Caf\u00e9 \u201cbackfill\u201d costs \u2013 \u00a3200',
    );
    expect(exported.filter((row) => row.lmc === 'ayrshire-arran')).toHaveLength(3);
  });

  test('when a UTF-8 CSV holds one stray Windows-1252 byte, then it is refused naming line and byte and nothing is stored; --encoding reads it as told', async () => {
    const header = 'lmc,role,hours_per_week,complete,time_funding_comments';
    const bytes = Buffer.concat([
      Buffer.from(
        `${header}\nayrshire-arran,cql,3,true,Caf\u00e9 costs\nayrshire-arran,pql,1,true,the practice`,
        'utf8',
      ),
      Buffer.from([0x92]),
      Buffer.from('s locum\n', 'utf8'),
    ]);
    // A store of its own: the rows it imports must not change what the export test below counts.
    const store = `sqlite:${path.join(dir, 'mixed.db')}`;
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, bytes);
    const count = async () =>
      (JSON.parse((await runCli(['export', CQL_PQL, '--format', 'json'], { store })).stdout) as unknown[]).length;
    const before = await count();
    const refused = await runCli(['import', CQL_PQL, file], { store });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not valid UTF-8 at line 3, byte 39 (0x92)');
    expect(refused.stderr).toContain('--encoding');
    expect(await count()).toBe(before);
    const told = await runCli(['import', CQL_PQL, file, '--encoding', 'windows-1252'], { store });
    expect([told.code, told.stdout]).toEqual([0, expect.stringContaining('imported: 2')]);
    const utf8Only = await runCli(['import', CQL_PQL, file, '--encoding', 'utf-8'], { store });
    expect([utf8Only.code, utf8Only.stderr]).toEqual([1, expect.stringContaining('line 3, byte 39 (0x92)')]);
  });

  test('when the same CSV is imported saved as UTF-8, as Windows-1252 with Windows line ends, and with decomposed accents, then nothing doubles', async () => {
    const text = (newline: string) =>
      [
        'lmc,role,hours_per_week,complete,time_funding_comments',
        `fife,cql,2,true,"Ren\u00e9e covers the caf\u00e9 rota${newline}and the locum budget"`,
        'fife,pql,1,true,',
      ].join(newline);
    const store = `sqlite:${path.join(dir, 'reencoded.db')}`;
    const first = await runCli(['import', CQL_PQL, write('saved-utf8.csv', text('\n'))], { store });
    expect(first.stdout).toContain('imported: 2');
    const variants: Array<[string, Buffer]> = [
      ['saved-1252.csv', Buffer.from([...text('\r\n')].map((char) => char.charCodeAt(0)))],
      ['saved-nfd.csv', Buffer.from(`\ufeff${text('\n').normalize('NFD')}`, 'utf8')],
    ];
    for (const [name, bytes] of variants) {
      fs.writeFileSync(path.join(dir, name), bytes);
      const again = await runCli(['import', CQL_PQL, path.join(dir, name)], { store });
      expect([name, again.code, again.stdout]).toEqual([
        name,
        0,
        expect.stringMatching(/imported: 0\nalready present: 2/),
      ]);
    }
  });

  test('when an answer is over its length limit, then the error says the limit', async () => {
    const file = write(
      'long.json',
      JSON.stringify([{ id: 'too-long-1', ...cqlAnswers({ time_funding_comments: 'x'.repeat(5001) }) }]),
    );
    const result = await runCli(['import', CQL_PQL, file], { store });
    expect([result.code, result.stderr]).toEqual([
      1,
      expect.stringContaining('row 1: time_funding_comments: must be at most 5000 characters'),
    ]);
  });

  test('when responses are exported, then CSV and JSON hold every response and formulas are neutralised', async () => {
    const formula = write(
      'formula.json',
      JSON.stringify([{ id: 'formula-1', ...pqlAnswers({ qi_work_examples: '=HYPERLINK("http://evil")' }) }]),
    );
    expect((await runCli(['import', CQL_PQL, formula], { store })).code).toBe(0);

    const csvFile = path.join(dir, 'out.csv');
    const csv = await runCli(['export', CQL_PQL, '--format', 'csv', '--out', csvFile], { store });
    expect(csv.code).toBe(0);
    const text = fs.readFileSync(csvFile, 'utf8');
    const [header, ...lines] = text.trim().split('\n');
    expect(header!.split(',').slice(0, 5)).toEqual(['id', 'submitted_at', 'complete', 'lmc', 'role']);
    expect(lines.some((line) => line.startsWith('json-5,') && line.includes(',false,fife'))).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toMatch(/^json-2,2024-05-14T10:00:00.000Z,true,lothian,cql,4.5/m);

    const json = await runCli(['export', CQL_PQL, '--format', 'json'], { store });
    const exported = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(exported.map((r) => r.id)).toEqual(
      expect.arrayContaining(['json-1', 'json-2', 'json-5', 'csv-1', 'csv-2', 'csv-4', 'formula-1']),
    );
    expect(exported).toHaveLength(lines.length);
    expect(exported.find((r) => r.id === 'csv-1')).toMatchObject({
      complete: true,
      hours_per_week: 1.5,
      time_funding_comments: 'Locum costs, backfill',
    });

    // An export imports back into a fresh store unchanged.
    const copy = `sqlite:${path.join(dir, 'copy.db')}`;
    const roundTrip = await runCli(['import', CQL_PQL, write('export.json', json.stdout)], { store: copy });
    expect(roundTrip.stdout).toContain(`imported: ${exported.length}`);
    expect(roundTrip.code).toBe(0);
  });

  test('when the survey or the file does not exist, then a clear error and exit 1', async () => {
    const noSurvey = await runCli(['export', 'nope', '--format', 'csv'], { store });
    expect(noSurvey.code).toBe(1);
    expect(noSurvey.stderr).toContain('There is no survey "nope"');
    const noFile = await runCli(['import', CQL_PQL, path.join(dir, 'missing.csv')], { store });
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('No such file');
    const badStore = await runCli(['surveys'], { store: 'postgres://x' });
    expect(badStore.code).toBe(1);
    expect(badStore.stderr).toMatch(/Invalid configuration\n\s+--store: /);
  });
});

describe.each(storeTargets)('canvass purge on $name', (target) => {
  jest.setTimeout(120_000);
  test('when asked without confirmation, then it only counts; with --yes, it deletes those responses and no others', async () => {
    const purgeStore = target.fresh();
    const said = (marker: string) => ({
      resources_not_in_place: `We need admin support and protected time, ${marker} said the practice manager.`,
    });
    const rows = [
      { id: 'p-old-1', submitted_at: '2024-01-10T09:00:00Z', ...pqlAnswers(said('Zebraold one')) },
      { id: 'p-old-2', submitted_at: '2024-02-10T09:00:00Z', ...cqlAnswers(said('Zebraold two')) },
      { id: 'p-new', submitted_at: '2024-06-10T09:00:00Z', ...pqlAnswers(said('Zebranew')) },
    ];
    expect(
      (await runCli(['import', CQL_PQL, write('purge.json', JSON.stringify(rows))], { store: purgeStore })).code,
    ).toBe(0);
    // Coded twice, so the audit trail keeps an earlier state holding the answers too.
    for (const extra of [[], ['--replace']]) {
      expect(
        (await runCli(['code', CQL_PQL, '--question', 'resources_not_in_place', ...extra], { store: purgeStore })).code,
      ).toBe(0);
    }
    expect(JSON.stringify(await dumpStore(purgeStore))).toContain('Zebraold');
    const unconfirmed = await runCli(['purge', CQL_PQL, '--before', '2024-03-01'], { store: purgeStore });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain('2 responses');
    expect(unconfirmed.stderr).toContain('Nothing deleted');
    const confirmed = await runCli(['purge', CQL_PQL, '--before', '2024-03-01', '--yes'], { store: purgeStore });
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain('Deleted 2 responses.');
    const left = JSON.parse(
      (await runCli(['export', CQL_PQL, '--format', 'json'], { store: purgeStore })).stdout,
    ) as Array<{ id: string }>;
    expect(left.map((row) => row.id)).toEqual(['p-new']);
    // Every table or collection, read whole: no trace of a purged answer; the kept one is still coded.
    const everything = JSON.stringify(await dumpStore(purgeStore));
    expect(everything).not.toContain('Zebraold');
    expect(everything).not.toContain('p-old-');
    expect(everything).toContain('Zebranew');
    expect((await runCli(['purge', CQL_PQL, '--before', 'someday', '--yes'], { store: purgeStore })).code).toBe(1);
  });
});

describe('canvass purge on SQLite, down to the disk', () => {
  jest.setTimeout(120_000);
  test('when answers are purged, then no byte of the database or its WAL holds them, and the kept answer is still there', async () => {
    const file = path.join(tempDir(), 'purge-disk.db');
    const rows = [
      {
        id: 'd-old',
        submitted_at: '2024-01-10T09:00:00Z',
        ...pqlAnswers({ resources_not_in_place: 'Quokkaold wants protected time for the cluster.' }),
      },
      {
        id: 'd-new',
        submitted_at: '2024-06-10T09:00:00Z',
        ...pqlAnswers({ resources_not_in_place: 'Quokkanew wants admin support.' }),
      },
    ];
    // A server keeps the database open meanwhile, as in use: the purge must work around its connection.
    const t = await buildTestApp({ surveys: [survey], file });
    try {
      expect(
        (await runCli(['import', CQL_PQL, write('purge-disk.json', JSON.stringify(rows))], { store: `sqlite:${file}` }))
          .code,
      ).toBe(0);
      expect(
        (await runCli(['code', CQL_PQL, '--question', 'resources_not_in_place'], { store: `sqlite:${file}` })).code,
      ).toBe(0);
      const onDisk = (marker: string) =>
        [file, `${file}-wal`].filter(
          (name) => fs.existsSync(name) && fs.readFileSync(name).includes(Buffer.from(marker)),
        );
      expect(onDisk('Quokkaold').length).toBeGreaterThan(0);
      const purged = await runCli(['purge', CQL_PQL, '--before', '2024-03-01', '--yes'], { store: `sqlite:${file}` });
      expect([purged.code, purged.stdout, purged.stderr]).toEqual([
        0,
        expect.stringContaining('Deleted 1 responses.'),
        '',
      ]);
      expect(onDisk('Quokkaold')).toEqual([]);
      expect(onDisk('d-old')).toEqual([]);
      expect(await t.store.responses.get(CQL_PQL, 'd-new')).toMatchObject({
        data: expect.objectContaining({ resources_not_in_place: 'Quokkanew wants admin support.' }),
      });
    } finally {
      await t.close();
    }
  });
});
