import { dice, matchedOneToOne, normalisedMutualInformation } from '../../../analysis/coding/cluster-agreement';

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

describe('groups matched one to one', () => {
  const set = (ids: string) => new Set(ids.split(''));
  test.each([
    ['two sets sharing half of three and one', 'abc', 'cd', 0.4],
    ['the same set', 'ab', 'ab', 1],
    ['sets sharing nothing', 'ab', 'cd', 0],
    ['two empty sets', '', '', 0],
  ])('when Dice is worked out for %s, then it is %f', (_, a, b, expected) => {
    expect(dice(set(a), set(b))).toBeCloseTo(expected, 12);
  });

  test.each([
    // One candidate fits both human groups: it counts for one of them only.
    ['one candidate is the best match for two human groups', ['abcd', 'abce'], ['abcdf'], 1],
    // Giving the first human group its second choice frees the candidate the second one needs (augmenting path).
    ['a first choice blocks a later group', ['ab', 'abc'], ['abc', 'ab'], 2],
    ['no candidate reaches the threshold', ['abcd'], ['a', 'e'], 0],
    ['every group has its own candidate', ['ab', 'cd', 'ef'], ['fe', 'dc', 'ba'], 3],
  ])('when %s, then %i are matched', (_, human, candidates, expected) => {
    expect(matchedOneToOne(human.map(set), candidates.map(set), 0.5)).toBe(expected);
  });
});
