import type { SparseVector } from '../../analysis/coding/tfidf';
import { refineToThemes } from '../../analysis/coding/themes';

/*
 * After look-alike groups are merged, answers move to the nearest merged theme's centre (k-means steps started
 * from the merged themes), and each then sits in the nearest part of its theme, so that the parts stay.
 */
const vector = (...values: number[]): SparseVector => {
  const norm = Math.hypot(...values) || 1;
  return { indices: Int32Array.from(values.map((_, d) => d)), values: Float32Array.from(values, (x) => x / norm) };
};
const unit = (...values: number[]) => Float64Array.from(values, (x) => x / (Math.hypot(...values) || 1));

function arrange() {
  // Answers 0-2 lie along the first axis, 3-5 along the second, 6 leans to the first. Groups 0 and 1 (both near
  // the first axis) were merged into theme 0; group 2 is theme 1, but answer 6 was put in it.
  const vectors = [
    vector(1, 0.05),
    vector(1, 0.1),
    vector(0.95, 0.2),
    vector(0.05, 1),
    vector(0.1, 1),
    vector(0.2, 0.95),
    vector(0.9, 0.3),
  ];
  const grouping = {
    centroids: [unit(1, 0.02), unit(0.97, 0.25), unit(0.3, 1)],
    main: Int32Array.from([0, 0, 1, 2, 2, 2, 2]),
  };
  const partsOf = [[0, 1], [2]];
  const partRows = [[0, 1], [2], [3, 4, 5, 6]];
  const rows = vectors.map((_, i) => i);
  const centreOf = (parts: number[]) => {
    const sum = new Float64Array(2);
    for (const part of parts)
      for (let d = 0; d < 2; d += 1) sum[d]! += partRows[part]!.length * grouping.centroids[part]![d]!;
    return unit(...sum);
  };
  return { vectors, grouping, partsOf, partRows, rows, centreOf };
}

describe('refineToThemes', () => {
  test('when an answer was put in a theme whose centre is farther, then it moves to the nearest part of the nearer theme', () => {
    const { vectors, grouping, partsOf, partRows, rows, centreOf } = arrange();
    refineToThemes(vectors, grouping, partsOf, partRows, rows, centreOf, 5);
    // Answer 6 leaves group 2 for theme 0, and within it the part nearer to it (group 1, not group 0).
    expect([...grouping.main]).toEqual([0, 0, 1, 2, 2, 2, 1]);
  });

  test('when an answer moves to another theme, then the parts list their answers anew', () => {
    const { vectors, grouping, partsOf, partRows, rows, centreOf } = arrange();
    refineToThemes(vectors, grouping, partsOf, partRows, rows, centreOf, 5);
    expect(partRows).toEqual([
      [0, 1],
      [2, 6],
      [3, 4, 5],
    ]);
  });

  test('when a theme is left with fewer answers than the fewest a theme may hold, then they go to the nearest other theme', () => {
    const { vectors, grouping, partsOf, partRows, rows, centreOf } = arrange();
    refineToThemes(vectors, grouping, partsOf, partRows, rows, centreOf, 5, 4);
    // Theme 1 keeps three answers (3-5), under four: each goes to the nearer part of theme 0.
    expect(partRows[2]).toEqual([]);
    expect([...grouping.main].every((part) => part === 0 || part === 1)).toBe(true);
    expect(partRows[0]!.length + partRows[1]!.length).toBe(7);
  });
});
