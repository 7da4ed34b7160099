import { normalisedMutualInformation } from '../../../analysis/coding/cluster-agreement';

// Reference values: /tmp/venv/bin/python test/reference/analysis_algorithms.py, line "nmi"
// (sklearn.metrics.normalized_mutual_info_score, scikit-learn 1.9.1, arithmetic mean normalisation).
describe('normalisedMutualInformation against scikit-learn', () => {
  test.each([
    ['the same grouping under other names', 1, [0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2]],
    ['one grouping splitting the other', 0.5158037429793889, [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]],
    ['independent groupings', 0, [0, 1, 0, 1, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0, 1, 1]],
    ['partly agreeing groupings', 0.44270128334605, [0, 0, 1, 1, 1, 2, 2, 2, 2, 0], [5, 5, 5, 7, 7, 7, 9, 9, 9, 9]],
  ])('when comparing %s, then NMI is %f', (_, expected, a, b) => {
    expect(normalisedMutualInformation(a, b)).toBeCloseTo(expected, 12);
    expect(normalisedMutualInformation(b, a)).toBeCloseTo(expected, 12);
  });

  test('when labels are strings or numbers, then only the grouping counts', () => {
    expect(normalisedMutualInformation(['x', 'x', 'y', 'z'], [3, 3, 1, 2])).toBeCloseTo(1, 12);
  });

  test.each([
    ['there are no items', [], []],
    ['both put everything in one group', [1, 1, 1], [4, 4, 4]],
  ])('when %s, then agreement is 1 (nothing to disagree on)', (_, a, b) => {
    expect(normalisedMutualInformation(a, b)).toBe(1);
  });

  test('when one labelling has one group and the other several, then NMI is 0', () => {
    expect(normalisedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });
});
