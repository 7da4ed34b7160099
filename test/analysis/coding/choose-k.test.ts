import { chooseThemeCount } from '../../../analysis/coding/choose-k';

const items = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A clustering that gives the same grouping whatever the seed only at `stableK`, and seed-shuffled ones elsewhere. */
const stableAt =
  (stableK: number) =>
  (sample: number[], k: number, seed: number): number[] =>
    sample.map((item, i) => (k === stableK ? item % k : (i * 7919 + seed * 104729 + ((i * seed) % 13)) % k));

/** A group that changes with the seed in no pattern. */
const noise = (i: number, seed: number, count: number) =>
  Math.floor(Math.abs(Math.sin(i * 12.9898 + seed * 78.233) * 43758.5453)) % count;

describe('chooseThemeCount', () => {
  test('when 100 answers are clustered, then the candidates run from log2(100) rounded to one per five answers', () => {
    const { curve } = chooseThemeCount(items(100), stableAt(10), 1);
    // least = max(4, round(log2 100)) = 7, most = min(30, 100 / 5) = 20; steps of 1 below 8, 2 below 14, then 3.
    expect(curve.map((point) => point.k)).toEqual([7, 8, 10, 12, 14, 17, 20]);
  });

  test('when one count repeats exactly across seeds, then that count is chosen with stability 1', () => {
    const { k, curve } = chooseThemeCount(items(100), stableAt(12), 1);
    expect(k).toBe(12);
    expect(curve.find((point) => point.k === 12)!.stability).toBeCloseTo(1, 12);
    curve.filter((point) => point.k !== 12).forEach((point) => expect(point.stability).toBeLessThan(1));
  });

  test.each([
    [0, 7],
    [0.03, 20],
  ])('when every count is equally stable and the tolerance is %p, then %i is chosen', (tolerance, expected) => {
    const { k } = chooseThemeCount(
      items(100),
      (sample, count) => sample.map((item) => item % count),
      1,
      undefined,
      tolerance,
    );
    expect(k).toBe(expected);
  });

  test.each([
    ['nearly as stable as the most stable (within the tolerance, 0.03)', 1, 17],
    ['clearly less stable than the most stable', 6, 10],
  ])('when a larger count is %s (%i of 100 answers move with the seed), then %i is chosen', (_, moved, expected) => {
    // Exactly stable at 10; at 17 the first `moved` answers change group with the seed, elsewhere all of them do.
    const { k } = chooseThemeCount(
      items(100),
      (sample, count, seed) =>
        sample.map((item, i) =>
          count === 10 ? item % 10 : count === 17 && i >= moved ? item % 17 : noise(i, seed, count),
        ),
      1,
      undefined,
      0.03,
    );
    expect(k).toBe(expected);
  });

  test.each([
    [0, 1],
    [1, 1],
    [6, 2],
    [9, 2],
  ])('when there are only %i answers, then it gives %i without clustering', (n, expected) => {
    let calls = 0;
    const { k, curve } = chooseThemeCount(items(n), (sample) => {
      calls += 1;
      return sample;
    });
    expect(k).toBe(expected);
    expect(curve).toEqual([]);
    expect(calls).toBe(0);
  });

  test('when there are more than 1,000 answers, then an even sample of 1,000 is clustered, three seeds per count', () => {
    const seen: Array<{ size: number; first: number; last: number; seed: number }> = [];
    chooseThemeCount(
      items(5000),
      (sample, count, seed) => {
        seen.push({ size: sample.length, first: sample[0]!, last: sample[sample.length - 1]!, seed });
        return sample.map((item) => item % count);
      },
      4,
    );
    expect(seen.every((call) => call.size === 1000 && call.first === 0 && call.last === 4995)).toBe(true);
    expect(seen.slice(0, 3).map((call) => call.seed)).toEqual([4, 105, 206]);
    // least = 20 (one per 150 answers, at most 20; log2 5000 is 12), most = 30: 20, 23, 26, 29, three runs each.
    expect(seen).toHaveLength(4 * 3);
  });

  test.each([
    [66, 20],
    [145, 13],
    [300, 6],
    [5000, 3],
  ])('when there are %i answers, then each count is clustered from %i random starts', (count, starts) => {
    const seeds = new Map<number, number[]>();
    chooseThemeCount(
      items(count),
      (sample, k, seed) => {
        seeds.set(k, [...(seeds.get(k) ?? []), seed]);
        return sample.map((item) => item % k);
      },
      1,
    );
    for (const started of seeds.values()) expect(new Set(started).size).toBe(starts);
  });

  test.each([
    [300, 8],
    [1000, 10],
    [2400, 16],
    [3000, 20],
    [10000, 20],
  ])('when there are %i answers, then the fewest themes tried is %i', (count, least) => {
    const { curve } = chooseThemeCount(items(count), (sample, k) => sample.map((item) => item % k));
    expect(curve[0]!.k).toBe(least);
  });

  test('when progress is reported, then it counts the candidates done out of all of them', () => {
    const steps: Array<[number, number]> = [];
    chooseThemeCount(items(100), stableAt(10), 1, (_, done, total) => steps.push([done, total]));
    expect(steps[0]).toEqual([0, 7]);
    expect(steps[steps.length - 1]).toEqual([7, 7]);
  });
});
