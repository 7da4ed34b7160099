import type { Lexicon as LexiconType } from 'natural';

// natural's Brill lexicon, loaded from its own folder: natural's index also loads storage adapters that read .env
// and print on import (see analysis/text.ts).
const brill = require('natural/lib/natural/brill_pos_tagger') as { Lexicon: typeof LexiconType };

/** Tag given to words the lexicon does not know. */
export const UNKNOWN_TAG = 'UNKNOWN';

let loaded: (LexiconType & { lexicon: Record<string, string[]> }) | null = null;

/** natural's English lexicon (words to their part-of-speech tags, most likely first), loaded once, on first use. */
export function englishLexicon(): LexiconType & { lexicon: Record<string, string[]> } {
  loaded ??= new brill.Lexicon('EN', UNKNOWN_TAG, UNKNOWN_TAG) as LexiconType & { lexicon: Record<string, string[]> };
  return loaded;
}

/** Whether English uses the word in lower case ("will", "hope", "care"), as the lexicon knows it. */
export function isCommonWord(lower: string): boolean {
  return Object.hasOwn(englishLexicon().lexicon, lower);
}

let wordNet: Set<string> | null = null;
let lemmatizer: { noun(word: string): string; verb(word: string): string; adjective(word: string): string } | null =
  null;

/** A lower-case word's base forms as a noun, a verb and an adjective (WordNet's, via wink-lemmatizer, offline). */
export function baseForms(lower: string): string[] {
  lemmatizer ??= require('wink-lemmatizer') as NonNullable<typeof lemmatizer>;
  return [lemmatizer.noun(lower), lemmatizer.verb(lower), lemmatizer.adjective(lower)];
}

/**
 * Whether English has the word (lower case), as natural's lexicon or WordNet (wink-lexicon) knows it or its base
 * form: WordNet adds words the tagger's lexicon lacks ("punctual", "chaplaincy", "podiatrists").
 */
export function isEnglishWord(lower: string): boolean {
  if (isCommonWord(lower)) return true;
  wordNet ??= new Set(Object.keys(require('wink-lexicon/src/wn-words.js') as Record<string, unknown>));
  return wordNet.has(lower) || baseForms(lower).some((form) => wordNet!.has(form));
}
