import { shippedVocabulary } from '../../../analysis/coding/shipped-vocabulary';
import { packVocabulary, unpackVocabulary } from '../../../analysis/coding/vocabulary';
import { learnWordVectors } from '../../../analysis/coding/word-vectors';
import { stem } from '../../../analysis/text';
import { pairedAnswers } from '../../support/answer-corpus';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((sum, value, d) => sum + value * b[d]!, 0);

describe('packed vocabularies', () => {
  const learned = learnWordVectors(pairedAnswers(320, 15), 10)!;
  const packed = packVocabulary(learned, 'test answers');

  test('when word vectors are packed and unpacked, then stems, the number of texts and close words are kept and vectors move by under 0.01', () => {
    const unpacked = unpackVocabulary(JSON.parse(JSON.stringify(packed)));
    expect(packed.source).toBe('test answers');
    expect(unpacked.stems).toEqual(learned.stems);
    expect(unpacked.dimensions).toBe(10);
    expect(unpacked.documents).toBe(320);
    for (const stemmed of learned.stems) {
      expect(Math.hypot(...unpacked.vectorOf(stemmed)!)).toBeCloseTo(1, 10);
      expect(cosine(unpacked.vectorOf(stemmed)!, learned.vectorOf(stemmed)!)).toBeGreaterThan(0.99);
    }
    expect(unpacked.closeWords(stem('nurses'))[0]).toBe(stem('staff'));
  });

  test('when the packed values do not match the stems and dimensions, then unpacking says so', () => {
    expect(() => unpackVocabulary({ ...packed, stems: packed.stems.slice(1) })).toThrow(/needs as many values/);
    expect(() => unpackVocabulary({ ...packed, dimensions: 0, vectors: '' })).toThrow(/at least one stem/);
    expect(() => unpackVocabulary({ ...packed, stems: [], vectors: '' })).toThrow(/at least one stem/);
  });
});

describe('the vocabulary shipped with Canvass', () => {
  const { vectors, source } = shippedVocabulary();

  test('when it is read, then it says where it was learned and knows the words of patient comments', () => {
    expect(source).toMatch(/^10,334 NHS patient comments/);
    for (const word of ['staff', 'nurses', 'waiting', 'parking', 'receptionist', 'food'])
      expect([word, vectors.vectorOf(stem(word)) !== undefined]).toEqual([word, true]);
    expect(vectors.closeWords(stem('friendly'), 5, 0.5)).toContain(stem('kind'));
  });

  test.each(['chris', 'millbrook', 'schofield', 'natasha'])(
    'when a name was written in the comments ("%s"), then it is not in the vocabulary',
    (name) => expect(vectors.vectorOf(stem(name))).toBeUndefined(),
  );
});
