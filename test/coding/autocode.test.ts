import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Autocoder } from '../../analysis/coding/autocode';
import { TfidfVectorizer } from '../../analysis/coding/tfidf';
import { ngrams, sentences, stems, words } from '../../analysis/text';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-files';

/** A small coding of our own: three codes, easy to tell apart, a few phrasings each. */
const CODED: Array<[string, string]> = [
  ['There was nowhere to park the car', 'parking'],
  ['The car park was full again', 'parking'],
  ['Parking spaces are far too few', 'parking'],
  ['I had to park on the street', 'parking'],
  ['Paying for parking is expensive', 'parking'],
  ['The staff were kind and caring', 'staff'],
  ['Nurses were very kind to my mother', 'staff'],
  ['Lovely caring staff on the ward', 'staff'],
  ['The doctor was kind and listened', 'staff'],
  ['Reception staff were friendly and caring', 'staff'],
  ['I waited three hours to be seen', 'waiting'],
  ['The waiting time was far too long', 'waiting'],
  ['Long wait in the waiting room', 'waiting'],
  ['We waited hours for the appointment', 'waiting'],
  ['The wait to be seen was too long', 'waiting'],
];

describe('text processing (natural)', () => {
  test.each([
    ['', [], [], []],
    ['   ', [], [], []],
    ['The nurses were caring.', ['the', 'nurses', 'were', 'caring'], ['nurs', 'care'], ['The nurses were caring.']],
    [
      'Long wait! Staff kind.',
      ['long', 'wait', 'staff', 'kind'],
      ['long', 'wait', 'staff', 'kind'],
      ['Long wait!', 'Staff kind.'],
    ],
  ])(
    'when the text is %j, then words, stems and sentences are as expected',
    (text, expectedWords, expectedStems, expectedSentences) => {
      expect(words(text)).toEqual(expectedWords);
      expect(stems(text)).toEqual(expectedStems);
      expect(sentences(text)).toEqual(expectedSentences);
    },
  );

  test('when n-grams are taken, then they run over neighbouring tokens and none come from too few', () => {
    expect(ngrams(['long', 'wait', 'time'], 2)).toEqual(['long wait', 'wait time']);
    expect(ngrams(['one'], 2)).toEqual([]);
  });
});

describe('TfidfVectorizer', () => {
  test('when texts are vectorised, then vectors have unit length and rarer terms weigh more', () => {
    const vectorizer = new TfidfVectorizer({ minDocumentFrequency: 1 });
    const vectors = vectorizer.fitTransform(['staff kind', 'staff rude', 'staff kind helpful']);
    for (const vector of vectors) expect(Math.hypot(...vector.values)).toBeCloseTo(1, 6);
    const third = vectors[2]!;
    const weight = (term: string) => third.values[[...third.indices].findIndex((i) => vectorizer.termAt(i) === term)]!;
    expect(weight('help')).toBeGreaterThan(weight('kind'));
    expect(weight('kind')).toBeGreaterThan(weight('staff'));
    expect(vectorizer.transform('').indices.length).toBe(0);
  });
});

describe('Autocoder', () => {
  const coder = new Autocoder().train(CODED.map(([text, code]) => ({ text, codes: [code] })));

  test.each([
    ['Could not find a parking space anywhere', 'parking'],
    ['The nurses were so kind', 'staff'],
    ['Waited two hours in the waiting room', 'waiting'],
  ])('when asked about %j, then it suggests %s with a confidence between 0 and 1', (text, code) => {
    const suggestion = coder.suggest(text);
    expect(suggestion.codes).toEqual([code]);
    expect(suggestion.confidence).toBeGreaterThan(0);
    expect(suggestion.confidence).toBeLessThan(1);
  });

  test('when the coding is multi-label, then an answer about two things gets both codes', () => {
    const multi = new Autocoder().train([
      ...CODED.map(([text, code]) => ({ text, codes: [code] })),
      { text: 'Kind staff but the car park was full', codes: ['staff', 'parking'] },
      { text: 'Long wait but caring nurses', codes: ['waiting', 'staff'] },
    ]);
    expect(multi.suggest('The car park was full and the staff were kind').codes.sort()).toEqual(['parking', 'staff']);
  });

  // Two codes decided on five answers each, as a researcher starts: the bias alone leans every answer to one side.
  const early = new Autocoder().train([
    ...['Nothing.', 'Nothing at present.', 'Absolutely nothing', 'Nothing', 'Other than that, nothing apparent.'].map(
      (text) => ({ text, codes: ['nothing'] }),
    ),
    ...[
      'The food is not good in my opinion.',
      'Food is not up to standard.',
      'Food.',
      'food could be better.',
      'Its hard with food as everyone is different.',
    ].map((text) => ({ text, codes: ['food'] })),
  ]);
  test.each([
    ['Temperature in theatre a little low', []],
    ['It was not what I expected', []],
    ['The food was cold', ['food']],
  ])(
    'when it may abstain and is asked about %j, then it suggests %j: only codes the words point to, not the bias or a "not"',
    (text, codes) => {
      expect(early.suggest(text, { abstain: true }).codes).toEqual(codes);
      expect(early.suggest(text).codes).toHaveLength(1);
    },
  );

  test('when fewer than two codes were used, then it says it cannot learn', () => {
    expect(() => new Autocoder().train([{ text: 'a b', codes: ['x'] }])).toThrow(/at least two different codes/);
  });
});

describe('canvass autocode', () => {
  test('when half the rows are coded, then the others get suggestions and a confidence; coded rows are left alone', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'comments.csv');
    const uncoded = [
      'No parking at all near the clinic',
      'Staff were caring and kind',
      'Waited far too long to be seen',
    ];
    fs.writeFileSync(
      input,
      [
        'id,comment,codes',
        ...CODED.map(([text, code], i) => `c${i},${text},${code}`),
        ...uncoded.map((text, i) => `u${i},${text},`),
      ].join('\n'),
    );
    const output = path.join(dir, 'suggested.csv');
    const result = await runCli(
      ['autocode', input, '--text', 'comment', '--codes', 'codes', '--id', 'id', '--out', output],
      { store: 'sqlite::memory:' },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('learned 3 codes from 15 coded rows; suggested codes for 3 rows');
    const rows = parse(fs.readFileSync(output, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.id, row.codes])).toEqual([
      ...CODED.map(([, code], i) => [`c${i}`, code]),
      ['u0', 'parking'],
      ['u1', 'staff'],
      ['u2', 'waiting'],
    ]);
    expect(rows.slice(0, 15).every((row) => row.confidence === '')).toBe(true);
    expect(rows.slice(15).every((row) => Number(row.confidence) > 0 && Number(row.confidence) < 1)).toBe(true);

    const bad = await runCli(['autocode', input, '--text', 'nope', '--codes', 'codes', '--out', output], {
      store: 'sqlite::memory:',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no column "nope"');
  });
});
