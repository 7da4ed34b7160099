import { NumberFrequencies } from '../../analysis/number-frequencies';
import { compareChoice, compareNumbers, newcombeDifference } from '../../analysis/wave-comparison';

describe('change between two survey waves', () => {
  // Reference: statsmodels 0.13,
  // python3 -c "from statsmodels.stats.proportion import confint_proportions_2indep as c; print(c(countB, nB, countA, nA, method='newcomb', compare='diff'))"
  test.each([
    [54, 100, 66, 100, -1.5506788022313729, 24.949076091275714],
    [32, 33, 40, 45, -20.717225620004346, 5.715069612720311],
    [1, 10, 5, 12, -6.071594735236746, 59.297514468723875],
    [0, 20, 3, 25, -5.915689189369627, 29.95579392092733],
  ])(
    'when A has %d of %d and B %d of %d, then the Newcombe 95% interval of B - A is %d to %d points',
    (countA, nA, countB, nB, low, high) => {
      const interval = newcombeDifference(countA, nA, countB, nB)!;
      expect(interval[0]).toBeCloseTo(low, 8);
      expect(interval[1]).toBeCloseTo(high, 8);
    },
  );

  test('when a wave has no answers, then there is no interval', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toBeNull();
  });

  test('when expected counts are all 5 or more, then the change is tested by chi-square without continuity correction', () => {
    // python3 -c "from scipy.stats import chi2_contingency; print(chi2_contingency([[54,46],[66,34]], correction=False)[1])"
    const [yes] = compareChoice(
      {
        answered: 100,
        options: [
          { value: 'yes', label: 'Yes', count: 54 },
          { value: 'no', label: 'No', count: 46 },
        ],
      },
      {
        answered: 100,
        options: [
          { value: 'yes', label: 'Yes', count: 66 },
          { value: 'no', label: 'No', count: 34 },
        ],
      },
    );
    expect(yes).toMatchObject({
      value: 'yes',
      a: { count: 54, answered: 100, percent: 54 },
      b: { count: 66, answered: 100, percent: 66 },
      test: 'chi-square',
    });
    expect(yes!.difference.points).toBeCloseTo(12, 10);
    expect(yes!.p).toBeCloseTo(0.08326451666355042, 10);
  });

  test("when an expected count is under 5, then Fisher's exact test is used", () => {
    // python3 -c "from scipy.stats import fisher_exact; print(fisher_exact([[1,9],[5,7]])[1])"
    const [first] = compareChoice(
      { answered: 10, options: [{ value: 1, label: 'One', count: 1 }] },
      { answered: 12, options: [{ value: 1, label: 'One', count: 5 }] },
    );
    expect(first).toMatchObject({ test: 'fisher' });
    expect(first!.p).toBeCloseTo(0.16187527642636004, 10);
  });

  test('when an option appears in one wave only, then it is compared with a count of 0 in the other', () => {
    const rows = compareChoice(
      { answered: 4, options: [{ value: 'a', label: 'A', count: 4 }] },
      {
        answered: 4,
        options: [
          { value: 'a', label: 'A', count: 2 },
          { value: 'b', label: 'B', count: 2 },
        ],
      },
    );
    expect(rows.map((row) => [row.value, row.a.count, row.b.count])).toEqual([
      ['a', 4, 2],
      ['b', 0, 2],
    ]);
  });

  test('when numbers are compared, then both means, their difference and a Mann-Whitney p are given', () => {
    // python3 -c "from scipy.stats import mannwhitneyu; print(mannwhitneyu([1,2,2,3,4,5],[2,3,4,4,6,7,8]).pvalue)"
    const a = new NumberFrequencies();
    const b = new NumberFrequencies();
    [1, 2, 2, 3, 4, 5].forEach((value) => a.add(value));
    [2, 3, 4, 4, 6, 7, 8].forEach((value) => b.add(value));
    const result = compareNumbers(a, b);
    expect(result.a).toEqual({ n: 6, mean: 17 / 6 });
    expect(result.difference).toBeCloseTo(34 / 7 - 17 / 6, 10);
    expect(result.p).toBeCloseTo(0.1115593054507822, 10);
  });
});
