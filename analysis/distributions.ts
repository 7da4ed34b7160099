import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Upper tail of chi-square with df degrees of freedom, computed directly so tiny p-values keep their precision. */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (df <= 0 || !Number.isFinite(statistic)) return Number.NaN;
  if (statistic <= 0) return 1;
  return gammainc(statistic / 2, df / 2, true, true);
}

/** Two-sided p-value of a standard normal z. */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

export const Z_95 = normalQuantile(0.975, 0, 1);

/** log(n!) */
export function logFactorial(n: number): number {
  return gammaln(n + 1);
}
