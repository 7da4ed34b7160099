import { baseForms } from '../lexicon';
import { stem } from '../text';

// The stemmer that groups answers by their words cuts deeper ("timely" and "time", "feelings" and "feel" share a
// stem) than a label may: a label must be a word the answers use. WordNet's base forms tell the two apart.
const lemmasOf = new Map<string, Set<string>>();

/** A word's base forms as a noun, a verb and an adjective, with the word itself. */
function lemmas(word: string): Set<string> {
  let found = lemmasOf.get(word);
  if (!found) {
    found = new Set([word, ...baseForms(word)]);
    lemmasOf.set(word, found);
  }
  return found;
}

const same = new Map<string, boolean>();

/**
 * Whether two lower-case words are forms of one word ("listened" and "listening", "nurse" and "nurses", "feeling"
 * and "feel") rather than words made from one another ("timely" from "time", "feelings" beside "feel").
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const key = `${a} ${b}`;
  let answer = same.get(key);
  if (answer === undefined) {
    const ofB = lemmas(b);
    answer = stem(a) === stem(b) && [...lemmas(a)].some((lemma) => ofB.has(lemma));
    same.set(key, answer);
  }
  return answer;
}
