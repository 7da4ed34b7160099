import { ngrams, stems } from '../text';

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface TfidfOptions {
  /** A term must be in at least this many documents. */
  minDocumentFrequency?: number;
  maxNgram?: number;
}

/**
 * TF-IDF over stemmed unigrams and bigrams, as scikit-learn's TfidfVectorizer(sublinear_tf=True,
 * smooth_idf=True, norm='l2') computes it, into sparse vectors. Hand-written: natural's TfIdf scores one term
 * at a time and keeps every document, and a linear model needs compact sparse vectors.
 */
export class TfidfVectorizer {
  private readonly vocabulary = new Map<string, number>();
  private termsByIndex: string[] = [];
  private idf = new Float32Array(0);

  constructor(private readonly options: TfidfOptions = {}) {}

  terms(text: string): string[] {
    const tokens = stems(text);
    const result = [...tokens];
    for (let n = 2; n <= (this.options.maxNgram ?? 2); n += 1) result.push(...ngrams(tokens, n));
    return result;
  }

  fit(texts: string[]): this {
    return this.fitTerms(texts.map((text) => this.terms(text)));
  }

  /** Fits and returns the vectors of the same texts, working out each text's terms once. */
  fitTransform(texts: string[]): SparseVector[] {
    const terms = texts.map((text) => this.terms(text));
    this.fitTerms(terms);
    return terms.map((list) => this.vectorOf(list));
  }

  private fitTerms(documents: string[][]): this {
    const texts = documents;
    const documentFrequency = new Map<string, number>();
    for (const terms of documents)
      for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    const minimum = this.options.minDocumentFrequency ?? 2;
    const kept = [...documentFrequency].filter(([, df]) => df >= minimum).sort(([a], [b]) => (a < b ? -1 : 1));
    this.vocabulary.clear();
    this.termsByIndex = kept.map(([term]) => term);
    this.idf = new Float32Array(kept.length);
    kept.forEach(([term, df], index) => {
      this.vocabulary.set(term, index);
      this.idf[index] = Math.log((1 + texts.length) / (1 + df)) + 1;
    });
    return this;
  }

  get size(): number {
    return this.vocabulary.size;
  }

  termAt(index: number): string {
    return this.termsByIndex[index] ?? '';
  }

  transform(text: string): SparseVector {
    return this.vectorOf(this.terms(text));
  }

  private vectorOf(terms: string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of terms) {
      const index = this.vocabulary.get(term);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float32Array(indices.length);
    let norm = 0;
    indices.forEach((index, i) => {
      const weight = (1 + Math.log(counts.get(index)!)) * this.idf[index]!;
      values[i] = weight;
      norm += weight * weight;
    });
    if (norm > 0) for (let i = 0; i < values.length; i += 1) values[i]! /= Math.sqrt(norm);
    return { indices, values };
  }
}

/**
 * Vectors in three flat arrays (compressed sparse rows), for the solvers that read them many times over in any
 * order (the linear SVM, k-means): one array each, rather than two small arrays per vector, halves their time.
 */
export interface PackedRows {
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

export function packRows(vectors: SparseVector[]): PackedRows {
  const starts = new Int32Array(vectors.length + 1);
  vectors.forEach((vector, i) => (starts[i + 1] = starts[i]! + vector.indices.length));
  const indices = new Int32Array(starts[vectors.length]!);
  const values = new Float64Array(starts[vectors.length]!);
  vectors.forEach((vector, i) => {
    indices.set(vector.indices, starts[i]!);
    values.set(vector.values, starts[i]!);
  });
  return { starts, indices, values };
}

/** The dot product of two sparse vectors with sorted indices (their cosine, for unit vectors). */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    if (a.indices[i] === b.indices[j]) sum += a.values[i++]! * b.values[j++]!;
    else if (a.indices[i]! < b.indices[j]!) i += 1;
    else j += 1;
  }
  return sum;
}
