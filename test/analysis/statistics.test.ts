import { associationTest, SIMULATIONS, simulatedFisher, tablesBound } from '../../analysis/contingency-tests';
import { NumberFrequencies } from '../../analysis/number-frequencies';
import { percent, wilsonInterval } from '../../analysis/proportions';
import { rankTest } from '../../analysis/rank-tests';

const frequencies = (values: number[]) => {
  const f = new NumberFrequencies();
  values.forEach((v) => f.add(v));
  return f;
};

describe('wilsonInterval against scipy', () => {
  // /usr/bin/python3 -c "from scipy import stats; print(stats.binomtest(20,46).proportion_ci(0.95,'wilson'))"  (scipy 1.10.1)
  test.each([
    [20, 46, 30.20926277801995, 57.75256630570501],
    // stats.binomtest(0,10).proportion_ci(0.95,'wilson') and binomtest(10,10)
    [0, 10, 0, 27.753279986288927],
    [10, 10, 72.24672001371108, 100],
  ])('when %i of %i, then the interval is [%f, %f]', (count, n, low, high) => {
    const [lo, hi] = wilsonInterval(count, n)!;
    expect(lo).toBeCloseTo(low, 9);
    expect(hi).toBeCloseTo(high, 9);
  });

  test('when nobody answered, then there is no interval and the percentage is 0, never NaN', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(percent(0, 0)).toBe(0);
  });
});

const LARGE_TABLE_REFERENCE_P = 0.450718873202817;

describe('associationTest against scipy and R', () => {
  test.each([
    // stats.chi2_contingency([[20,30],[26,83]], correction=False)
    [
      'a 2x2 table with large counts',
      [
        [20, 30],
        [26, 83],
      ],
      'chi-square',
      4.3463999915281475,
      1,
      0.03708726377391825,
    ],
    // stats.chi2_contingency([[12,20],[18,50],[16,43]], correction=False)
    [
      'a 3x2 table with large counts',
      [
        [12, 20],
        [18, 50],
        [16, 43],
      ],
      'chi-square',
      1.43725662182364,
      2,
      0.4874203868472836,
    ],
    // stats.fisher_exact([[3,1],[1,3]])
    [
      'a small 2x2 table',
      [
        [3, 1],
        [1, 3],
      ],
      'fisher',
      null,
      null,
      0.48571428571428565,
    ],
    // stats.fisher_exact([[7,0],[39,113]])
    [
      'a 2x2 table with an empty cell',
      [
        [7, 0],
        [39, 113],
      ],
      'fisher',
      null,
      null,
      0.00012005003862003216,
    ],
    // stats.fisher_exact([[2,7],[8,2]])
    [
      'a 2x2 table with expected counts under 5',
      [
        [2, 7],
        [8, 2],
      ],
      'fisher',
      null,
      null,
      0.02301413756522116,
    ],
    // stats.chi2_contingency([[1,9],[11,3]], correction=False): every expected count is 5 or more
    [
      'a table whose smallest expected count is exactly 5',
      [
        [1, 9],
        [11, 3],
      ],
      'chi-square',
      10.971428571428572,
      1,
      0.000925274037119762,
    ],
    // R 4: fisher.test(matrix(c(2,5,1, 9,3,6), ncol=2))$p.value
    [
      'a 3x2 table with small counts',
      [
        [2, 9],
        [5, 3],
        [1, 6],
      ],
      'fisher',
      null,
      null,
      0.096764654110191237,
    ],
    // R 4: fisher.test(matrix(c(1,0,4, 3,6,2, 2,2,8), ncol=3))$p.value
    [
      'a 3x3 table with small counts',
      [
        [1, 3, 2],
        [0, 6, 2],
        [4, 2, 8],
      ],
      'fisher',
      null,
      null,
      0.064465281506605687,
    ],
    // R 4: fisher.test(matrix(c(12,7,1, 30,60,9), ncol=2))$p.value
    [
      'a 3x2 table with one small expected count',
      [
        [12, 30],
        [7, 60],
        [1, 9],
      ],
      'fisher',
      null,
      null,
      0.041897574771525357,
    ],
  ] as const)('when %s, then the test is right', (_case, table, name, statistic, df, p) => {
    const result = associationTest(table.map((row) => [...row]))!;
    expect(result.name).toBe(name);
    if (statistic === null) expect(result.statistic).toBeNull();
    else expect(result.statistic).toBeCloseTo(statistic, 9);
    expect(result.df).toBe(df);
    expect(result.p).toBeCloseTo(p, 9);
  });

  test.each([
    ['one group only', [[3], [4]]],
    ['one answer only', [[5, 6]]],
    [
      'an empty table',
      [
        [0, 0],
        [0, 0],
      ],
    ],
  ])('when there is %s, then there is no test', (_case, table) => {
    expect(associationTest(table)).toBeNull();
  });

  test('when a table is too large to enumerate, then a seeded simulation comes close to the exact p', () => {
    // Twelve groups of ten with rare answers: far more arrangements than are enumerated.
    const table = [
      [1, 0, 2, 0, 1, 0, 3, 0, 1, 2, 0, 1],
      [9, 10, 8, 10, 9, 10, 7, 10, 9, 8, 10, 9],
    ];
    const result = associationTest(table)!;
    expect(result.name).toBe('fisher-simulated');
    expect(result.note).toMatch(/Monte Carlo/);
    // R 4: fisher.test(matrix(c(1,9,0,10,2,8,0,10,1,9,0,10,3,7,0,10,1,9,2,8,0,10,1,9), nrow=2), simulate.p.value=TRUE, B=1e6)$p.value with set.seed(1) -> 0.36962663
    expect(Math.abs(result.p! - 0.36962663)).toBeLessThan(monteCarloMargin(0.36962663));
    expect(associationTest(table)!.p).toBe(result.p);
  });

  /** Three standard errors of a Monte Carlo proportion from `draws` random tables. */
  const monteCarloMargin = (p: number, draws = SIMULATIONS) => 3 * Math.sqrt((p * (1 - p)) / draws);

  test.each([
    [
      'a 3x3 table with small counts',
      [
        [1, 3, 2],
        [0, 6, 2],
        [4, 2, 8],
      ],
      0.064465281506605687,
    ],
    [
      'a 3x2 table with one small expected count',
      [
        [12, 30],
        [7, 60],
        [1, 9],
      ],
      0.041897574771525357,
    ],
    [
      'a small 2x2 table',
      [
        [3, 1],
        [1, 3],
      ],
      0.48571428571428565,
    ],
  ])(
    'when %s is simulated instead of enumerated, then the p-value agrees with R within Monte Carlo error',
    (_case, table, exact) => {
      expect(Math.abs(simulatedFisher(table, 20_000).p! - exact)).toBeLessThan(monteCarloMargin(exact, 20_000));
    },
  );

  test('when thousands of answers fall in a 3x3 table with a rare answer, then the simulated p-value agrees with scipy', () => {
    // Rare third answer: expected counts under 5, so Fisher's test, far too many arrangements to enumerate.
    const table = [
      [1100, 1100, 1100],
      [560, 560, 560],
      [2, 4, 8],
    ];
    const result = associationTest(table)!;
    expect(result.name).toBe('fisher-simulated');
    // python3 test/reference/fisher_large.py (scipy random_table, 400,000 tables) -> 0.450718873202817
    expect(Math.abs(result.p! - LARGE_TABLE_REFERENCE_P)).toBeLessThan(
      monteCarloMargin(LARGE_TABLE_REFERENCE_P) + 0.003,
    );
  });

  test("when answers are split by the fourteen LMCs, then Fisher's p is simulated from 2000 tables as R does by default, and agrees with scipy", () => {
    const table = [
      [9, 5, 2, 8, 1, 4, 6, 2, 3, 3, 1, 2, 0, 1],
      [1, 6, 3, 9, 2, 3, 5, 1, 12, 2, 2, 1, 1, 0],
      [2, 1, 0, 3, 1, 2, 2, 0, 4, 1, 0, 0, 1, 3],
    ];
    const result = associationTest(table)!;
    expect(result).toMatchObject({ name: 'fisher-simulated', note: expect.stringContaining('from 2000 tables') });
    // python3 test/reference/fisher_large.py (scipy random_table, 400,000 tables) -> 3x14 0.27105182237044406
    expect(Math.abs(result.p! - 0.27105182237044406)).toBeLessThan(monteCarloMargin(0.27105182237044406));
    expect(associationTest(table, 20_000)!.note).toContain('from 20000 tables');
  });

  test.each([
    // Two rows: the first row decides the table, so the bound is the exact count.
    ['a 2x2 table with margins 2, 2', [2, 2], [2, 2], 3],
    ['a 2x3 table with margins 3, 3 / 2, 2, 2', [3, 3], [2, 2, 2], 7],
    ['a 2x12 table of twelve groups of ten', [11, 109], Array(12).fill(10), 705_420],
  ])(
    'when the arrangements of %s are estimated before enumerating, then the estimate is the exact count',
    (_case, rows, cols, count) => {
      expect(tablesBound(rows, cols)).toBe(count);
    },
  );

  test('when a row or column is all zero, then it is left out rather than breaking the test', () => {
    expect(
      associationTest([
        [3, 1, 0],
        [1, 3, 0],
        [0, 0, 0],
      ])!.p,
    ).toBeCloseTo(0.48571428571428565, 9);
  });
});

describe('rankTest against scipy', () => {
  test('when two groups with ties are compared, then U and p match mannwhitneyu', () => {
    // stats.mannwhitneyu([2,1,1.5,2,3,4,2,1,0.5,2.5],[4,8,8,3,4.5,6,2,10],alternative='two-sided',method='asymptotic',use_continuity=True)
    const result = rankTest([
      frequencies([2, 1, 1.5, 2, 3, 4, 2, 1, 0.5, 2.5]),
      frequencies([4, 8, 8, 3, 4.5, 6, 2, 10]),
    ])!;
    expect(result).toMatchObject({ name: 'mann-whitney', df: null });
    expect(result.statistic).toBe(6.5);
    expect(result.p).toBeCloseTo(0.003141510983689952, 9);
  });

  test('when three groups are compared, then H and p match kruskal', () => {
    // stats.kruskal([1,2,3,3,4],[2,5,6,6],[7,8,8,9])
    const result = rankTest([frequencies([1, 2, 3, 3, 4]), frequencies([2, 5, 6, 6]), frequencies([7, 8, 8, 9])])!;
    expect(result.name).toBe('kruskal-wallis');
    expect(result.statistic).toBeCloseTo(9.067500000000006, 9);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(0.010740324244435625, 9);
  });

  test('when every answer is the same, then p is null with a note, never NaN', () => {
    const result = rankTest([frequencies([2, 2]), frequencies([2, 2, 2])])!;
    expect(result.p).toBeNull();
    expect(result.note).toMatch(/same value/);
  });

  test('when one group is empty, then there is no test', () => {
    expect(rankTest([frequencies([1, 2]), frequencies([])])).toBeNull();
  });
});

describe('NumberFrequencies', () => {
  test('when summarised, then quantiles are type 7 and the SD is the sample SD (numpy)', () => {
    // np.percentile([1,2,3,4,10],[25,50,75]) -> [2, 3, 4]; np.std([1,2,3,4,10], ddof=1) -> 3.5355339059327378
    expect(frequencies([10, 1, 3, 2, 4]).summary()).toEqual({
      n: 5,
      mean: 4,
      sd: expect.closeTo(3.5355339059327378, 12),
      median: 3,
      q1: 2,
      q3: 4,
      min: 1,
      max: 10,
    });
  });

  test('when quantiles fall between values, then they interpolate', () => {
    expect(frequencies([1, 2, 3, 4]).summary()).toMatchObject({ q1: 1.75, median: 2.5, q3: 3.25 });
  });

  test('when there is one value or none, then the summary is defined', () => {
    expect(frequencies([7]).summary()).toEqual({ n: 1, mean: 7, sd: null, median: 7, q1: 7, q3: 7, min: 7, max: 7 });
    expect(frequencies([]).summary()).toEqual({
      n: 0,
      mean: null,
      sd: null,
      median: null,
      q1: null,
      q3: null,
      min: null,
      max: null,
    });
    expect(frequencies([]).histogram()).toEqual([]);
  });

  test("when hours are put in the review's bands, then edges fall where the review puts them", () => {
    const bands = [
      { label: 'Under 1', to: 1, includeTo: false },
      { label: '1 to 4', from: 1, to: 4 },
      { label: 'Over 4 to 8', from: 4, includeFrom: false, to: 8 },
      { label: 'Over 8', from: 8, includeFrom: false },
    ];
    expect(
      frequencies([0, 0.5, 1, 4, 4.5, 8, 8.5, 40])
        .bands(bands)
        .map((b) => b.count),
    ).toEqual([2, 2, 2, 2]);
  });

  test('when a histogram is drawn, then every value falls in exactly one bin', () => {
    const bins = frequencies([0, 1, 2, 2.5, 8, 12, 40]).histogram();
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(7);
    expect(bins[0]!.from).toBe(0);
    expect(bins[bins.length - 1]!.to).toBeGreaterThan(40);
  });
});
