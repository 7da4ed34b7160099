import fs from 'node:fs';
import path from 'node:path';
import {
  agreement,
  cohenKappa,
  krippendorffAlphaNominal,
  percentAgreement,
  type ReliabilityData,
} from '../../analysis/agreement';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-files';

const transpose = (coders: Array<Array<string | null>>): ReliabilityData =>
  coders[0]!.map((_, unit) => coders.map((coder) => coder[unit]!));
const _ = null;

describe("Krippendorff's alpha", () => {
  test("when given Krippendorff's own reliability data, then alpha (nominal) is 0.743 as he publishes", () => {
    // Source: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
    // Communication, University of Pennsylvania, section C: 4 observers, 12 units, missing values; nominal alpha = 0.743.
    const data = transpose([
      ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
      ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
      [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
      ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
    ]);
    expect(krippendorffAlphaNominal(data)!).toBeCloseTo(0.743, 3);
    // Unit 12 has one value only, so 11 units are pairable; 8 of them are unanimous.
    expect(percentAgreement(data)).toBeCloseTo((8 / 11) * 100, 10);
    expect(agreement(data).cohenKappa).toBeNull();
  });

  test.each([
    [
      'perfect agreement with variation',
      [
        ['a', 'a'],
        ['b', 'b'],
        ['c', 'c'],
      ],
      1,
    ],
    [
      'every value the same',
      [
        ['a', 'a'],
        ['a', 'a'],
      ],
      null,
    ],
    [
      'no unit coded twice',
      [
        ['a', null],
        [null, 'b'],
      ],
      null,
    ],
    ['nothing at all', [], null],
  ] as const)('when there is %s (%j), then alpha is %p', (_case, data, expected) => {
    expect(krippendorffAlphaNominal(data.map((unit) => [...unit]))).toBe(expected);
  });
});

describe("Cohen's kappa", () => {
  test.each([
    // /usr/bin/python3 -c "from sklearn.metrics import cohen_kappa_score as k; print(k(['a','a','b','b','c','a','b','c','a','a'],['a','b','b','b','c','a','c','c','a','b']))"  (scikit-learn 1.2.1)
    [
      ['a', 'a', 'b', 'b', 'c', 'a', 'b', 'c', 'a', 'a'],
      ['a', 'b', 'b', 'b', 'c', 'a', 'c', 'c', 'a', 'b'],
      0.5522388059701493,
    ],
    // k(['yes','yes','no','no','yes','no'],['yes','no','no','no','yes','yes'])
    [['yes', 'yes', 'no', 'no', 'yes', 'no'], ['yes', 'no', 'no', 'no', 'yes', 'yes'], 0.33333333333333337],
  ])('when two coders code %j and %j, then kappa is %p as in scikit-learn', (first, second, expected) => {
    expect(cohenKappa(first.map((value, i) => [value, second[i]!]))).toBeCloseTo(expected, 12);
  });

  test('when one coder left units uncoded, then only units both coded count', () => {
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
        ['a', null],
        [null, 'b'],
      ]),
    ).toBe(1);
  });
});

describe('canvass agreement', () => {
  test('when given a coding CSV, then it prints overall and per-code agreement as JSON', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'coding.csv');
    fs.writeFileSync(
      file,
      [
        'comment,anna,ben',
        'c1,admin;time,admin;time',
        'c2,time,time',
        'c3,admin,time',
        'c4,,admin',
        'c5,funding,funding',
        'c6,time;funding,funding;time',
      ].join('\n'),
    );
    const result = await runCli(['agreement', file, '--coders', 'anna,ben', '--unit', 'comment', '--json'], {
      store: 'sqlite::memory:',
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ units: 6, coders: ['anna', 'ben'] });
    // c4 is uncoded by anna: five pairable units, four identical code sets.
    expect(report.percentAgreement).toBeCloseTo(80, 10);
    expect(Object.keys(report.perCode)).toEqual(['admin', 'funding', 'time']);
    expect(report.perCode.funding).toMatchObject({ percentAgreement: 100, krippendorffAlpha: 1, cohenKappa: 1 });
    expect(report.perCode.admin.percentAgreement).toBeCloseTo(80, 10);
    expect(typeof report.krippendorffAlpha).toBe('number');
    expect(typeof report.cohenKappa).toBe('number');

    const missing = await runCli(['agreement', file, '--coders', 'anna,carla'], { store: 'sqlite::memory:' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no column "carla"');
  });
});
