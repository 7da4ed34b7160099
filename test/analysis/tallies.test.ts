import { wilsonInterval } from '../../analysis/proportions';
import type { StatsQuestion } from '../../analysis/stats-questions';
import {
  ChoiceTally,
  effectiveSize,
  isEmpty,
  NumberTally,
  ScaleTally,
  TextTally,
  valueKey,
} from '../../analysis/tallies';

const question = (options: Array<[unknown, string]>): StatsQuestion => ({
  name: 'q',
  title: 'Q',
  type: 'radiogroup',
  kind: 'choice',
  options: options.map(([value, label]) => ({ value, label })),
});
const yesNo = question([
  ['yes', 'Yes'],
  ['no', 'No'],
]);

describe('isEmpty and valueKey', () => {
  test.each([
    [undefined, true],
    [null, true],
    ['', true],
    [[], true],
    [0, false],
    [false, false],
    [' ', false],
    [['a'], false],
  ])('when the answer is %p, then it is empty: %p', (value, empty) => {
    expect(isEmpty(value)).toBe(empty);
  });

  test('when answers are keyed, then primitives key as themselves (1 and "1" apart) and objects by their JSON', () => {
    expect(valueKey(1)).toBe(1);
    expect(valueKey('1')).toBe('1');
    expect(valueKey({ a: 1 })).toBe('{"a":1}');
    expect(valueKey(['x'])).toBe('["x"]');
    expect(valueKey(null)).toBeNull();
  });
});

describe('ChoiceTally', () => {
  test('when answers arrive, then not shown, skipped and answered are counted apart, and counts are per option', () => {
    const tally = new ChoiceTally();
    tally.add('yes', true);
    tally.add('yes', true);
    tally.add('no', true);
    tally.add('', true);
    tally.add(undefined, false);
    const block = tally.block(yesNo);
    expect([block.answered, block.skipped, block.notShown]).toEqual([3, 1, 1]);
    expect(block.options.map((o) => [o.label, o.count])).toEqual([
      ['Yes', 2],
      ['No', 1],
    ]);
    expect(block.options[0]!.percent).toBeCloseTo((2 / 3) * 100, 12);
    expect(block.options[0]!.ci95).toEqual(wilsonInterval(2, 3));
  });

  test('when a value is not among the options, then it is listed after them under its own value', () => {
    const tally = new ChoiceTally();
    tally.add('maybe', true);
    expect(tally.block(yesNo).options.map((o) => [o.label, o.count])).toEqual([
      ['Yes', 0],
      ['No', 0],
      ['maybe', 1],
    ]);
  });

  test('when a multiple choice answer repeats an option, then that option counts once for the respondent', () => {
    const tally = new ChoiceTally();
    tally.add(['a', 'a', 'b'], true);
    tally.add(['b'], true);
    const block = tally.block(
      question([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    expect(block.answered).toBe(2);
    expect(block.options.map((o) => [o.count, o.percent])).toEqual([
      [1, 50],
      [2, 100],
    ]);
  });

  test('when answers are weighted, then shares are of the weights and the interval uses the effective size', () => {
    const tally = new ChoiceTally();
    tally.add('yes', true, 3);
    tally.add('no', true, 1);
    tally.add('no', true, 1);
    const [yes] = tally.block(yesNo).options;
    expect(yes!.count).toBe(1);
    expect(yes!.percent).toBeCloseTo(60, 12);
    // Kish: (3 + 1 + 1)^2 / (9 + 1 + 1) = 25 / 11.
    expect(effectiveSize(5, 11)).toBeCloseTo(25 / 11, 12);
    expect(yes!.ci95).toEqual(wilsonInterval(0.6 * (25 / 11), 25 / 11));
  });

  test("when two groups' tallies are merged, then the result is what one tally of all the answers gives", () => {
    const answers: Array<[unknown, boolean]> = [
      ['yes', true],
      ['no', true],
      ['', true],
      ['maybe', true],
      [undefined, false],
      ['yes', true],
    ];
    const whole = new ChoiceTally();
    const first = new ChoiceTally();
    const second = new ChoiceTally();
    answers.forEach(([value, shown], i) => {
      whole.add(value, shown);
      (i < 3 ? first : second).add(value, shown);
    });
    first.merge(second);
    expect(first.block(yesNo)).toEqual(whole.block(yesNo));
  });

  test('when the fast path is settled, then skipped and not shown come from how many were shown the question', () => {
    const tally = new ChoiceTally();
    tally.addShown('yes', 1);
    tally.addShown('no', 1);
    tally.settle(5, 2);
    const block = tally.block(yesNo);
    expect([block.answered, block.skipped, block.notShown]).toEqual([2, 3, 2]);
  });

  test('when nobody answered, then no option has a share (0 of 0 is none, not 0.0%) and there is no interval', () => {
    const block = new ChoiceTally().block(yesNo);
    expect(block.options.map((o) => [o.count, o.percent, o.ci95])).toEqual([
      [0, undefined, null],
      [0, undefined, null],
    ]);
  });

  test('when there are no weights at all, then the effective size is 0', () => {
    expect(effectiveSize(0, 0)).toBe(0);
  });
});

describe('NumberTally', () => {
  test('when a text is not a number, then it counts as skipped; numbers in text are read as numbers', () => {
    const tally = new NumberTally();
    tally.add('2.5', true);
    tally.add('lots', true);
    tally.add(Infinity, true);
    tally.add(4, true);
    const block = tally.block([]);
    expect(block.n).toBe(2);
    expect(block.skipped).toBe(2);
    expect(block.mean).toBeCloseTo(3.25, 12);
  });

  // numpy: np.average(x, weights=w) and sqrt(np.average((x - mean)**2, weights=w) * n / (n - 1)):
  // /tmp/venv/bin/python test/reference/analysis_algorithms.py, line "weighted mean, sd".
  test('when answers are weighted, then mean and SD are weighted and the quartiles describe the answers as given', () => {
    const tally = new NumberTally();
    const weights = [1, 0.5, 2, 1.5, 1];
    [2, 4, 4, 5, 9].forEach((value, i) => tally.add(value, true, weights[i]));
    const block = tally.block([]);
    expect(block.mean).toBeCloseTo(4.75, 12);
    expect(block.sd).toBeCloseTo(2.377191970932652, 12);
    expect(block.median).toBe(4);
    expect(block.n).toBe(5);
  });

  test('when every weight is 1, then the mean and SD are the plain sample ones', () => {
    const tally = new NumberTally();
    [2, 4, 4, 5, 9].forEach((value) => tally.add(value, true));
    const block = tally.block([]);
    expect(block.mean).toBeCloseTo(4.8, 12);
    // numpy: np.std([2, 4, 4, 5, 9], ddof=1) = 2.588435821108957
    expect(block.sd).toBeCloseTo(2.588435821108957, 12);
  });

  test('when bands are given, then each band has its count and its share; bounds count as inside unless excluded', () => {
    const tally = new NumberTally();
    [0.5, 1, 3, 6, 10].forEach((value) => tally.add(value, true));
    const block = tally.block([
      { label: 'under 1', to: 1, includeTo: false },
      { label: 'up to 1', to: 1 },
      { label: 'over 1', from: 1, includeFrom: false },
    ]);
    expect(block.bands.map((band) => [band.label, band.count, band.percent])).toEqual([
      ['under 1', 1, 20],
      ['up to 1', 2, 40],
      ['over 1', 3, 60],
    ]);
  });
});

describe('TextTally', () => {
  test('when texts are answered, then the share is of the respondents analysed and lengths are of the trimmed text', () => {
    const tally = new TextTally();
    tally.add('  abc  ', true);
    tally.add('abcdefg', true);
    tally.add('', true);
    tally.add(undefined, false);
    expect(tally.block(8)).toEqual({ answered: 2, skipped: 1, notShown: 1, share: 25, medianLength: 5 });
  });
});

describe('ScaleTally', () => {
  test('when a numeric choice is answered, then it is counted as an option and as a number', () => {
    const tally = new ScaleTally();
    [1, 2, 2, 5].forEach((value) => tally.add(value, true));
    tally.add(null, true);
    expect(
      tally
        .block(
          question([
            [1, '1'],
            [2, '2'],
            [5, '5'],
          ]),
        )
        .options.map((o) => o.count),
    ).toEqual([1, 2, 1]);
    expect(tally.numbers.block([]).mean).toBeCloseTo(2.5, 12);
    expect(tally.numbers.skipped).toBe(0);
    expect(tally.skipped).toBe(1);
  });
});
