import { associationTest } from './contingency-tests';
import type { NumberFrequencies } from './number-frequencies';
import { percent, wilsonInterval } from './proportions';
import { rankTest } from './rank-tests';
import type { TestResult } from './test-result';

/** One wave's answers to a choice question: how many answered, and the count of each option. */
export interface ChoiceWave {
  answered: number;
  options: Array<{ value: unknown; label: string; count: number }>;
}

export interface WaveCell {
  count: number;
  answered: number;
  percent: number;
}

export interface OptionComparison {
  value: unknown;
  label: string;
  a: WaveCell;
  b: WaveCell;
  /** B minus A in percentage points, with Newcombe's hybrid score 95% interval (null when a wave has no answers). */
  difference: { points: number; ci95: [number, number] | null };
  /** Two-sided p of the change: chi-square without continuity correction, or Fisher's exact test. */
  p: number | null;
  test: TestResult['name'] | null;
}

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions (Newcombe 1998, method
 * 10), B minus A, in percentage points: built from each wave's Wilson interval. Hand-written: a closed formula
 * over the Wilson interval we already compute; statsmodels' confint_proportions_2indep(method='newcomb')
 * gives the same values (see the tests).
 */
export function newcombeDifference(countA: number, nA: number, countB: number, nB: number): [number, number] | null {
  const wilsonA = wilsonInterval(countA, nA);
  const wilsonB = wilsonInterval(countB, nB);
  if (!wilsonA || !wilsonB) return null;
  const [pA, pB] = [countA / nA, countB / nB];
  const [lA, uA] = [wilsonA[0] / 100, wilsonA[1] / 100];
  const [lB, uB] = [wilsonB[0] / 100, wilsonB[1] / 100];
  const difference = pB - pA;
  const lower = difference - Math.sqrt((pB - lB) ** 2 + (uA - pA) ** 2);
  const upper = difference + Math.sqrt((uB - pB) ** 2 + (pA - lA) ** 2);
  return [lower * 100, upper * 100];
}

/** Every option of a choice question in two waves, matched by value, with the change and its test. */
export function compareChoice(a: ChoiceWave, b: ChoiceWave): OptionComparison[] {
  const values = [
    ...a.options,
    ...b.options.filter((option) => !a.options.some((other) => other.value === option.value)),
  ];
  return values.map(({ value, label }) => {
    const countA = a.options.find((option) => option.value === value)?.count ?? 0;
    const countB = b.options.find((option) => option.value === value)?.count ?? 0;
    const test =
      a.answered && b.answered
        ? associationTest([
            [countA, a.answered - countA],
            [countB, b.answered - countB],
          ])
        : null;
    return {
      value,
      label,
      a: { count: countA, answered: a.answered, percent: percent(countA, a.answered) },
      b: { count: countB, answered: b.answered, percent: percent(countB, b.answered) },
      difference: {
        points: percent(countB, b.answered) - percent(countA, a.answered),
        ci95: newcombeDifference(countA, a.answered, countB, b.answered),
      },
      p: test?.p ?? null,
      test: test?.name ?? null,
    };
  });
}

export interface NumberComparison {
  a: { n: number; mean: number | null };
  b: { n: number; mean: number | null };
  /** B's mean minus A's. */
  difference: number | null;
  /** Mann-Whitney U of A against B. */
  p: number | null;
  test: TestResult['name'] | null;
}

export function compareNumbers(a: NumberFrequencies, b: NumberFrequencies): NumberComparison {
  const meanA = a.summary().mean;
  const meanB = b.summary().mean;
  const test = rankTest([a, b]);
  return {
    a: { n: a.n, mean: meanA },
    b: { n: b.n, mean: meanB },
    difference: meanA === null || meanB === null ? null : meanB - meanA,
    p: test?.p ?? null,
    test: test?.name ?? null,
  };
}
