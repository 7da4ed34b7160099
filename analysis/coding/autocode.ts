import { LinearSvm, type SvmOptions } from './linear-svm';
import { TfidfVectorizer, type SparseVector } from './tfidf';
import { AnalysisInputError } from '../input-error';

export interface TrainingRow {
  text: string;
  codes: string[];
}

export interface Suggestion {
  codes: string[];
  /** From 0 to 1, rising with the model's margin for the codes it suggests; a ranking, not a calibrated probability. */
  confidence: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const HOW_WORDS = new Set(['not', 'no']);

/**
 * Suggests codes for uncoded answers from the ones researchers coded: TF-IDF of stemmed unigrams and bigrams
 * and a one-vs-rest linear SVM with balanced class weights. Multi-label when any coded answer has more than
 * one code: then every code with a positive margin is suggested (the best one at least).
 */
export class Autocoder {
  private readonly vectorizer = new TfidfVectorizer({ minDocumentFrequency: 2, maxNgram: 2 });
  private svm: LinearSvm | undefined;
  private multiLabel = false;

  constructor(private readonly options: SvmOptions = { c: 1, balanced: true, iterations: 8 }) {}

  train(rows: TrainingRow[]): this {
    const coded = rows.filter((row) => row.codes.length > 0);
    const labels = new Set(coded.flatMap((row) => row.codes));
    if (labels.size < 2)
      throw new AnalysisInputError(
        'applications',
        `suggestions are learned from at least two different codes; the decided segments have ${labels.size}`,
      );
    this.multiLabel = coded.some((row) => row.codes.length > 1);
    const vectors = this.vectorizer.fitTransform(coded.map((row) => row.text));
    this.svm = new LinearSvm(this.vectorizer.size, this.options).fit(
      vectors,
      coded.map((row) => row.codes),
    );
    return this;
  }

  /**
   * The vector without the words that say how rather than what ("not", "no"): kept to tell "not helpful" from
   * "helpful", but alone no evidence that an answer is about a code: learned from five "Nothing" and five "Food",
   * 344 answers with a "not" and nothing about food were suggested "Food".
   */
  private withoutHowWords(vector: SparseVector): SparseVector {
    const keep = [...vector.indices.keys()].filter((k) => !HOW_WORDS.has(this.vectorizer.termAt(vector.indices[k]!)));
    return {
      indices: Int32Array.from(keep.map((k) => vector.indices[k]!)),
      values: Float32Array.from(keep.map((k) => vector.values[k]!)),
    };
  }

  /**
   * `abstain`: suggest only codes the text's own words point to (a positive margin, and positive without the
   * bias), and none when no code has one, rather than always the best (as a classifier of answers that all carry a
   * code does, and scikit-learn's LinearSVC predicts). With few codes decided, the bias alone puts most answers on
   * one code's side: learned from five "Nothing" and five "Food", 5,063 of 5,320 segments had a positive margin for
   * "Food", "Temperature in theatre a little low" among them.
   */
  suggest(text: string, { abstain = false } = {}): Suggestion {
    if (!this.svm) throw new Error('train() first');
    const vector = this.vectorizer.transform(text);
    const scores = this.svm.scores(vector);
    const evidence = abstain ? this.svm.evidence(this.withoutHowWords(vector)) : scores;
    const ranked = scores
      .map((score, i) => ({ label: this.svm!.labels[i]!, score, evidence: evidence[i]! }))
      .sort((a, b) => b.score - a.score);
    const chosen =
      this.multiLabel || abstain ? ranked.filter((entry) => entry.score > 0 && (!abstain || entry.evidence > 0)) : [];
    const codes = chosen.length > 0 || abstain ? chosen : ranked.slice(0, 1);
    if (codes.length === 0) return { codes: [], confidence: 0 };
    return { codes: codes.map((entry) => entry.label), confidence: sigmoid(2 * codes[codes.length - 1]!.score) };
  }
}
