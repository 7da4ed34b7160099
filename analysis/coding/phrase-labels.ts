import { isStopWord, stem } from '../text';

/*
 * Labels that read as a researcher's phrase: candidate phrases are runs of one to four words inside a clause
 * that neither start nor end with a stop word ("admin support", "protected time for QI", "access to a LIST
 * analyst"), scored per group by class-based TF-IDF (Grootendorst 2022, as BERTopic labels topics): how often
 * the group uses the phrase, against how common it is across all groups. Each phrase is shown in its most
 * common spelling, so acronyms keep their capitals.
 */

const MAX_WORDS = 4;
const CLAUSE = /[.,;:!?()"“”\n]+|\s[-–—]\s|\band\b|\bor\b|\bbut\b/i;
const TOKEN = /[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g;
// Words that make poor label ends though natural's stop list lacks them: negations, pronouns, modal verbs,
// fillers and evaluations (the common English stop lists, scikit-learn's and NLTK's, have most of them).
const WEAK = new Set(['not', 'no', 'nor', 'none', 'us', 'we', 'our', 'ours', 'you', 'your', 'they', 'them', 'their', 'he', 'she', 'it', 'its', 'me', 'my', 'i', 'can', 'cannot', 'cant', 'will', 'shall', 'should', 'may', 'might', 'must', 'very', 'too', 'so', 'than', 'then', 'there', 'here', 'being', 'been', 'having', 'some', 'any', 'every', 'each', 'own', 'same', 'such', 'even', 'still', 'yet', 'ever', 'always', 'often', 'quite', 'rather', 'almost', 'per', 'via', 'within', 'without', 'across', 'along', 'among', 'upon', 'towards', 'least', 'less', 'most', 'more', 'few', 'lots', 'something', 'anything', 'everything', 'someone', 'anyone', 'everyone', 'nobody', 'also', 'really', 'just', 'would', 'could', 'get', 'got', 'need', 'needs', 'needed', 'help', 'lot', 'much', 'many', 'thing', 'things', 'etc', 'like', 'well', 'way', 'make', 'made', 'good', 'great', 'better', 'ok', 'im', 'dont', 'didnt', 'us', 'one', 'able', 'want', 'feel', 'felt', 'run', 'present', 'given', 'put', 'take', 'taken', 'give', 'go', 'going', 'come', 'seem', 'seems', 'said', 'know', 'think', 'real', 'currently', 'moment']);

const endsWell = (word: string) => !isStopWord(word) && !WEAK.has(word) && word.length > 1;

export interface PhraseCounts {
  /** phrase (lower case) → how many texts of the group use it */
  perGroup: Array<Map<string, number>>;
  /** phrase → the spellings seen, with counts */
  spellings: Map<string, Map<string, number>>;
}

/** Candidate phrases of one text, each once, as [key, spelling]. */
export function phrasesOf(text: string): Array<[string, string]> {
  const found = new Map<string, string>();
  for (const clause of text.split(CLAUSE)) {
    const tokens = clause.match(TOKEN) ?? [];
    const lower = tokens.map((token) => token.toLowerCase().replace(/’/g, "'"));
    for (let i = 0; i < tokens.length; i += 1) {
      if (!endsWell(lower[i]!)) continue;
      for (let n = 1; n <= MAX_WORDS && i + n <= tokens.length; n += 1) {
        if (!endsWell(lower[i + n - 1]!)) continue;
        const key = lower.slice(i, i + n).join(' ');
        if (!found.has(key)) found.set(key, tokens.slice(i, i + n).join(' '));
      }
    }
  }
  return [...found];
}

export function countPhrases(groups: string[][]): PhraseCounts {
  const spellings = new Map<string, Map<string, number>>();
  const perGroup = groups.map((texts) => {
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const [key, spelling] of phrasesOf(text)) {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        const forms = spellings.get(key) ?? new Map<string, number>();
        forms.set(spelling, (forms.get(spelling) ?? 0) + 1);
        spellings.set(key, forms);
      }
    }
    return counts;
  });
  return { perGroup, spellings };
}

export interface ScoredPhrase {
  key: string;
  text: string;
  /** Texts of the group that use it. */
  count: number;
  score: number;
}

/** The group's phrases by class-based TF-IDF, best first; a phrase must be used by at least two texts of the group. */
export function rankPhrases(counts: PhraseCounts, group: number, groupSizes: number[]): ScoredPhrase[] {
  const totals = new Map<string, number>();
  for (const map of counts.perGroup) for (const [key, count] of map) totals.set(key, (totals.get(key) ?? 0) + count);
  const meanSize = groupSizes.reduce((sum, size) => sum + size, 0) / Math.max(1, groupSizes.length);
  const size = Math.max(1, groupSizes[group]!);
  const ranked: ScoredPhrase[] = [];
  for (const [key, count] of counts.perGroup[group]!) {
    if (count < 2 && size > 3) continue;
    const words = key.split(' ').length;
    // c-TF-IDF, with a gentle preference for two- and three-word phrases, which say more than a single word.
    const score = (count / size) * Math.log(1 + meanSize / totals.get(key)!) * (words === 1 ? 1 : words <= 3 ? 1.35 : 1.1);
    ranked.push({ key, text: spellingOf(counts, key), count, score });
  }
  return ranked.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

function spellingOf(counts: PhraseCounts, key: string): string {
  const forms = [...(counts.spellings.get(key)?.entries() ?? [])].sort((a, b) => b[1] - a[1]);
  const best = (forms[0]?.[0] ?? key).split(' ');
  // A word keeps its capitals when they are part of it (QI, LIST, CQLs, HSCP), not when it merely starts a sentence.
  return best.map((word, i) => (/[A-Z].*[A-Z]/.test(word) ? word : key.split(' ')[i]!)).join(' ');
}

/**
 * A label of one to six words. A phrase of several words says more than one word, so the best such phrase is
 * taken when it is used by at least three answers and scores at least half as well as the best; otherwise the
 * best word, joined by "and" to the next when it scores nearly as well ("Funding and backfill").
 */
export function labelFrom(ranked: ScoredPhrase[]): string {
  const first = ranked[0];
  if (!first) return 'Unlabelled';
  const phrase = ranked.find((candidate) => candidate.key.includes(' ') && candidate.count >= 3 && candidate.score >= first.score * 0.5);
  let label = phrase?.text ?? first.text;
  if (!phrase && !first.key.includes(' ')) {
    const second = ranked.find((candidate) => !candidate.key.includes(' ') && stem(candidate.key).slice(0, 5) !== stem(first.key).slice(0, 5));
    if (second && second.score >= first.score * 0.6) label = `${first.text} and ${second.text}`;
  }
  return label[0]!.toUpperCase() + label.slice(1);
}

/** Phrases for a definition: the best few that are not already in the label. */
export function otherPhrases(ranked: ScoredPhrase[], label: string, count: number): string[] {
  const inLabel = new Set(label.toLowerCase().split(/\s+/));
  const chosen: ScoredPhrase[] = [];
  for (const phrase of ranked) {
    if (chosen.length >= count) break;
    const words = phrase.key.split(' ');
    if (words.every((word) => inLabel.has(word))) continue;
    if (chosen.some((other) => other.key.includes(phrase.key) || phrase.key.includes(other.key))) continue;
    chosen.push(phrase);
  }
  return chosen.map((phrase) => phrase.text);
}
