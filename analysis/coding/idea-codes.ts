import { isStopWord, stem, words } from '../text';
import { EMPTY_ALONE, EMPTY_VERBS, EVERYTHING_WAS_GOOD, inPlainSense, saysAsAnswer } from './phrase-labels';

/*
 * Codes for the ideas many people raise, found across all the answers rather than inside one theme: the first
 * pass a researcher makes ("friendly", "waiting list", "listened to me") before grouping codes into themes. A
 * grouping of whole answers puts a comment that praises friendly staff and mentions the wait into one theme; a
 * code marks every answer that raises the idea, wherever it went. An idea is a word that at least `minimum`
 * answers use and at most `maxShare` of them (a word nearly everyone uses says nothing on its own). A word most of
 * whose answers already carry a bigger idea is part of that idea ("mental" in "mental health"), not an idea of its
 * own. The caller names each idea by the phrase-label rules and drops the ones no phrase names. Words close in
 * learned meaning are not joined into one idea: on the NHS comments (bench/themes-dev.ts) the learned close words
 * chained unlike ideas ("care", "support", "professional") and lowered agreement with the human codes.
 */

export interface Idea {
  /** Stems any of which an answer uses to raise the idea. */
  stems: string[];
  /** The answers (row indices) that raise it. */
  rows: number[];
}

export interface IdeaOptions {
  /** Fewest answers an idea needs. */
  minimum: number;
  /** Largest share of the answers an idea may hold. */
  maxShare: number;
  /** Most ideas returned (the most widely raised first). */
  most: number;
}

// A word whose answers are this much inside a bigger idea's is a part of it.
const NESTED = 0.6;
// Words that cannot stand for an idea: negations and auxiliaries ("not", "don't") say how, not what.
const NOT_IDEAS = new Set([
  'not',
  'don',
  'didn',
  'doesn',
  'can',
  'won',
  'isn',
  'wasn',
  'couldn',
  'wouldn',
  'have',
  'has',
  'had',
  'will',
  'would',
  'could',
  'should',
  'get',
  'got',
  'make',
  'made',
  'give',
  'gave',
  'given',
  'put',
  'found',
  'even',
  'every',
  'back',
  'off',
  'down',
  'far',
  'without',
  'think',
  'thinking',
  'thought',
  'due',
]);
// "Everything was good" and "nothing to improve" are ideas people raise, though neither word labels one alone.
const IDEA_AFTER_ALL = new Set(['everything', 'nothing']);

/** Content stems of a text that can stand for an idea (no stop words, fillers or evaluations alone). */
export function ideaStems(text: string): Set<string> {
  const read = inPlainSense(text);
  const all = words(read);
  // Only in the sense that makes them ideas: "everything was good" (not "explained everything", "Everything!!! I
  // wasn't listened to"), "nothing" as the answer (not "nothing is too much trouble", "nothing was good").
  const idea = (word: string) =>
    word === 'everything' ? read.toLowerCase().includes(EVERYTHING_WAS_GOOD) : saysAsAnswer(read, word);
  return new Set(
    all
      .filter(
        (word) =>
          word.length > 2 &&
          /^[a-z]+$/.test(word) &&
          !NOT_IDEAS.has(word) &&
          !EMPTY_VERBS.has(word) &&
          (IDEA_AFTER_ALL.has(word) ? idea(word) : !isStopWord(word) && !EMPTY_ALONE.has(word)),
      )
      .map(stem),
  );
}

export function findIdeas(answerStems: Array<Set<string>>, rows: number[], options: IdeaOptions): Idea[] {
  const rowsOf = new Map<string, number[]>();
  for (const row of rows)
    for (const word of answerStems[row]!) {
      const list = rowsOf.get(word);
      if (list) list.push(row);
      else rowsOf.set(word, [row]);
    }
  const most = options.maxShare * rows.length;
  const candidates = [...rowsOf]
    .filter(([, list]) => list.length >= options.minimum && list.length <= most)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const ideas: Array<{ stems: string[]; rows: Set<number> }> = [];
  for (const [word, list] of candidates) {
    const nestedIn = ideas.findIndex((idea) => list.filter((row) => idea.rows.has(row)).length >= NESTED * list.length);
    if (nestedIn >= 0) continue;
    ideas.push({ stems: [word], rows: new Set(list) });
  }
  return ideas
    .slice(0, options.most)
    .map((idea) => ({ stems: idea.stems, rows: [...idea.rows].sort((a, b) => a - b) }));
}

/** Whether a sentence raises an idea. */
export function raises(idea: Idea, sentence: string): boolean {
  const have = ideaStems(sentence);
  return idea.stems.some((word) => have.has(word));
}
