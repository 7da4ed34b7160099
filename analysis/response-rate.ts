/** Responses as a percentage of those invited (for an LMC: of its practices), to 2 decimals; null when none invited. */
export function responseRate(responses: number, invited: number): number | null {
  if (invited <= 0) return null;
  return Math.round((responses / invited) * 10_000) / 100;
}
