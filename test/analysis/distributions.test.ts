import { chiSquareSurvival, logFactorial, normalTwoSided, Z_95 } from '../../analysis/distributions';

// Reference values: /tmp/venv/bin/python test/reference/analysis_algorithms.py (scipy 1.17.1), lines
// "chi2.sf", "normal two-sided", "z95" and "log n!".
describe('chiSquareSurvival against scipy.stats.chi2.sf', () => {
  test.each([
    [3.84, 1, 0.05004352124870519],
    [10, 4, 0.04042768199451279],
    [0.5, 3, 0.9188914116546758],
    [200, 2, 3.7200759760208177e-44],
  ])('when the statistic is %f on %i df, then the upper tail is %e', (statistic, df, p) => {
    expect(chiSquareSurvival(statistic, df) / p).toBeCloseTo(1, 9);
  });

  test('when the statistic is huge, then the tail is below 1e-300 (scipy underflows to 0), never NaN', () => {
    const p = chiSquareSurvival(1500, 10);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-300);
  });

  test.each([
    ['a zero statistic', 0, 3, 1],
    ['a negative statistic', -2, 3, 1],
  ])('when %s, then p is 1', (_, statistic, df, p) => {
    expect(chiSquareSurvival(statistic, df)).toBe(p);
  });

  test.each([
    ['no degrees of freedom', 4, 0],
    ['an infinite statistic', Infinity, 2],
    ['a NaN statistic', Number.NaN, 2],
  ])('when %s, then p is NaN (no test to report)', (_, statistic, df) => {
    expect(chiSquareSurvival(statistic, df)).toBeNaN();
  });
});

describe('normalTwoSided against 2 * scipy.stats.norm.sf(|z|)', () => {
  test.each([
    [0, 1],
    [1, 0.31731050786291415],
    [-1.96, 0.04999579029644087],
    [3.5, 0.00046525815807105003],
    [9, 2.2571768119076647e-19],
  ])('when z is %f, then p is %e', (z, p) => {
    expect(normalTwoSided(z) / p).toBeCloseTo(1, 9);
  });
});

describe('Z_95 and logFactorial against scipy', () => {
  test('when the 95% two-sided z is asked for, then it is norm.ppf(0.975)', () => {
    expect(Z_95).toBeCloseTo(1.959963984540054, 12);
  });

  test.each([
    [0, 0],
    [1, 0],
    [5, 4.787491742782046],
    [20, 42.335616460753485],
    [170, 706.5730622457875],
    [1000, 5912.128178488164],
  ])('when n is %i, then log n! is gammaln(n + 1) = %f', (n, expected) => {
    expect(logFactorial(n)).toBeCloseTo(expected, 9);
  });
});
