import type { PorterStemmer as PorterStemmerType, SentenceTokenizer as SentenceTokenizerType, WordTokenizer as WordTokenizerType } from 'natural';

/*
 * The one place `natural` is used: tokens, stems, stop words, sentences, n-grams. Every function takes empty
 * text. Its parts are loaded one by one because natural's index also loads its storage adapters, which read
 * a .env file into process.env and print to stdout on import: neither is acceptable in a CLI that prints JSON.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { WordTokenizer, SentenceTokenizer } = require('natural/lib/natural/tokenizers') as {
  WordTokenizer: typeof WordTokenizerType;
  SentenceTokenizer: typeof SentenceTokenizerType;
};
const { PorterStemmer } = require('natural/lib/natural/stemmers') as { PorterStemmer: typeof PorterStemmerType };
const { words: stopWordList } = require('natural/lib/natural/util/stopwords') as { words: string[] };

const wordTokenizer = new WordTokenizer();
const sentenceTokenizer = new SentenceTokenizer(['dr', 'mr', 'mrs', 'ms', 'prof', 'e.g', 'i.e', 'etc', 'vs', 'no']);
const STOP_WORDS = new Set(stopWordList);

export function words(text: string): string[] {
  if (!text || !text.trim()) return [];
  return wordTokenizer.tokenize(text.toLowerCase()).filter((word) => /[a-z]/.test(word));
}

export const isStopWord = (word: string) => STOP_WORDS.has(word);

/** Stemming is the slow part of turning text into features, and words repeat: remember recent stems. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Stems of the words that carry meaning (stop words out). */
export function stems(text: string): string[] {
  return words(text).filter((word) => !isStopWord(word)).map(stem);
}

export function sentences(text: string): string[] {
  if (!text || !text.trim()) return [];
  try {
    return sentenceTokenizer.tokenize(text).map((sentence) => sentence.trim()).filter(Boolean);
  } catch {
    // natural's sentence tokenizer throws on some inputs without sentence punctuation: the text is one sentence.
    return [text.trim()];
  }
}

export function ngrams(tokens: string[], n: number): string[] {
  const result: string[] = [];
  for (let i = 0; i + n <= tokens.length; i += 1) result.push(tokens.slice(i, i + n).join(' '));
  return result;
}
