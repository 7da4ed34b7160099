// Keeps the shipped survey's file on purpose: it checks the starter codebook shipped beside the CQL/PQL survey
// (surveys/gp-quality-clusters-2024.codebook.json) codes its answers as the review's themes.
import fs from 'node:fs';
import path from 'node:path';
import { CodebookMatcher, readCodebook } from '../../analysis/coding/codebook';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-files';

const STARTER = path.resolve(__dirname, '..', '..', 'surveys', 'gp-quality-clusters-2024.codebook.json');

describe('the starter codebook for the CQL/PQL survey', () => {
  const matcher = new CodebookMatcher(readCodebook(STARTER));
  const codesOf = (text: string) => [...new Set(matcher.match(text).map((match) => match.code))].sort();

  test.each([
    ['We need admin support to organise meetings and collate data.', ['admin-support', 'data-analyst']],
    ['More protected time for quality improvement work.', ['protected-time']],
    ['There is no Protected Learning Time (PLT) to embed change in the practice.', ['plt']],
    ['Workload pressures in practice eat into the protected time for QI.', ['protected-time', 'workload-pressure']],
    ['The HSCP and Health Board do not seem to value the cluster quality work.', ['valuing']],
    ['CQL networking with other clusters would help us share good practice and give peer support.', ['networking']],
    [
      'Backfill locum costs have risen a lot but there has been no rise in payment for this work.',
      ['funding-backfill'],
    ],
    ['Training in QI methods and leadership for the CQL.', ['training']],
    ['Nothing else to add.', []],
    ['', []],
  ])('when the answer is %j, then the codes are %j', (text, codes) => {
    expect(codesOf(text)).toEqual(codes);
  });

  test('when a code is applied, then its evidence names the terms that matched, stem-aware', () => {
    const [match] = matcher.match('Administrative supports are lacking.');
    // "administrative" and "administrator" share the stem "administr": both terms are evidence.
    expect(match).toEqual({
      code: 'admin-support',
      segment: 'Administrative supports are lacking.',
      evidence: ['administrative', 'administrator'],
    });
  });
});

describe('reading a codebook', () => {
  const dir = tempDir();
  test('when the codebook is YAML, then it reads the same as JSON', () => {
    const file = path.join(dir, 'book.yaml');
    fs.writeFileSync(
      file,
      'codes:\n  - id: parking\n    label: Parking\n    include: [car park, "/park(ing)?\\\\b/"]\n    exclude: [parking fine]\n',
    );
    const matcher = new CodebookMatcher(readCodebook(file));
    expect(matcher.match('The car park was full.').map((m) => m.code)).toEqual(['parking']);
    expect(matcher.match('I got a parking fine.')).toEqual([]);
  });

  test.each([
    ['no codes', '{"codes": []}', /codes/],
    [
      'a duplicate id',
      '{"codes": [{"id":"a","label":"A","include":["x"]},{"id":"a","label":"B","include":["y"]}]}',
      /unique/,
    ],
    ['a broken pattern', '{"codes": [{"id":"a","label":"A","include":["/([/"]}]}', /not a valid regular expression/],
    ['an unknown field', '{"codes": [{"id":"a","label":"A","include":["x"],"colour":"red"}]}', /colour/],
  ])('when the codebook has %s, then it is refused with the reason', (_case, content, message) => {
    const file = path.join(dir, `bad-${_case.replace(/\W/g, '')}.json`);
    fs.writeFileSync(file, content);
    expect(() => readCodebook(file)).toThrow(message);
  });

  test('when canvass themes is given the starter codebook, then its codes come first with their evidence', async () => {
    const input = path.join(dir, 'answers.csv');
    fs.writeFileSync(
      input,
      [
        'id,text',
        'a,We need admin support.',
        'b,Backfill locum costs are too high.',
        'c,More protected time please.',
        'd,Admin help would free our time.',
      ].join('\n'),
    );
    const out = path.join(dir, 'themes.json');
    const result = await runCli(
      ['themes', input, '--text', 'text', '--id', 'id', '--codebook', STARTER, '--out', out],
      { store: 'sqlite::memory:' },
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    const admin = json.codes.find((code: { id: string }) => code.id === 'admin-support');
    expect(admin.members).toEqual(['a', 'd']);
    expect(admin.evidence).toEqual({ a: ['admin', 'admin support'], d: ['admin'] });
    expect(json.assignments.b.codes).toContain('funding-backfill');
  });
});

describe('importing a REFI-QDA codebook', () => {
  test('when a .qdc exported by Canvass (or another QDA tool) is read back, then its codes, definitions and parents come with it', async () => {
    const dir = tempDir();
    const qdc = path.join(dir, 'from-nvivo.qdc');
    fs.writeFileSync(
      qdc,
      `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
  <Codes>
    <Code guid="{0a1b2c3d-0000-4000-8000-000000000001}" name="Support &amp; &#8220;time&#8221;" isCodable="false">
      <Description>Support clusters need</Description>
      <Code guid="0a1b2c3d-0000-4000-8000-000000000002" name="Admin support" isCodable="true"><Description>Administrative help &lt;for the cluster&gt;</Description>
        <Code guid="0a1b2c3d-0000-4000-8000-000000000004" name="Minutes" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="0a1b2c3d-0000-4000-8000-000000000003" name="Cluster work &amp;amp; the board &lt;HSCP&gt;" isCodable="true"/>
  </Codes>
</CodeBook>`,
    );
    const codebook = readCodebook(qdc);
    // A code that is not codable groups codes: a theme, not a code to apply. Names come with entities decoded.
    expect(codebook.themes).toEqual([
      {
        id: '0a1b2c3d-0000-4000-8000-000000000001',
        label: 'Support & \u201ctime\u201d',
        definition: 'Support clusters need',
      },
    ]);
    expect(codebook.codes).toEqual([
      {
        id: '0a1b2c3d-0000-4000-8000-000000000002',
        label: 'Admin support',
        definition: 'Administrative help <for the cluster>',
        include: ['Admin support'],
        exclude: [],
        theme: '0a1b2c3d-0000-4000-8000-000000000001',
      },
      {
        id: '0a1b2c3d-0000-4000-8000-000000000004',
        label: 'Minutes',
        definition: '',
        include: ['Minutes'],
        exclude: [],
        parent: '0a1b2c3d-0000-4000-8000-000000000002',
        theme: '0a1b2c3d-0000-4000-8000-000000000001',
      },
      {
        id: '0a1b2c3d-0000-4000-8000-000000000003',
        label: 'Cluster work &amp; the board <HSCP>',
        definition: '',
        include: ['Cluster work &amp; the board <HSCP>'],
        exclude: [],
      },
    ]);
    expect(new CodebookMatcher(codebook).match('The minutes are late.').map((m) => m.code)).toEqual([
      '0a1b2c3d-0000-4000-8000-000000000004',
    ]);
  });

  test.each([
    [
      'an undefined entity',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a" name="x &nbsp; y" isCodable="true"/></Codes></CodeBook>',
      /undefined entity/,
    ],
    [
      'another root element',
      '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>',
      /starts with <CodeBook>, not <Project>/,
    ],
    ['a code in a theme that is not there', null, /codes\.0\.theme: there is no theme "nowhere"/],
  ])('when a codebook has %s, then it is refused saying why', (_case, xml, message) => {
    const file = path.join(tempDir(), xml ? 'bad.qdc' : 'bad.json');
    fs.writeFileSync(
      file,
      xml ?? JSON.stringify({ codes: [{ id: 'a', label: 'A', include: ['a'], theme: 'nowhere' }] }),
    );
    expect(() => readCodebook(file)).toThrow(message);
  });
});
