import { LinearSvm } from '../../../analysis/coding/linear-svm';
import { sparseRows } from '../../support/sparse';

const points = [
  [1, 0.2, 0],
  [0.9, 0.1, 0.3],
  [0.8, 0.4, 0],
  [0.1, 1, 0.2],
  [0.2, 0.9, 0],
  [0, 0.8, 0.5],
  [0.5, 0.5, 1],
  [0.3, 0.2, 0.9],
];
const labels = [['a'], ['a'], ['a', 'c'], ['b'], ['b'], ['b', 'c'], ['c'], ['c']];
const queries = [
  [0.7, 0.1, 0.1],
  [0.05, 0.6, 0],
  [0.4, 0.3, 0.8],
  [0.5, 0.5, 0],
];
// sklearn.svm.LinearSVC(C=1, loss='squared_hinge', dual=True, intercept_scaling=1, tol=1e-12), one binary
// problem per label, decision_function(queries): /tmp/venv/bin/python test/reference/analysis_algorithms.py,
// line "svm decision values" (scikit-learn 1.9.1).
const SKLEARN_DECISIONS = [
  [0.5348881882189659, -0.800039436960311, -0.23008454223747332],
  [-0.5058783782904048, 0.5140184991072297, -0.26658222714884483],
  [-0.5531377897428954, -0.6571402232261043, 0.5512248415302299],
  [0.08363333512537843, -0.09512166183944706, -0.38289575259035175],
];

describe('LinearSvm (one-vs-rest, squared hinge, dual coordinate descent)', () => {
  test("when trained to convergence, then its decision values are scikit-learn LinearSVC's", () => {
    const svm = new LinearSvm(3, { c: 1, iterations: 3000 }).fit(sparseRows(points), labels);
    expect(svm.labels).toEqual(['a', 'b', 'c']);
    sparseRows(queries).forEach((query, q) =>
      svm.scores(query).forEach((score, l) => expect(score).toBeCloseTo(SKLEARN_DECISIONS[q]![l]!, 3)),
    );
  });

  test('when trained with the default passes, then it predicts what LinearSVC predicts for every query', () => {
    const svm = new LinearSvm(3).fit(sparseRows(points), labels);
    sparseRows(queries).forEach((query, q) =>
      expect(svm.scores(query).map((score) => score > 0)).toEqual(SKLEARN_DECISIONS[q]!.map((score) => score > 0)),
    );
  });

  test('when the classes are separable, then every training example is on its own side for every label', () => {
    const separable = [
      [1, 0],
      [0.9, 0.2],
      [0.8, 0.1],
      [0, 1],
      [0.1, 0.9],
      [0.2, 0.8],
    ];
    const sets = [['left'], ['left'], ['left'], ['right'], ['right'], ['right']];
    const svm = new LinearSvm(2, { c: 10, iterations: 50 }).fit(sparseRows(separable), sets);
    sparseRows(separable).forEach((vector, i) => {
      const [left, right] = svm.scores(vector) as [number, number];
      expect(left > 0).toBe(sets[i]![0] === 'left');
      expect(right > 0).toBe(sets[i]![0] === 'right');
    });
  });

  test('when a label is rare, then balanced weighting raises its scores over unweighted training', () => {
    const rows = [...Array.from({ length: 9 }, (_, i) => [1, 0.1 * (i % 3)]), [0.6, 0.7]];
    const sets = [...Array.from({ length: 9 }, () => ['common']), ['rare', 'common']];
    const vectors = sparseRows(rows);
    const plain = new LinearSvm(2, { iterations: 200 }).fit(vectors, sets);
    const balanced = new LinearSvm(2, { iterations: 200, balanced: true }).fit(vectors, sets);
    const rare = plain.labels.indexOf('rare');
    expect(balanced.scores(vectors[9]!)[rare]!).toBeGreaterThan(plain.scores(vectors[9]!)[rare]!);
  });

  test('when trained twice with the same seed, then the scores are identical', () => {
    const scores = () => new LinearSvm(3, { seed: 5 }).fit(sparseRows(points), labels).scores(sparseRows(queries)[0]!);
    expect(scores()).toEqual(scores());
  });
});
