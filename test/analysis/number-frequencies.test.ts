import { NumberFrequencies } from '../../analysis/number-frequencies';

const frequenciesOf = (values: number[]) => {
  const frequencies = new NumberFrequencies();
  values.forEach((value) => frequencies.add(value));
  return frequencies;
};
const values = [4, 0.5, 1, 12.5, 1, 2, 3.5, 4, 4, 8];

// numpy.percentile(values, [0, 10, 25, 50, 75, 90, 100]) (type 7, numpy's default) and np.std(values, ddof=1):
// /tmp/venv/bin/python test/reference/analysis_algorithms.py, lines "percentiles ..." and "mean, sd (ddof=1)".
describe('NumberFrequencies against numpy', () => {
  test.each([
    [0, 0.5],
    [0.1, 0.95],
    [0.25, 1.25],
    [0.5, 3.75],
    [0.75, 4],
    [0.9, 8.45],
    [1, 12.5],
  ])("when the %f quantile is asked for, then it is numpy's %f", (p, expected) => {
    expect(frequenciesOf(values).quantile(p)).toBeCloseTo(expected, 12);
  });

  test("when summarised, then n, mean, sample SD, quartiles and range are numpy's", () => {
    const summary = frequenciesOf(values).summary();
    expect(summary).toMatchObject({ n: 10, median: 3.75, q1: 1.25, q3: 4, min: 0.5, max: 12.5 });
    expect(summary.mean).toBeCloseTo(4.05, 12);
    expect(summary.sd).toBeCloseTo(3.692710537140856, 12);
  });
});

describe('NumberFrequencies', () => {
  test('when values repeat, then each distinct value is kept once with its count, in ascending order', () => {
    expect(frequenciesOf(values).sorted()).toEqual([
      [0.5, 1],
      [1, 2],
      [2, 1],
      [3.5, 1],
      [4, 3],
      [8, 1],
      [12.5, 1],
    ]);
  });

  test('when two sets are merged, then the result is one set of all the values', () => {
    const merged = frequenciesOf(values.slice(0, 4));
    merged.merge(frequenciesOf(values.slice(4)));
    expect(merged.sorted()).toEqual(frequenciesOf(values).sorted());
    expect(merged.n).toBe(10);
  });

  test('when there is one answer, then there is no SD; with none, every figure is null', () => {
    expect(frequenciesOf([3]).summary()).toMatchObject({ n: 1, mean: 3, sd: null, median: 3 });
    expect(new NumberFrequencies().summary()).toEqual({
      n: 0,
      mean: null,
      sd: null,
      median: null,
      q1: null,
      q3: null,
      min: null,
      max: null,
    });
    expect(new NumberFrequencies().quantile(0.5)).toBeNull();
  });

  test('when a histogram is drawn, then bins are of a nice width (1, 2, 5 x 10^k), at most about 20, covering every value', () => {
    const histogram = frequenciesOf(values).histogram();
    // (12.5 - 0.5) / 20 = 0.6, so the width is 1, from 0 to 13.
    expect(histogram).toHaveLength(13);
    expect(histogram[0]).toEqual({ from: 0, to: 1, count: 1 });
    expect(histogram[1]).toEqual({ from: 1, to: 2, count: 2 });
    expect(histogram[4]).toEqual({ from: 4, to: 5, count: 3 });
    expect(histogram[12]).toEqual({ from: 12, to: 13, count: 1 });
    expect(histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(10);
  });

  test.each([
    [[5, 5, 5], [{ from: 5, to: 6, count: 3 }]],
    [[0.1, 0.25], [{ from: 0.1, to: 0.11, count: 1 }]],
    [[], []],
  ])('when the values are %p, then the histogram is %p', (input, expected) => {
    const histogram = frequenciesOf(input).histogram();
    expect(histogram.slice(0, 1)).toEqual(expected);
    expect(histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(input.length);
  });

  test('when bands are counted, then each bound is inside unless excluded', () => {
    expect(
      frequenciesOf(values).bands([
        { label: 'up to 1', to: 1 },
        { label: 'over 1 to 4', from: 1, includeFrom: false, to: 4 },
        { label: 'over 4', from: 4, includeFrom: false },
      ]),
    ).toEqual([
      { label: 'up to 1', count: 3 },
      { label: 'over 1 to 4', count: 5 },
      { label: 'over 4', count: 2 },
    ]);
  });
});
