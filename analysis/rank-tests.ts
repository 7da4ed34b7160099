import { chiSquareSurvival, normalTwoSided } from './distributions';
import type { NumberFrequencies } from './number-frequencies';
import type { TestResult } from './test-result';

interface RankSums {
  n: number;
  groupN: number[];
  rankSums: number[];
  /** Σ (t³ − t) over groups of tied values, for the tie correction. */
  ties: number;
}

/** Rank sums from value counts: tied values share their average rank, without listing every response. */
function rankSums(groups: NumberFrequencies[]): RankSums {
  const byValue = new Map<number, number[]>();
  groups.forEach((group, g) => {
    for (const [value, count] of group.sorted()) {
      const counts = byValue.get(value) ?? groups.map(() => 0);
      counts[g]! += count;
      byValue.set(value, counts);
    }
  });
  const rankSumsByGroup = groups.map(() => 0);
  let below = 0;
  let ties = 0;
  for (const [, counts] of [...byValue.entries()].sort((a, b) => a[0] - b[0])) {
    const t = counts.reduce((a, b) => a + b, 0);
    const averageRank = below + (t + 1) / 2;
    counts.forEach((count, g) => (rankSumsByGroup[g]! += count * averageRank));
    ties += t ** 3 - t;
    below += t;
  }
  return { n: below, groupN: groups.map((group) => group.n), rankSums: rankSumsByGroup, ties };
}

/**
 * Mann-Whitney U for two groups (or Kruskal-Wallis H for more), normal and chi-square approximations with
 * the tie correction; the U test also uses the continuity correction, as scipy's mannwhitneyu does by
 * default. U is the statistic of the first group. Null when fewer than two groups have answers.
 */
export function rankTest(input: NumberFrequencies[]): TestResult | null {
  const groups = input.filter((group) => group.n > 0);
  if (groups.length < 2) return null;
  const { n, groupN, rankSums: sums, ties } = rankSums(groups);
  if (groups.length === 2) {
    const [n1, n2] = [groupN[0]!, groupN[1]!];
    const u1 = sums[0]! - (n1 * (n1 + 1)) / 2;
    const mean = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
    if (variance <= 0)
      return { name: 'mann-whitney', statistic: u1, df: null, p: null, note: 'every answer is the same value' };
    const distance = Math.max(0, Math.abs(u1 - mean) - 0.5);
    return { name: 'mann-whitney', statistic: u1, df: null, p: normalTwoSided(distance / Math.sqrt(variance)) };
  }
  const correction = 1 - ties / (n ** 3 - n);
  if (correction <= 0)
    return {
      name: 'kruskal-wallis',
      statistic: null,
      df: groups.length - 1,
      p: null,
      note: 'every answer is the same value',
    };
  const h =
    ((12 / (n * (n + 1))) * sums.reduce((acc, r, g) => acc + (r * r) / groupN[g]!, 0) - 3 * (n + 1)) / correction;
  const df = groups.length - 1;
  return { name: 'kruskal-wallis', statistic: h, df, p: chiSquareSurvival(h, df) };
}
