import { scrubPersonalData } from '../pii';
import { isStopWord, ngrams, words } from '../text';

export interface TermCount {
  term: string;
  /** How many times it occurs. */
  count: number;
  /** How many answers use it. */
  answers: number;
}

export interface KeywordInContext {
  answerId: string;
  left: string;
  keyword: string;
  right: string;
}

export interface Familiarisation {
  answered: number;
  words: TermCount[];
  phrases: TermCount[];
}

const CONTEXT_CHARACTERS = 60;

function count(lists: string[][], limit: number): TermCount[] {
  const totals = new Map<string, { count: number; answers: number }>();
  for (const list of lists) {
    const seen = new Set<string>();
    for (const term of list) {
      const entry = totals.get(term) ?? { count: 0, answers: 0 };
      entry.count += 1;
      if (!seen.has(term)) entry.answers += 1;
      seen.add(term);
      totals.set(term, entry);
    }
  }
  return [...totals]
    .map(([term, entry]) => ({ term, ...entry }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, limit);
}

/**
 * Braun and Clarke's first phase, familiarisation: the words and two- and three-word phrases answers use
 * most (stop words left out of words, and from the ends of phrases), for reading the data before coding it.
 */
export function familiarise(answers: string[], limit = 50): Familiarisation {
  const tokenised = answers.map(words).filter((list) => list.length > 0);
  const phrases = tokenised.map((list) =>
    [...ngrams(list, 2), ...ngrams(list, 3)].filter((phrase) => {
      const parts = phrase.split(' ');
      return !isStopWord(parts[0]!) && !isStopWord(parts[parts.length - 1]!);
    }),
  );
  return {
    answered: tokenised.length,
    words: count(
      tokenised.map((list) => list.filter((word) => !isStopWord(word))),
      limit,
    ),
    phrases: count(phrases, limit).filter((phrase) => phrase.count > 1),
  };
}

/**
 * Every place a word or phrase occurs, with the text around it: keyword in context. Shown outside the coding
 * view, so personal data is scrubbed from the context first.
 */
export function keywordInContext(
  answers: Array<{ id: string; text: string }>,
  keyword: string,
  places: string[] = [],
  limit = 200,
): KeywordInContext[] {
  const wanted = keyword.trim();
  if (!wanted) return [];
  const pattern = new RegExp(`\\b${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\b`, 'gi');
  const lines: KeywordInContext[] = [];
  for (const answer of answers) {
    const text = scrubPersonalData(answer.text, places);
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      lines.push({
        answerId: answer.id,
        left: text.slice(Math.max(0, start - CONTEXT_CHARACTERS), start).trim(),
        keyword: match[0],
        right: text.slice(start + match[0].length, start + match[0].length + CONTEXT_CHARACTERS).trim(),
      });
      if (lines.length >= limit) return lines;
    }
  }
  return lines;
}
