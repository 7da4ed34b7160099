import { learnWordVectors, textVector } from '../../../analysis/coding/word-vectors';
import { stem } from '../../../analysis/text';
import { pairedAnswers } from '../../support/answer-corpus';

const answers = pairedAnswers(320, 15);

describe('learnWordVectors (PPMI of nearby stems, reduced by truncated SVD)', () => {
  const vectors = learnWordVectors(answers, 10)!;

  test.each([
    ['nurses', 'staff', 'secretary'],
    ['secretary', 'administrator', 'nurses'],
  ])(
    'when "%s" keeps the same company as "%s", then that is its closest word, and "%s" is not close',
    (word, same, other) => {
      const close = vectors.closeWords(stem(word));
      expect(close[0]).toBe(stem(same));
      expect(close).not.toContain(stem(other));
    },
  );

  test('when vectors are learned, then each known stem has a unit vector of the asked dimensions', () => {
    expect(vectors.dimensions).toBe(10);
    const nurse = vectors.vectorOf(stem('nurses'))!;
    expect(nurse).toHaveLength(10);
    expect(Math.hypot(...nurse)).toBeCloseTo(1, 10);
    expect(vectors.vectorOf('zebra')).toBeUndefined();
    expect(vectors.closeWords('zebra')).toEqual([]);
  });

  test('when close words are asked for with a count and a bar, then no more than the count, all above the bar', () => {
    const own = vectors.vectorOf(stem('nurses'))!;
    const close = vectors.closeWords(stem('nurses'), 2, 0.3);
    expect(close.length).toBeLessThanOrEqual(2);
    for (const word of close) {
      const other = vectors.vectorOf(word)!;
      expect(own.reduce((sum, value, d) => sum + value * other[d]!, 0)).toBeGreaterThanOrEqual(0.3);
    }
  });

  test('when vectors are learned, then they say how many answers they were learned from', () => {
    expect(vectors.documents).toBe(320);
  });

  test('when the vocabulary is no larger than the dimensions asked for, then there is nothing to learn (null)', () => {
    expect(learnWordVectors(answers)).toBeNull();
    expect(learnWordVectors(['too few words here'], 2)).toBeNull();
  });
});

describe('textVector', () => {
  const vectors = learnWordVectors(answers, 10)!;

  test('when a text has known words, then its vector is their mean made unit length, each word alike', () => {
    const vector = textVector('Nurses handle the ward', vectors)!;
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    const expected = new Float64Array(10);
    for (const word of ['nurses', 'handle', 'ward']) {
      const own = vectors.vectorOf(stem(word))!;
      own.forEach((value, d) => (expected[d]! += value));
    }
    const norm = Math.hypot(...expected);
    vector.forEach((value, d) => expect(value).toBeCloseTo(expected[d]! / norm, 10));
  });

  test("when none of a text's words has a vector, then there is no vector (null)", () => {
    expect(textVector('zebra giraffe', vectors)).toBeNull();
    expect(textVector('', vectors)).toBeNull();
  });
});
