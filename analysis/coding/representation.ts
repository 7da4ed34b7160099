import { TfidfVectorizer, type SparseVector } from './tfidf';
import { isStopWord, stem, words as wordsOf } from '../text';
import { learnWordVectors, textVector, type WordVectors } from './word-vectors';

export type Representation = 'words' | 'words and learned word meaning';

// Below this many answers there is too little text to learn what words mean from the answers themselves.
export const MIN_ANSWERS_FOR_MEANING = 300;
// Most of the weight on what an answer's words mean, the rest on the words themselves (tuned on the NHS
// comments: 0.5 to 0.8 all beat TF-IDF + k-means; 0.8 did so on both the 3,000 and the 10,334 comments).
const MEANING_WEIGHT = 0.8;
// A vocabulary learned beforehand is used when it knows at least this share of the answers' words (stop words
// aside), else the answers teach their own. It knows 94% of the words of NHS patient comments, and 57% to 76% of
// the CQL/PQL survey's and the joint review's, whose own words ("cluster", "QI", "backfill") it has never seen.
// On six random sets of 3,000 NHS comments, meaning from a vocabulary learned on the other comments raised
// agreement of the grouping with the human coding over meaning learned from the set itself (k-means at 25 groups:
// NMI with the human label 0.242 to 0.269, from 0.228 to 0.253); both side by side did no better (0.235 to 0.264)
// and took half as long again.
const KNOWN_SHARE = 0.85;

export type MeaningSource = 'vocabulary' | 'learned' | null;

/**
 * Answers as unit vectors: TF-IDF of stems and word pairs and, with enough answers, the
 * answer's learned word meaning appended as further dimensions, so that cosine similarity weighs both.
 */
export class AnswerSpace {
  readonly answerVectors: SparseVector[];
  readonly representation: Representation;
  readonly dimension: number;
  private readonly tfidf = new TfidfVectorizer({ minDocumentFrequency: 2, maxNgram: 2 });
  /** Where word meaning came from: a vocabulary learned beforehand, these answers, or nowhere. */
  readonly meaningSource: MeaningSource;
  private readonly meaning: WordVectors | null;
  private readonly close = new Map<string, string[]>();

  /**
   * `vocabulary`: word meaning learned beforehand on other answers, taken instead of learning from these when
   * there are enough of them to group by meaning, fewer than it was learned from, and it knows the words they use.
   */
  constructor(texts: string[], vocabulary: WordVectors | null = null) {
    const words = this.tfidf.fitTransform(texts);
    const enough = texts.length >= MIN_ANSWERS_FOR_MEANING;
    // As many answers as the vocabulary was learned from teach as much themselves, about their own words.
    const known =
      enough &&
      vocabulary !== null &&
      vocabulary.documents > texts.length &&
      knownShare(texts, vocabulary) >= KNOWN_SHARE;
    this.meaning = known ? vocabulary : enough ? learnWordVectors(texts) : null;
    this.meaningSource = this.meaning === null ? null : known ? 'vocabulary' : 'learned';
    this.representation = this.meaning ? 'words and learned word meaning' : 'words';
    this.dimension = this.tfidf.size + (this.meaning?.dimensions ?? 0);
    this.answerVectors = texts.map((text, i) => this.combine(words[i]!, text));
  }

  /**
   * Stems close in meaning learned from these answers to this one, remembered; none from a vocabulary learned on
   * other answers, whose neighbours speak of what those answers said.
   */
  closeWords(stemmed: string): string[] {
    if (!this.meaning || this.meaningSource !== 'learned') return [];
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

/** The share of the texts' words (stop words aside) that have a vector in the vocabulary. */
function knownShare(texts: string[], vocabulary: WordVectors): number {
  let all = 0;
  let known = 0;
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      if (isStopWord(word)) continue;
      all += 1;
      if (vocabulary.vectorOf(stem(word))) known += 1;
    }
  }
  return all === 0 ? 0 : known / all;
}
