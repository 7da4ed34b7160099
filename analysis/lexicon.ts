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
