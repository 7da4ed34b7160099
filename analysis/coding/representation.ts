import { TfidfVectorizer, type SparseVector } from './tfidf';
import { learnWordVectors, textVector, type WordVectors } from './word-vectors';

export type Representation = 'words' | 'words and learned word meaning';

// Below this many answers there is too little text to learn what words mean from the answers themselves.
const MIN_ANSWERS_FOR_MEANING = 300;
// Most of the weight on what an answer's words mean, the rest on the words themselves (tuned on the NHS
// comments: 0.5 to 0.8 all beat TF-IDF + k-means; 0.8 did so on both the 3,000 and the 10,334 comments).
const MEANING_WEIGHT = 0.8;

/**
 * Answers as unit vectors: TF-IDF of stems and word pairs and, with enough answers, the
 * answer's learned word meaning appended as further dimensions, so that cosine similarity weighs both.
 */
export class AnswerSpace {
  readonly answerVectors: SparseVector[];
  readonly representation: Representation;
  readonly dimension: number;
  private readonly tfidf = new TfidfVectorizer({ minDocumentFrequency: 2, maxNgram: 2 });
  private readonly meaning: WordVectors | null;
  private readonly close = new Map<string, string[]>();

  constructor(texts: string[]) {
    const words = this.tfidf.fitTransform(texts);
    this.meaning = texts.length >= MIN_ANSWERS_FOR_MEANING ? learnWordVectors(texts) : null;
    this.representation = this.meaning ? 'words and learned word meaning' : 'words';
    this.dimension = this.tfidf.size + (this.meaning?.dimensions ?? 0);
    this.answerVectors = texts.map((text, i) => this.combine(words[i]!, text));
  }

  /** Stems close in learned meaning to this one (none without learned meaning), remembered. */
  closeWords(stemmed: string): string[] {
    if (!this.meaning) return [];
    let close = this.close.get(stemmed);
    if (!close) {
      close = this.meaning.closeWords(stemmed);
      this.close.set(stemmed, close);
    }
    return close;
  }

  /** How many of the dimensions are words (TF-IDF); any further ones are learned meaning. */
  get wordDimensions(): number {
    return this.tfidf.size;
  }

  get hasMeaning(): boolean {
    return this.meaning !== null;
  }

  vectorOf(text: string): SparseVector {
    return this.combine(this.tfidf.transform(text), text);
  }

  private combine(words: SparseVector, text: string): SparseVector {
    if (!this.meaning || words.indices.length === 0) return words;
    const meaning = textVector(text, this.meaning);
    if (!meaning) return words;
    const offset = this.tfidf.size;
    const indices = new Int32Array(words.indices.length + meaning.length);
    const values = new Float32Array(indices.length);
    const wordScale = Math.sqrt(1 - MEANING_WEIGHT);
    const meaningScale = Math.sqrt(MEANING_WEIGHT);
    words.indices.forEach((index, j) => {
      indices[j] = index;
      values[j] = words.values[j]! * wordScale;
    });
    meaning.forEach((value, d) => {
      indices[words.indices.length + d] = offset + d;
      values[words.indices.length + d] = value * meaningScale;
    });
    return { indices, values };
  }
}
