import { packRows, sparseDot, TfidfVectorizer } from '../../../analysis/coding/tfidf';
import { denseRow, sparseRows } from '../../support/sparse';

const texts = [
  'Nurses need more time',
  'more time for nurses and more staff',
  'staff training',
  'time time time',
  'training for staff needs funding',
];

describe('TfidfVectorizer', () => {
  test('when a text is split into terms, then they are stems without stop words, then the word pairs of those stems', () => {
    const vectorizer = new TfidfVectorizer();
    expect(vectorizer.terms(texts[0]!)).toEqual(['nurs', 'need', 'time', 'nurs need', 'need time']);
    expect(vectorizer.terms(texts[1]!)).toEqual(['time', 'nurs', 'staff', 'time nurs', 'nurs staff']);
    expect(new TfidfVectorizer({ maxNgram: 1 }).terms(texts[0]!)).toEqual(['nurs', 'need', 'time']);
  });

  // The terms above, given to sklearn.feature_extraction.text.TfidfVectorizer(analyzer=identity,
  // sublinear_tf=True, smooth_idf=True, norm='l2', min_df=2): /tmp/venv/bin/python
  // test/reference/analysis_algorithms.py, lines "tfidf vocabulary" and "tfidf rows" (scikit-learn 1.9.1).
  const vocabulary = ['need', 'nurs', 'staff', 'time', 'train'];
  const sklearnRows = [
    [0.6098184563533858, 0.6098184563533858, 0, 0.5062044059286201, 0],
    [0, 0.6484626256872699, 0.5382825573464051, 0.5382825573464051, 0],
    [0, 0, 0.6387105775654869, 0, 0.7694470729725092],
    [0, 0, 0, 1, 0],
    [0.6098184563533858, 0, 0.5062044059286201, 0, 0.6098184563533858],
  ];

  test('when fitted, then the vocabulary is the terms in at least two texts, sorted, as scikit-learn keeps them', () => {
    const vectorizer = new TfidfVectorizer().fit(texts);
    expect(Array.from({ length: vectorizer.size }, (_, i) => vectorizer.termAt(i))).toEqual(vocabulary);
    expect(vectorizer.termAt(99)).toBe('');
  });

  test.each(sklearnRows.map((row, i) => [i, texts[i]!, row] as const))(
    "when text %i (%s) is weighted, then its vector is scikit-learn's sublinear smoothed TF-IDF",
    (i, text, expected) => {
      const vectorizer = new TfidfVectorizer();
      const fitted = vectorizer.fitTransform(texts)[i]!;
      const again = vectorizer.transform(text);
      denseRow(fitted, vocabulary.length).forEach((value, j) => expect(value).toBeCloseTo(expected[j]!, 6));
      expect(Array.from(again.values)).toEqual(Array.from(fitted.values));
      expect(Array.from(fitted.indices)).toEqual([...fitted.indices].sort((a, b) => a - b));
    },
  );

  test('when a text has no known term, then its vector is empty rather than NaN', () => {
    const vector = new TfidfVectorizer().fit(texts).transform('Completely unrelated words');
    expect(vector.indices.length).toBe(0);
    expect(vector.values.length).toBe(0);
  });

  test('when the minimum document frequency is 1, then terms of a single text are kept too', () => {
    expect(new TfidfVectorizer({ minDocumentFrequency: 1 }).fit(texts).size).toBeGreaterThan(vocabulary.length);
  });
});

describe('sparseDot and packRows', () => {
  const [a, b, empty] = sparseRows([
    [0.6, 0, 0.8, 0],
    [0, 1, 0.5, 2],
    [0, 0, 0, 0],
  ]) as [ReturnType<typeof sparseRows>[0], ReturnType<typeof sparseRows>[0], ReturnType<typeof sparseRows>[0]];

  test.each([
    ['two vectors sharing one term', a, b, 0.4],
    ['a unit vector with itself', a, a, 1],
    ['a vector with an empty one', a, empty, 0],
  ])('when the dot product of %s is taken, then it is the dense one', (_, x, y, expected) => {
    expect(sparseDot(x, y)).toBeCloseTo(expected, 6);
    expect(sparseDot(y, x)).toBeCloseTo(expected, 6);
  });

  test('when vectors are packed, then each vector is the slice between its start and the next', () => {
    const packed = packRows([a, empty, b]);
    expect(Array.from(packed.starts)).toEqual([0, 2, 2, 5]);
    expect(Array.from(packed.indices)).toEqual([0, 2, 1, 2, 3]);
    expect(Array.from(packed.values)).toEqual([0.6000000238418579, 0.800000011920929, 1, 0.5, 2]);
  });
});
