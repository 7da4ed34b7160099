import { nmf, project, seededRandom } from '../../../analysis/coding/nmf';
import { sparseRows } from '../../support/sparse';

const W0 = [
  [1, 0],
  [2, 0.5],
  [0, 1],
  [0.5, 2],
  [1, 1],
  [3, 0],
];
const H0 = [
  [1, 2, 0, 0.5],
  [0, 0.5, 2, 1],
];
const exact = W0.map((w) => H0[0]!.map((_, v) => w[0]! * H0[0]![v]! + w[1]! * H0[1]![v]!));
// W0 H0 plus non-negative noise, and the smallest Frobenius error sklearn.decomposition.NMF(n_components=2,
// solver='cd', init='random', tol=1e-12, max_iter=20000) reaches on it over five starts:
// /tmp/venv/bin/python test/reference/analysis_algorithms.py, lines "nmf noisy matrix" and "nmf noisy best error".
const noisy = [
  [1.1, 2.0, 0.2, 0.5],
  [2.0, 4.55, 1.0, 1.6],
  [0.2, 0.5, 2.0, 1.2],
  [0.5, 2.1, 4.3, 2.25],
  [1.1, 2.6, 2.0, 1.8],
  [3.0, 6.2, 0.1, 1.5],
];
const SKLEARN_NOISY_ERROR = 0.4141983556857882;

function frobeniusError(X: number[][], k: number, W: Float64Array, H: Float64Array): number {
  const terms = X[0]!.length;
  let sum = 0;
  X.forEach((row, r) =>
    row.forEach((value, v) => {
      let product = 0;
      for (let t = 0; t < k; t += 1) product += W[r * k + t]! * H[t * terms + v]!;
      sum += (value - product) ** 2;
    }),
  );
  return Math.sqrt(sum);
}

describe('nmf (hierarchical alternating least squares)', () => {
  test('when the matrix is exactly a non-negative rank 2 product, then two topics reconstruct it', () => {
    const { W, H } = nmf(sparseRows(exact), 4, 2, { iterations: 2000 });
    expect(frobeniusError(exact, 2, W, H)).toBeLessThan(1e-3);
  });

  test.each([1, 2, 3])(
    'when the matrix has noise (seed %i), then the error is within 1% of the best scikit-learn NMF reaches',
    (seed) => {
      const { W, H } = nmf(sparseRows(noisy), 4, 2, { iterations: 2000, seed });
      expect(frobeniusError(noisy, 2, W, H)).toBeLessThan(SKLEARN_NOISY_ERROR * 1.01);
      // Ours is float32 input; below sklearn's optimum by more than rounding would mean the error is mismeasured.
      expect(frobeniusError(noisy, 2, W, H)).toBeGreaterThan(SKLEARN_NOISY_ERROR * 0.999);
    },
  );

  test('when the factors are returned, then every entry of W and H is non-negative', () => {
    const { W, H, k } = nmf(sparseRows(noisy), 4, 3, { iterations: 30 });
    expect(k).toBe(3);
    expect(W).toHaveLength(noisy.length * 3);
    expect(H).toHaveLength(3 * 4);
    expect(Math.min(...W, ...H)).toBeGreaterThanOrEqual(0);
  });

  test('when more iterations are run from the same start, then the reconstruction error never rises', () => {
    const errors = [1, 2, 5, 10, 20, 50, 100].map((iterations) => {
      const { W, H } = nmf(sparseRows(noisy), 4, 2, { iterations, seed: 3 });
      return frobeniusError(noisy, 2, W, H);
    });
    errors.slice(1).forEach((error, i) => expect(error).toBeLessThanOrEqual(errors[i]! + 1e-12));
    expect(errors[errors.length - 1]!).toBeLessThan(errors[0]! / 2);
  });

  test('when a tolerance is given, then it stops at the first iteration that gains less than that share of the squared error', () => {
    const tolerance = 1e-6;
    const stopped = nmf(sparseRows(noisy), 4, 2, { iterations: 2000, seed: 3, tolerance });
    expect(stopped.iterations).toBeGreaterThan(2);
    expect(stopped.iterations).toBeLessThan(2000);
    const squaredError = (iterations: number) => {
      const { W, H } = nmf(sparseRows(noisy), 4, 2, { iterations, seed: 3 });
      return frobeniusError(noisy, 2, W, H) ** 2;
    };
    const [before, at, last] = [stopped.iterations - 2, stopped.iterations - 1, stopped.iterations].map(squaredError);
    expect(before! - at!).toBeGreaterThanOrEqual(tolerance * before!);
    expect(at! - last!).toBeLessThan(tolerance * at!);
    // The same factors as running exactly that many iterations.
    const full = nmf(sparseRows(noisy), 4, 2, { iterations: stopped.iterations, seed: 3 });
    expect(Array.from(stopped.W)).toEqual(Array.from(full.W));
    expect(Array.from(stopped.H)).toEqual(Array.from(full.H));
  });

  test('when a text is projected onto fixed topics, then its weights reconstruct it as its row of W does', () => {
    const { W, H } = nmf(sparseRows(exact), 4, 2, { iterations: 2000 });
    const [row] = sparseRows([exact[3]!]);
    const weights = project(row!, H, 2, 4);
    const rebuilt = [0, 1, 2, 3].map((v) => weights[0]! * H[v]! + weights[1]! * H[4 + v]!);
    rebuilt.forEach((value, v) => expect(value).toBeCloseTo(exact[3]![v]!, 2));
    expect(weights[0]).toBeCloseTo(W[3 * 2]!, 2);
    expect(weights[1]).toBeCloseTo(W[3 * 2 + 1]!, 2);
  });

  test("when a text has none of the topics' words, then its weights are zero", () => {
    const H = Float64Array.from([1, 0, 0, 0, 1, 0]);
    const [row] = sparseRows([[0, 0, 2]]);
    expect(Array.from(project(row!, H, 2, 3))).toEqual([0, 0]);
  });
});

describe('seededRandom', () => {
  test('when two generators share a seed, then they give the same numbers in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 100 }, () => a());
    expect(draws).toEqual(Array.from({ length: 100 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  test('when the seed is 0, then the generator still moves (0 would be a fixed point)', () => {
    const random = seededRandom(0);
    expect(random()).not.toBe(random());
  });
});
