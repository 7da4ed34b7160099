import type { PorterStemmer as PorterStemmerType, WordTokenizer as WordTokenizerType } from 'natural';

/*
 * The one place `natural` is used: tokens, stems, stop words, sentences, n-grams. Every function takes empty
 * text. Its parts are loaded one by one because natural's index also loads its storage adapters, which read
 * a .env file into process.env and print to stdout on import: neither is acceptable in a CLI that prints JSON.
 */
const { WordTokenizer } = require('natural/lib/natural/tokenizers') as { WordTokenizer: typeof WordTokenizerType };
const { PorterStemmer } = require('natural/lib/natural/stemmers') as { PorterStemmer: typeof PorterStemmerType };
const { words: stopWordList } = require('natural/lib/natural/util/stopwords') as { words: string[] };

const wordTokenizer = new WordTokenizer();
const STOP_WORDS = new Set(stopWordList);

export function words(text: string): string[] {
  if (!text || !text.trim()) return [];
  return wordTokenizer.tokenize(text.toLowerCase()).filter((word) => /[a-z]/.test(word));
}

export const isStopWord = (word: string) => STOP_WORDS.has(word);

/** Stemming is the slow part of turning text into features, and words repeat: remember recent stems. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/*
 * Words Porter's stemmer gives the stem of a different, common word in answers ("useful" and "us", "community" and
 * "communication", "pleased" and "please"), which would make one idea of the two. Snowball's English stemmer
 * (Porter2, wink-porter2-stemmer) separates some of these but, tried as the stemmer throughout, lowered agreement of
 * the themes with the human coding of the NHS comments on five of seven sets (bench/themes-dev.ts), so Porter stays
 * and these few keep stems of their own.
 */
const OWN_STEMS = new Map(
  Object.entries({
    useful: 'useful',
    usefulness: 'useful',
    community: 'communiti',
    communities: 'communiti',
    evening: 'evening',
    evenings: 'evening',
    exceptional: 'exceptional',
    exceptionally: 'exceptional',
    considerate: 'considerate',
    pleased: 'pleased',
    thoughtful: 'thoughtful',
    likely: 'likely',
  }),
);

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = OWN_STEMS.get(word) ?? PorterStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Stems of the words that carry meaning (stop words out). */
export function stems(text: string): string[] {
  return words(text)
    .filter((word) => !isStopWord(word))
    .map(stem);
}

// A sentence ends at . ! or ? (with any closing quotes or brackets) followed by white space, or at a line break.
const SENTENCE_END = /[.!?]+["'”’)\]]*\s+|\s*\n+\s*/g;
// A full stop after one of these, or after a single letter (an initial), does not end a sentence. "No." ends one
// ("No. We have no time.", a common start of a survey answer) unless a number follows ("No. 5"): see NUMBERED.
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'eg', 'e.g', 'ie', 'i.e', 'etc', 'vs', 'approx', 'st']);
// Abbreviations only before a number: "No. 5", "Nos. 3 and 4".
const NUMBERED = new Set(['no', 'nos']);
/** More sentences than this in one answer are kept as one last segment: nobody writes 200 sentences in a survey box. */
export const MAX_SENTENCES = 200;

/**
 * Sentences of a text in one pass (linear time: natural's SentenceTokenizer is quadratic on crafted input,
 * 2.5 s for "a." repeated 2,000 times, which would let one anonymous answer block the server).
 */
export function sentences(text: string): string[] {
  if (!text || !text.trim()) return [];
  const result: string[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (!match[0].includes('\n') && match[0].startsWith('.')) {
      const word =
        /([A-Za-z.]+)$/.exec(text.slice(Math.max(start, match.index - 8), match.index))?.[1]?.toLowerCase() ?? '';
      if (word.length === 1 || ABBREVIATIONS.has(word)) continue;
      if (NUMBERED.has(word) && /^\d/.test(text.slice(end))) continue;
    }
    const sentence = text.slice(start, end).trim();
    if (sentence) result.push(sentence);
    start = end;
    if (result.length === MAX_SENTENCES - 1) break;
  }
  const rest = text.slice(start).trim();
  if (rest) result.push(rest);
  return result;
}

export function ngrams(tokens: string[], n: number): string[] {
  const result: string[] = [];
  for (let i = 0; i + n <= tokens.length; i += 1) result.push(tokens.slice(i, i + n).join(' '));
  return result;
}
