import { Z_95 } from './distributions';

/** count as a percentage of n, unrounded; 0 when n is 0 so that no NaN reaches the JSON. */
export function percent(count: number, n: number): number {
  return n > 0 ? (count / n) * 100 : 0;
}

/**
 * 95% Wilson score interval for count successes in n, in percent. Hand-written: it is one closed formula
 * (Wilson 1927), and no maintained package provides it for plain numbers. Null when n is 0.
 */
export function wilsonInterval(count: number, n: number, z = Z_95): [number, number] | null {
  if (n <= 0) return null;
  const p = count / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 100; computed, it differs from it by rounding (2.8e-15).
  const lower = count <= 0 ? 0 : Math.max(0, centre - half) * 100;
  const upper = count >= n ? 100 : Math.min(1, centre + half) * 100;
  return [lower, upper];
}
