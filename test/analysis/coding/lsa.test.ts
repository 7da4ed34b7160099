import { lsa } from '../../../analysis/coding/lsa';
import { sparseRows } from '../../support/sparse';

const X = [
  [3, 1, 0, 0, 1],
  [2, 2, 0, 1, 0],
  [0, 0, 4, 1, 0],
  [0, 1, 3, 2, 0],
  [1, 0, 0, 0, 3],
  [0, 0, 1, 0, 2],
];
// sklearn.decomposition.TruncatedSVD(n_components=2, algorithm='arpack').fit_transform(X), each row made unit
// length: /tmp/venv/bin/python test/reference/analysis_algorithms.py, line "lsa unit rows" (scikit-learn 1.9.1;
// singular values 5.625013887053885 and 4.610761518566996, distinct, so each column is defined up to its sign).
const SKLEARN_UNIT_ROWS = [
  [0.3069974002112298, 0.9517103531345795],
  [0.5204312206065594, 0.8539035921097688],
  [0.9438768269876452, -0.3302976467910951],
  [0.9777029906032474, -0.20999252883249556],
  [0.29058849498760647, 0.9568481209579908],
  [0.845410074944393, 0.5341177821253621],
];

/** Flips each column so that its first entry is positive: SVD fixes the singular vectors only up to sign. */
const signAligned = (rows: ArrayLike<number>[]) => {
  const signs = Array.from(rows[0]!, (value) => Math.sign(value) || 1);
  return rows.map((row) => Array.from(row, (value, c) => value * signs[c]!));
};

describe('lsa (truncated SVD by randomised range finding)', () => {
  test.each([1, 2, 3])(
    "when run with seed %i, then its row coordinates are scikit-learn TruncatedSVD's up to the sign of each column",
    (seed) => {
      const points = lsa(sparseRows(X), 5, 2, { seed });
      const ours = signAligned(points);
      const theirs = signAligned(SKLEARN_UNIT_ROWS);
      ours.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(theirs[r]![c]!, 5)));
    },
  );

  test('when it returns coordinates, then every row is unit length, so a dot product is a cosine', () => {
    for (const point of lsa(sparseRows(X), 5, 3)) {
      expect(Math.hypot(...point)).toBeCloseTo(1, 10);
    }
  });

  test('when more dimensions are asked for than the data has, then it gives at most rows - 1 and terms - 1', () => {
    expect(lsa(sparseRows(X), 5, 50)[0]).toHaveLength(4);
    expect(lsa(sparseRows(X.slice(0, 3)), 5, 50)[0]).toHaveLength(2);
  });

  test('when the same seed is used twice, then the coordinates are the same', () => {
    expect(lsa(sparseRows(X), 5, 2, { seed: 7 })).toEqual(lsa(sparseRows(X), 5, 2, { seed: 7 }));
  });

  test('when two rows lean on the same words, then their cosine is high, and low against a row of other words', () => {
    const points = lsa(sparseRows(X), 5, 2);
    const cosine = (a: number, b: number) => points[a]![0]! * points[b]![0]! + points[a]![1]! * points[b]![1]!;
    expect(cosine(0, 4)).toBeGreaterThan(0.9);
    expect(cosine(0, 2)).toBeLessThan(0.1);
  });
});
