import { normalisedMutualInformation } from '../../../analysis/coding/cluster-agreement';
import { dot, sphericalKmeans } from '../../../analysis/coding/spherical-kmeans';
import { sparseRows } from '../../support/sparse';

const unit = (row: number[]) => {
  const norm = Math.hypot(...row);
  return row.map((value) => value / norm);
};

/** Three groups of five unit vectors in 6 dimensions, each group around its own pair of axes. */
const groups = [0, 1, 2];
const truth = groups.flatMap((g) => Array.from({ length: 5 }, () => g));
const dense = truth.map((g, i) => {
  const row = new Array<number>(6).fill(0);
  row[2 * g] = 1 + (i % 3) * 0.2;
  row[2 * g + 1] = 0.5 + (i % 2) * 0.3;
  row[(2 * g + 2) % 6] = 0.05 * (i % 4);
  return unit(row);
});

describe('sphericalKmeans', () => {
  test.each([1, 2, 3, 4])(
    'when three groups are well apart (seed %i), then the clusters are exactly the groups',
    (seed) => {
      const { assignments } = sphericalKmeans(sparseRows(dense), 6, 3, { seed, restarts: 3 });
      expect(normalisedMutualInformation(Array.from(assignments), truth)).toBeCloseTo(1, 12);
    },
  );

  test('when clustered, then each centroid is unit length and each vector sits with the centroid it is closest to', () => {
    const vectors = sparseRows(dense);
    const { assignments, centroids } = sphericalKmeans(vectors, 6, 3);
    centroids.forEach((centroid) => expect(Math.hypot(...centroid)).toBeCloseTo(1, 10));
    vectors.forEach((vector, i) => {
      const similarities = centroids.map((centroid) => dot(vector, centroid));
      expect(similarities[assignments[i]!]).toBeCloseTo(Math.max(...similarities), 12);
    });
  });

  test('when a vector is empty, then it is assigned -1 and the others are still clustered', () => {
    const vectors = sparseRows([...dense, [0, 0, 0, 0, 0, 0]]);
    const { assignments } = sphericalKmeans(vectors, 6, 3, { restarts: 3 });
    expect(assignments[dense.length]).toBe(-1);
    expect(normalisedMutualInformation(Array.from(assignments.slice(0, dense.length)), truth)).toBeCloseTo(1, 12);
  });

  test('when more clusters are asked for than there are non-empty vectors, then there is one per vector', () => {
    const { assignments, centroids } = sphericalKmeans(sparseRows(dense.slice(0, 2)), 6, 5);
    expect(centroids).toHaveLength(2);
    expect(new Set(assignments).size).toBe(2);
  });

  test('when nothing has any term, then every vector is -1 and there is no crash', () => {
    const { assignments, centroids } = sphericalKmeans(
      sparseRows([
        [0, 0],
        [0, 0],
      ]),
      2,
      2,
    );
    expect(Array.from(assignments)).toEqual([-1, -1]);
    expect(centroids).toEqual([]);
  });

  test('when run twice with the same seed, then the result is identical', () => {
    const run = () => sphericalKmeans(sparseRows(dense), 6, 3, { seed: 9 });
    expect(run()).toEqual(run());
  });
});

describe('dot', () => {
  test('when a sparse vector meets a dense one, then it is their dot product', () => {
    const [vector] = sparseRows([[0, 3, 0, 4]]);
    expect(dot(vector!, Float64Array.from([9, 1, 9, 2]))).toBe(11);
  });
});
