import { AnswerSpace } from '../../../analysis/coding/representation';
import { TfidfVectorizer } from '../../../analysis/coding/tfidf';
import { learnWordVectors } from '../../../analysis/coding/word-vectors';
import { stem } from '../../../analysis/text';
import { pairedAnswers } from '../../support/answer-corpus';
import { denseRow } from '../../support/sparse';

const norm = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((sum, v) => sum + v * v, 0));

describe('AnswerSpace', () => {
  test('when there are fewer than 300 answers, then answers are their TF-IDF vectors alone', () => {
    const texts = pairedAnswers(299);
    const space = new AnswerSpace(texts);
    const tfidf = new TfidfVectorizer({ minDocumentFrequency: 2, maxNgram: 2 });
    const words = tfidf.fitTransform(texts);
    expect(space.representation).toBe('words');
    expect(space.hasMeaning).toBe(false);
    expect(space.dimension).toBe(tfidf.size);
    expect(space.wordDimensions).toBe(tfidf.size);
    expect(denseRow(space.answerVectors[5]!, space.dimension)).toEqual(denseRow(words[5]!, tfidf.size));
    expect(space.closeWords(stem('nurses'))).toEqual([]);
  });

  describe('when there are 300 answers or more with a large enough vocabulary', () => {
    const texts = pairedAnswers(300);
    const space = new AnswerSpace(texts);

    test('then learned word meaning (50 dimensions) is appended after the word dimensions', () => {
      expect(space.representation).toBe('words and learned word meaning');
      expect(space.hasMeaning).toBe(true);
      expect(space.dimension).toBe(space.wordDimensions + 50);
      const vector = space.answerVectors[0]!;
      expect(Math.max(...vector.indices)).toBeGreaterThanOrEqual(space.wordDimensions);
    });

    test('then every answer is still unit length: 0.2 of the weight on its words, 0.8 on their meaning', () => {
      for (const vector of space.answerVectors) expect(norm(vector.values)).toBeCloseTo(1, 5);
      const vector = space.answerVectors[0]!;
      const words = Array.from(vector.values).filter((_, j) => vector.indices[j]! < space.wordDimensions);
      expect(norm(words) ** 2).toBeCloseTo(0.2, 5);
    });

    test('then a new text is placed the same way as the answers it was built from', () => {
      expect(denseRow(space.vectorOf(texts[3]!), space.dimension)).toEqual(
        denseRow(space.answerVectors[3]!, space.dimension),
      );
    });

    test('then close words come from the learned meaning, and are remembered', () => {
      const close = space.closeWords(stem('secretary'));
      expect(close).toContain(stem('administrator'));
      expect(space.closeWords(stem('secretary'))).toBe(close);
    });

    test('then a text with no known word stays an empty vector', () => {
      expect(space.vectorOf('zebra giraffe').indices.length).toBe(0);
    });
  });

  test('when 300 answers use too few distinct words to learn meaning from, then answers are words alone', () => {
    const space = new AnswerSpace(pairedAnswers(320, 15));
    expect(space.representation).toBe('words');
  });

  describe('when a vocabulary learned beforehand is given', () => {
    // Learned on 400 answers that use the same words as pairedAnswers(300 or 320); the other on 15 words a side.
    const vocabulary = learnWordVectors(pairedAnswers(400), 10)!;
    const narrow = learnWordVectors(pairedAnswers(400, 15), 10)!;

    test('when there are 300 answers or more whose words it knows, fewer than it was learned from, then their meaning comes from it, with no close words', () => {
      const space = new AnswerSpace(pairedAnswers(320), vocabulary);
      expect(space.meaningSource).toBe('vocabulary');
      expect(space.representation).toBe('words and learned word meaning');
      expect(space.dimension).toBe(space.wordDimensions + 10);
      for (const vector of space.answerVectors) expect(norm(vector.values)).toBeCloseTo(1, 5);
      expect(space.closeWords(stem('nurses'))).toEqual([]);
    });

    test("when it knows under 85% of the answers' words, then the answers teach their own meaning", () => {
      const space = new AnswerSpace(pairedAnswers(300), narrow);
      expect(space.meaningSource).toBe('learned');
      expect(space.dimension).toBe(space.wordDimensions + 50);
      expect(space.closeWords(stem('secretary'))).toContain(stem('administrator'));
    });

    test('when there are as many answers as it was learned from, then they teach their own meaning', () => {
      const space = new AnswerSpace(pairedAnswers(400), vocabulary);
      expect(vocabulary.documents).toBe(400);
      expect(space.meaningSource).toBe('learned');
    });

    test('when there are fewer than 300 answers, then they are words alone, as without it', () => {
      const space = new AnswerSpace(pairedAnswers(299), vocabulary);
      expect(space.meaningSource).toBeNull();
      expect(space.representation).toBe('words');
    });
  });
});
