import { isStopWord, stem, words } from '../text';
import { lsa } from './lsa';
import type { SparseVector } from './tfidf';

export interface WordVectors {
  dimensions: number;
  /** The stems that have a vector, in the order their vectors were learned. */
  stems: readonly string[];
  /** How many texts the vectors were learned from. */
  documents: number;
  /** Unit-length vector of a stem, or undefined for a stem seen too rarely to have one. */
  vectorOf(stemmed: string): Float64Array | undefined;
  /** Up to `count` stems whose vectors have a cosine of at least `minimum` with this one's, closest first. */
  closeWords(stemmed: string, count?: number, minimum?: number): string[];
}

// Two words either side: closer company says more about what a word means here than the answer's topic does. On
// six sets of 3,000 NHS comments (bench/themes-dev.ts) two instead of five raised agreement of the themes with the
// human coding on five (NMI ratio +0.05 to +0.13) and lowered it on one (-0.04); ten lowered it on all tried.
const WINDOW = 2;
const MIN_COUNT = 3;

/**
 * Word meaning learned from the answers themselves: positive pointwise mutual information of stems that occur
 * within two words of each other (context counts smoothed to the power 0.75), reduced by truncated SVD, as in
 * Levy, Goldberg and Dagan (2015). "Nurses" and "staff", or "secretary" and "administrator", come out close
 * because they keep the same company, which TF-IDF cannot see. Needs a few hundred answers to say anything; no
 * model files, nothing downloaded.
 */
export function learnWordVectors(texts: string[], dimensions = 50): WordVectors | null {
  const documents = texts.map((text) =>
    words(text)
      .filter((word) => !isStopWord(word))
      .map(stem),
  );
  const counts = new Map<string, number>();
  for (const document of documents) for (const term of document) counts.set(term, (counts.get(term) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, count]) => count >= MIN_COUNT).map(([term]) => term);
  if (vocabulary.length <= dimensions) return null;
  const index = new Map(vocabulary.map((term, i) => [term, i]));
  const cooccurrence = vocabulary.map(() => new Map<number, number>());
  const rowTotals = new Float64Array(vocabulary.length);
  for (const document of documents) {
    const ids = document.map((term) => index.get(term)).filter((id): id is number => id !== undefined);
    for (let i = 0; i < ids.length; i += 1) {
      for (let j = Math.max(0, i - WINDOW); j < Math.min(ids.length, i + WINDOW + 1); j += 1) {
        if (j === i) continue;
        const row = cooccurrence[ids[i]!]!;
        row.set(ids[j]!, (row.get(ids[j]!) ?? 0) + 1);
        rowTotals[ids[i]!]! += 1;
      }
    }
  }
  const context = rowTotals.map((total) => Math.pow(total, 0.75));
  const contextTotal = context.reduce((sum, value) => sum + value, 0);
  const ppmi: SparseVector[] = cooccurrence.map((row, i) => {
    const entries = [...row]
      .map(([j, count]) => [j, Math.log((count * contextTotal) / (rowTotals[i]! * context[j]!))] as const)
      .filter(([, value]) => value > 0)
      .sort((a, b) => a[0] - b[0]);
    return {
      indices: Int32Array.from(entries.map(([j]) => j)),
      values: Float32Array.from(entries.map(([, value]) => value)),
    };
  });
  return wordVectorsFrom(vocabulary, lsa(ppmi, vocabulary.length, dimensions), texts.length);
}

/** Word vectors over given stems and their unit vectors (learned here, or unpacked from a vocabulary). */
export function wordVectorsFrom(vocabulary: readonly string[], vectors: Float64Array[], total: number): WordVectors {
  const index = new Map(vocabulary.map((term, i) => [term, i]));
  return {
    dimensions: vectors[0]?.length ?? 0,
    stems: vocabulary,
    documents: total,
    vectorOf: (stemmed) => {
      const i = index.get(stemmed);
      return i === undefined ? undefined : vectors[i];
    },
    closeWords: (stemmed, count = 5, minimum = 0.65) => {
      const i = index.get(stemmed);
      if (i === undefined) return [];
      const own = vectors[i]!;
      const close: Array<[number, number]> = [];
      vectors.forEach((other, j) => {
        if (j === i) return;
        let cosine = 0;
        for (let d = 0; d < own.length; d += 1) cosine += own[d]! * other[d]!;
        if (cosine >= minimum) close.push([j, cosine]);
      });
      return close
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([j]) => vocabulary[j]!);
    },
  };
}

/**
 * The mean of a text's word vectors, unit length; null when none of its words has a vector. Each word counts
 * alike: the answer's TF-IDF, beside it in the answer space, already weighs rare words up, and weighing them up
 * here too left common words such as "staff", "care" and "appointment", which say what most answers are about,
 * too little say. On seven sets of 3,000 NHS comments (bench/themes-dev.ts) the unweighted mean raised the
 * themes' agreement with the human label on every set (NMI 0.249 to 0.262 on average over six random samples;
 * 0.177 to 0.186 on the first 3,000), and on all 10,334 with meaning learned from them (0.247 to 0.264).
 */
export function textVector(text: string, vectors: WordVectors): Float64Array | null {
  const sum = new Float64Array(vectors.dimensions);
  let found = false;
  for (const word of words(text)) {
    if (isStopWord(word)) continue;
    const stemmed = stem(word);
    const vector = vectors.vectorOf(stemmed);
    if (!vector) continue;
    found = true;
    for (let d = 0; d < sum.length; d += 1) sum[d]! += vector[d]!;
  }
  if (!found) return null;
  const norm = Math.sqrt(sum.reduce((acc, value) => acc + value * value, 0)) || 1;
  return sum.map((value) => value / norm);
}
