import { Z_95 } from './distributions';
import { percent } from './proportions';
import type { StatsOption } from './stats-questions';
import type { ScaleTally } from './tallies';

export interface ScaleSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

export interface NetPromoter {
  n: number;
  /** % promoters (9-10) minus % detractors (0-6), from -100 to 100. */
  score: number;
  promoters: number;
  passives: number;
  detractors: number;
  counts: { promoters: number; passives: number; detractors: number };
  /** 95% interval for the score (normal approximation to the difference of two shares of one sample). */
  ci95: [number, number] | null;
}

export interface ScaleFigures {
  scale: ScaleSummary;
  /** Answers at the two highest points of the scale. */
  topTwoBox: { count: number; percent: number };
  nps?: NetPromoter;
}

/** Mean, spread and quartiles of the answers as numbers, the top-two-box share and, for 0-10, the NPS. */
export function scaleFigures(tally: ScaleTally, options: StatsOption[], nps: boolean): ScaleFigures {
  const { n, mean, sd, median, q1, q3 } = tally.numbers.block([]);
  const top = new Set(
    options
      .map((option) => option.value as number)
      .sort((a, b) => b - a)
      .slice(0, 2),
  );
  let topCount = 0;
  for (const [value, count] of tally.numbers.frequencies.sorted()) if (top.has(value)) topCount += count;
  const figures: ScaleFigures = {
    scale: { n, mean, sd, median, q1, q3 },
    topTwoBox: { count: topCount, percent: percent(topCount, n) },
  };
  if (nps) figures.nps = netPromoter(tally.numbers.frequencies.sorted());
  return figures;
}

/**
 * Net Promoter Score from 0-10 answers. The interval uses the variance of the difference of two shares of one
 * multinomial sample, (p + d - (p - d)^2) / n; hand-written because it is one line.
 */
function netPromoter(valueCounts: Array<[number, number]>): NetPromoter {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [value, count] of valueCounts) {
    if (value >= 9) promoters += count;
    else if (value >= 7) passives += count;
    else detractors += count;
  }
  const n = promoters + passives + detractors;
  const p = n > 0 ? promoters / n : 0;
  const d = n > 0 ? detractors / n : 0;
  const score = (p - d) * 100;
  const half = n > 0 ? Z_95 * Math.sqrt((p + d - (p - d) ** 2) / n) * 100 : 0;
  return {
    n,
    score,
    promoters: percent(promoters, n),
    passives: percent(passives, n),
    detractors: percent(detractors, n),
    counts: { promoters, passives, detractors },
    ci95: n > 0 ? [Math.max(-100, score - half), Math.min(100, score + half)] : null,
  };
}
