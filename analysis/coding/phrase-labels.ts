import type { BrillPOSTagger as BrillPOSTaggerType } from 'natural';
import { englishLexicon, UNKNOWN_TAG as UNKNOWN } from '../lexicon';
import { isStopWord, stem, words } from '../text';
import { sameWord } from './word-forms';

/*
 * Labels a researcher can keep: phrases the answers use, found by part-of-speech patterns (noun phrases such as
 * "waiting time" or "access to a LIST analyst", verb phrases such as "listened to me", adjective phrases such as
 * "kind and caring"), with their negation kept: in "they never let me down" the phrase is "never let me down",
 * and the bare "let me down" gets no credit from it. A theme's phrases are ranked by how many of its answers they
 * cover (counting close words when word meaning was learned), how specific they are to the theme (class-based
 * TF-IDF, as BERTopic labels topics) and how close they are to the theme's centre. A label must be grounded: its
 * content words occur in at least a third of the theme's answers. A theme where no phrase is is "mixed".
 */

// natural's Brill tagger, loaded from its own folder: natural's index also loads storage adapters that read
// .env and print on import (see analysis/text.ts).
const brill = require('natural/lib/natural/brill_pos_tagger') as {
  BrillPOSTagger: typeof BrillPOSTaggerType;
  RuleSet: new (language: string) => unknown;
};
let tagger: { tag: (tokens: string[]) => { taggedWords: Array<{ token: string; tag: string }> } } | null = null;
let lexicon: { lexicon: Record<string, string[]> } | null = null;
// Unknown words get UNKNOWN from the tagger, then a guess from their ending (`guessedTag`).
function tagsOf(tokens: string[]): string[] {
  if (!tagger) {
    lexicon = englishLexicon();
    tagger = new brill.BrillPOSTagger(lexicon as never, new brill.RuleSet('EN') as never) as never;
  }
  const tagged = tagger!.tag(tokens.map((token) => knownSpelling(token) ?? token)).taggedWords;
  const tags = tagged.map((word, i) => (word.tag === UNKNOWN ? guessedTag(tokens[i]!) : word.tag));
  // The lexicon has "i" only as a noun (a numeral), and its rules leave the verb after a subject a noun ("we
  // regularly work significant hours", "they work hard"): after I, we, they or you (and any adverbs) a word the
  // lexicon knows as a present-tense verb is one.
  tokens.forEach((token, i) => {
    if (!SUBJECTS.has(token)) return;
    tags[i] = 'PRP';
    let next = i + 1;
    while (tags[next]?.startsWith('RB')) next += 1;
    if (next < tokens.length && tags[next]!.startsWith('NN') && lexiconTags(tokens[next]!).includes('VBP'))
      tags[next] = 'VBP';
  });
  return tags;
}
const SUBJECTS = new Set(['i', 'we', 'they', 'you']);
const lexiconTags = (word: string): string[] => {
  const known = lexicon ? knownSpelling(word) : null;
  return known ? lexicon!.lexicon[known]! : [];
};

/*
 * natural's lexicon is American and knows only the words it was built with, so "organise", "counselling" and
 * "locum" got its default tag, which no pattern reads: "Admin support to organise" ended on a verb, and "Locum
 * costs for backfill" was no phrase at all. No well-kept JavaScript tagger guesses unknown words, so these few
 * rules do what Brill's own unknown-word rules do: a British spelling is read as its American one, and any other
 * unknown word by its ending.
 */
const AMERICAN: Array<[RegExp, string]> = [
  [/is(e|es|ed|ing|ation|ations)$/, 'iz$1'],
  [/our(s|ed|ing|ite|ites)?$/, 'or$1'],
  [/ll(ed|ing|or|ors)$/, 'l$1'],
  [/tre(s)?$/, 'ter$1'],
  [/ogramme(s)?$/, 'ogram$1'],
  [/ae/, 'e'],
  [/oe/, 'e'],
];
function knownSpelling(token: string): string | null {
  const known = lexicon!.lexicon;
  if (Object.hasOwn(known, token)) return token;
  for (const [british, american] of AMERICAN) {
    const spelt = token.replace(british, american);
    if (spelt !== token && Object.hasOwn(known, spelt)) return spelt;
  }
  return null;
}
function guessedTag(token: string): string {
  if (/^[A-Z]/.test(token)) return 'NNP';
  if (/ing$/.test(token)) return 'VBG';
  if (/ed$/.test(token)) return 'VBN';
  if (/ly$/.test(token)) return 'RB';
  if (/(ous|ful|ive|able|ible|ical|less)$/.test(token)) return 'JJ';
  if (/[^s]s$/.test(token)) return 'NNS';
  return 'NN';
}

/** A word the lexicon knows first as an adjective or adverb ("long", "friendly"): it describes, it names nothing. */
export function describesOnly(word: string): boolean {
  if (!lexicon) tagsOf([]);
  return /^(JJ|RB)/.test(lexiconTags(word.toLowerCase())[0] ?? '');
}

/** A word the lexicon knows only as a verb in the present or bare ("exceed", "improve"), not "listened" or "help". */
function bareVerb(word: string): boolean {
  if (!lexicon) tagsOf([]);
  const tags = lexiconTags(word);
  return tags.length > 0 && tags.every((tag) => ['VB', 'VBP', 'VBZ'].includes(tag));
}

/** A share of a theme's answers a label must cover to be grounded in them. */
export const GROUNDED_SHARE = 1 / 3;
/** How the label of a group no phrase covers a third of begins ("Mixed: staff, ward, food"). */
export const MIXED_PREFIX = 'Mixed: ';
const MAX_TOKENS = 5;
const TOKEN = /[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g;
// Written in capitals ("GP", "CPNs", "COVID"): kept so in a label. Other capitals inside a word are how it happened
// to be typed ("helpIng", "VIsIt" in some NHS comments) and are not.
const ACRONYM = /^[A-Z]{2,}(?:s|['’]s)?$/;
const CLAUSE = /[.,;:!?()"“”\n]+|\s[-–—]\s|\bbut\b|\bhowever\b|\balthough\b/i;
const NEGATION =
  /^(not|no|never|nothing|none|nobody|neither|nor|without|cannot|cant|dont|didnt|doesnt|wont|wouldnt|couldnt|shouldnt|isnt|wasnt|werent|arent|havent|hasnt|hadnt)$|n't$/;
// Words between a negation and what it negates, kept in the phrase: "nothing to improve", "not be better".
const NEGATION_BRIDGE = new Set([
  'to',
  // "not enough staff": "staff" alone would read as praise.
  'enough',
  'be',
  'been',
  'being',
  'was',
  'were',
  'is',
  'are',
  'am',
  'have',
  'has',
  'had',
  'do',
  'did',
  'done',
  'any',
  // "couldn't ask for better care", "could not wish for more"
  'ask',
  'asked',
  'for',
  'wish',
  'really',
  'always',
  'ever',
  'once',
  'much',
  'very',
  'too',
  'quite',
  'so',
]);
const CLAUSE_VERBS = new Set([
  'think',
  'know',
  'knew',
  'hope',
  'believe',
  'guess',
  'mean',
  'suppose',
  'wish',
  'want',
  'wanted',
  'expect',
  'tell',
  'told',
  'ask',
  'asked',
]);
const INTENSIFIERS = new Set(['so', 'very', 'really', 'too', 'quite', 'much', 'more', 'most', 'extremely']);
const MODALS = new Set(['could', 'would', 'can', 'will', 'should', 'might', 'may']);
// Negations that are the subject of a modal ("nothing could be better"); "no" or "not" before one is a clause of its
// own ("No, could be better").
const NEGATING_PRONOUNS = new Set(['nothing', 'nobody', 'none', 'never']);
// Verbs that say nothing on their own (auxiliaries and light verbs): no one-word label, no idea (idea-codes.ts),
// and a verb phrase does not start with one followed by "to" ("seem to value", "going to help").
export const EMPTY_VERBS = new Set([
  'be',
  'is',
  'was',
  'were',
  'are',
  'am',
  'been',
  'being',
  'have',
  'has',
  'had',
  'having',
  'do',
  'does',
  'did',
  'done',
  'doing',
  'get',
  'got',
  'getting',
  'go',
  'went',
  'going',
  'make',
  'made',
  'say',
  'said',
  'let',
  'seem',
  'seemed',
  'feel',
  'felt',
  'come',
  'came',
  'take',
  'took',
  'put',
  'give',
  'gave',
  'keep',
  'kept',
  'gets',
  'makes',
  'making',
  'says',
  'saying',
  'keeps',
  'keeping',
  'look',
  'looks',
  'looking',
  'looked',
  'seems',
  'feels',
  'comes',
  'coming',
  'takes',
  'taking',
  'gives',
  'giving',
  'puts',
  'putting',
  'need',
  'needs',
  'needed',
  'needing',
  'try',
  'tried',
  'trying',
]);
// Words a one-word label cannot be: evaluations and fillers that say nothing about what the answers are about, and
// ordinals and quantities, which say where or how much but not what ("First" labelled answers about workload, from
// "patients come first" and "QI is the first thing to go").
export const EMPTY_ALONE = new Set([
  'first',
  'second',
  'last',
  'next',
  'other',
  'others',
  'few',
  'fewer',
  'several',
  'same',
  'whole',
  'more',
  'most',
  'less',
  'least',
  'enough',
  'further',
  'good',
  'better',
  'worse',
  'great',
  'ok',
  'okay',
  'fine',
  'nice',
  'lot',
  'lots',
  'thing',
  'things',
  'time',
  'way',
  'well',
  'really',
  'much',
  'many',
  'also',
  'like',
  'yes',
  'just',
  'people',
  'everything',
  'anything',
  'something',
  'everyone',
  'one',
  'day',
  'need',
  'needs',
  'want',
  'think',
  'know',
  'help',
  'able',
  'use',
  'used',
  'sure',
  'bit',
  'little',
  'etc',
  'xxxx',
  'ones',
  'times',
]);
const OBJECT_PRONOUNS = new Set(['me', 'us', 'him', 'her', 'them', 'you', 'it', 'everything']);

/** One phrase an answer uses. */
export interface Phrase {
  /** lower case, as written */
  key: string;
  /** as written, acronyms keeping their capitals */
  text: string;
  /** stems of its content words: what an answer must contain to be covered by it */
  content: string[];
  /** whether it is said in the negative ("not valued"): an answer must then say something in the negative too */
  negated: boolean;
  /**
   * Its one content word as written, lower case, when it has one: an answer must use a form of that word
   * ("listened", "listening"), not only a word of the same stem ("timely" is not "time").
   */
  word?: string;
}

type Kind = 'N' | 'A' | 'V' | 'G' | 'P' | 'D' | 'R' | 'C' | 'M' | 'X' | 'O';

function kindOf(lower: string, tag: string, original: string): Kind {
  if (NEGATION.test(lower)) return 'X';
  if (lower === 'and') return 'C';
  if (ACRONYM.test(original)) return 'N';
  const known = lexiconTags(lower);
  if (tag === 'VBG') return known.includes('NN') ? 'N' : 'G';
  if (tag.startsWith('NN')) return 'N';
  if (tag.startsWith('JJ') || (tag.startsWith('RB') && known[0] === 'JJ')) return 'A';
  if (tag === 'MD') return 'M';
  if (tag.startsWith('VB')) return 'V';
  if (tag === 'IN' || tag === 'TO') return 'P';
  if (tag === 'DT' || tag.startsWith('PRP') || tag === 'POS' || tag === 'CD') return 'D';
  if (tag.startsWith('RB') || tag === 'RP') return 'R';
  return 'O';
}

// Part-of-speech patterns of a phrase, one letter a word (see kindOf): noun phrases with or without a
// prepositional phrase, adjective phrases, verb phrases with their object or particle.
const PATTERNS = [
  /^[AN]*N$/, // friendly staff, waiting time, LIST analyst
  /^[AN]*NPD?[AN]*N$/, // access to a LIST analyst, time for QI
  /^A$/, // helpful
  /^[AGN]C[AGN]N?$/, // kind and caring, kind and caring nurses: the answers' own "and", never one made up
  /^APD?[AN]*N$/, // happy with the service
  /^[VG]$/, // listened, explained
  /^[VG]D?R$/, // let me down, calmed me down
  /^[VG]D$/, // thank you, helped me
  /^[VG]D?P?D?[AN]*N$/, // treated me with respect, explained everything
  /^[VG]D?A$/, // felt safe, made me comfortable
  /^[VG]PD$/, // listened to me
];

// Tagging is the slow part and a run reads the same answers more than once (groups, then merged themes, then
// codes): remember recent texts' phrases.
const phraseCache = new Map<string, Phrase[]>();
const PHRASE_CACHE_LIMIT = 50_000;

// An answer that is only a bare "no" or a "nothing to add" in other words ("No.", "N/A", "Not really", "No
// complaints", "Can't think of anything", "Don't know") says there is nothing to add: in the NHS comments people
// coded most such answers "Nothing to improve". Read as "Nothing", they share a label, an idea and a theme with
// the answers that say so in that word. Whole answers only: "No complaints about the staff, but the food…" says
// more.
const NOTHING_TO_ADD = [
  'no+|nope|none|nil|n\\W?a|not applicable|not really|no,? not really',
  'no,? (comments?|complaints?|problems?|issues?|concerns?)( at all| whatsoever)?',
  "no,? thank(s| you)|no,? i (can'?t|cannot)",
  "(i )?(can'?t|cant|cannot|can not|couldn'?t) think of anything( else)?",
  '(nothing|not anything|not that) (that )?i can think of',
  "(i )?(don'?t|do not) know|not sure|no idea|(i )?don'?t think so",
  'no (improvements?|changes?)( needed| required| necessary)?|no better|nothing better',
  "(i )?(couldn'?t|could not|can'?t|cannot) (do|have done|have been|be|ask for)( any| much)? better",
  "not (a )?(single )?thing|not (much|a lot)|(i )?(can'?t|cannot|can not) think of a (single )?thing",
  "(i )?(honestly )?(don'?t|do not) think (that )?(it|you|they) could (be|have been|do|have done)( anything)?( any)? (better|improved)",
  'no ?one could (do|have done)( any)? better',
];
const BARE_NO = new RegExp(`^\\W*(${NOTHING_TO_ADD.join('|')})(\\W+(really|at all|thank you|thanks))?\\W*$`, 'i');

// "Everything was fine", "everything excellent", "all good", "everything has been perfect": one idea (the NHS framework's
// "Everything was good") said with a different word each time, so no phrase of it covers a third of the answers
// that say it and they came out as "Mixed: nothing, excellent, perfect". Read as "everything was good" (a strong
// word kept after it for the grouping: "everything was good, excellent"), it is one phrase.
const PLAIN_PRAISE = 'good|fine|ok|okay|alright|all right|satisfactory|great';
const STRONG_PRAISE =
  'excellent|perfect|brilliant|fantastic|superb|wonderful|lovely|outstanding|amazing|spot on|first class|1st class|top notch';
const EVERYTHING_GOOD = new RegExp(
  `(?:\\beverything|(?<=^|[.!?]\\s*)all)\\s+(?:(?:was|is|has been|had been|been|went|seemed)\\s+)?(?:(?:very|really|so|just|absolutely|simply|extremely|all)\\s+)?(?:(${PLAIN_PRAISE})|(${STRONG_PRAISE}))\\b`,
  'gi',
);
export const EVERYTHING_WAS_GOOD = 'everything was good';

/**
 * An answer's text as the labels, ideas and grouping read it: a bare "no" reads as "Nothing", and "everything
 * was fine" in any words as "everything was good".
 */
export function inPlainSense(text: string): string {
  if (BARE_NO.test(text.replace(/’/g, "'"))) return 'Nothing';
  return text.replace(EVERYTHING_GOOD, (_, plain?: string, strong?: string) =>
    plain ? EVERYTHING_WAS_GOOD : `${EVERYTHING_WAS_GOOD}, ${strong!.toLowerCase()}`,
  );
}

/** The phrases of one text, each once. */
export function phrasesOf(text: string): Phrase[] {
  let phrases = phraseCache.get(text);
  if (!phrases) {
    phrases = readPhrases(inPlainSense(text));
    if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.clear();
    phraseCache.set(text, phrases);
  }
  return phrases;
}

function readPhrases(text: string): Phrase[] {
  const found = new Map<string, Phrase>();
  for (const clause of text.split(CLAUSE)) {
    const tokens = (clause.match(TOKEN) ?? []).map((token) => token.replace(/’/g, "'"));
    if (tokens.length === 0) continue;
    const lower = tokens.map((token) => token.toLowerCase());
    const tags = tagsOf(tokens.map((token, i) => (ACRONYM.test(token) ? token : lower[i]!)));
    const kinds = lower.map((word, i) => kindOf(word, tags[i]!, tokens[i]!));
    const pattern = kinds.join('');
    for (let i = 0; i < tokens.length; i += 1) {
      const negation = negationBefore(lower, kinds, i);
      for (let n = 1; n <= MAX_TOKENS && i + n <= tokens.length; n += 1) {
        const shape = pattern.slice(i, i + n);
        if (!PATTERNS.some((p) => p.test(shape))) continue;
        const span = lower.slice(i, i + n);
        if (!startsAndEndsWell(span, shape, tags[i]!)) continue;
        const from = negation ?? i;
        const key = lower.slice(from, i + n).join(' ');
        if (found.has(key)) continue;
        const content = contentOf(span);
        if (content.length === 0) continue;
        if (n === 1 && negation === null && EMPTY_ALONE.has(span[0]!)) continue;
        const word = content.length === 1 ? span.find((token) => stem(token) === content[0]) : undefined;
        found.set(key, {
          key,
          text: tokens
            .slice(from, i + n)
            .map((token, j) => (ACRONYM.test(token) ? token : lower[from + j]!))
            .join(' '),
          content,
          negated: negation !== null,
          ...(word ? { word } : {}),
        });
      }
      // "Everything was good" has no part-of-speech pattern of its own (a pronoun, a verb, an evaluation).
      if (lower.slice(i, i + 3).join(' ') === EVERYTHING_WAS_GOOD && !found.has(EVERYTHING_WAS_GOOD))
        found.set(EVERYTHING_WAS_GOOD, {
          key: EVERYTHING_WAS_GOOD,
          text: EVERYTHING_WAS_GOOD,
          content: [stem('everything'), stem('good')],
          negated: false,
        });
      // "Nothing" or "none" on its own is an answer ("Nothing to improve": "Nothing."); not where it is the subject
      // or object of a verb that says something else ("nothing is too much trouble", "they did nothing").
      if ((lower[i] === 'nothing' || lower[i] === 'none') && !found.has(lower[i]!) && standsAsAnswer(lower, i))
        found.set(lower[i]!, {
          key: lower[i]!,
          text: lower[i]!,
          content: [stem(lower[i]!)],
          negated: false,
          word: lower[i]!,
        });
    }
  }
  return [...found.values()];
}

/**
 * Whether the word at `i` of these lower-case words ("nothing", "none") is an answer ("Nothing.", "Nothing to
 * improve"), not the subject or object of a verb that says something else ("nothing is too much trouble", "nothing
 * was good", "they did nothing").
 */
export function standsAsAnswer(lower: string[], i: number): boolean {
  return !SAYS_MORE_AFTER.has(lower[i + 1] ?? '') && !SAYS_MORE_BEFORE.has(lower[i - 1] ?? '');
}

/** Whether a text says "nothing" or "none" as the answer in some clause ("Nothing, was very good" does). */
export function saysAsAnswer(text: string, word: string): boolean {
  return text.split(CLAUSE).some((clause) => {
    const lower = words(clause);
    return lower.some((other, i) => other === word && standsAsAnswer(lower, i));
  });
}

const SAYS_MORE_AFTER = new Set([
  'is',
  'was',
  'has',
  'had',
  'seems',
  'seemed',
  'gets',
  'got',
  'happens',
  'happened',
  'will',
  'changes',
  'changed',
  'works',
  'worked',
  'helps',
  'helped',
  'too',
]);
const SAYS_MORE_BEFORE = new Set(['do', 'did', 'does', 'done', 'doing']);

/** Where the negation of a phrase starting at i starts (with a modal before it: "could not be better"), if any. */
function negationBefore(lower: string[], kinds: Kind[], i: number): number | null {
  let k = i - 1;
  let modal = false;
  // A modal after a negating pronoun bridges too: "nothing could be better", "nobody would have been kinder".
  while (k >= 0 && i - k <= 4 && (NEGATION_BRIDGE.has(lower[k]!) || MODALS.has(lower[k]!))) {
    modal ||= MODALS.has(lower[k]!);
    k -= 1;
  }
  if (k < 0 || kinds[k] !== 'X' || (modal && !NEGATING_PRONOUNS.has(lower[k]!))) return null;
  return k > 0 && MODALS.has(lower[k - 1]!) ? k - 1 : k;
}

function startsAndEndsWell(span: string[], shape: string, firstTag: string): boolean {
  const first = span[0]!;
  // "means valuable work", "pays for the session": a verb in the third person singular had a subject the phrase
  // leaves out, so the phrase reads as a fragment of a sentence, not as what the answers speak of.
  if (shape[0] === 'V' && firstTag === 'VBZ') return false;
  const last = span[span.length - 1]!;
  if (
    (shape[0] === 'V' || shape[0] === 'G') &&
    EMPTY_VERBS.has(first) &&
    (span.length === 1 || span[1] === 'to' || shape.length === 2)
  )
    return false;
  if (
    shape[0] === 'V' &&
    ['be', 'is', 'was', 'were', 'are', 'am', 'been', 'being', 'have', 'has', 'had', 'do', 'does', 'did'].includes(first)
  )
    return false;
  if (isStopWord(first) && !(shape[0] === 'V' || shape[0] === 'G')) return false;
  // "think you", "know them": what such a verb governs follows its object, so the phrase would be a fragment.
  if (shape.length === 2 && shape[1] === 'D' && CLAUSE_VERBS.has(first)) return false;
  // "thank you so": a phrase does not stop on an intensifier.
  if (INTENSIFIERS.has(last)) return false;
  const endsInObject = shape.endsWith('D') && OBJECT_PRONOUNS.has(last);
  const endsInParticle = shape.endsWith('R') && (shape[0] === 'V' || shape[0] === 'G');
  return endsInObject || endsInParticle || !isStopWord(last);
}

function contentOf(span: string[]): string[] {
  return [
    ...new Set(
      span
        .filter((word) => !isStopWord(word) && !OBJECT_PRONOUNS.has(word) && word !== 'and' && word.length > 1)
        .map(stem),
    ),
  ];
}

/**
 * Whether an answer says a phrase: its content words, and for a phrase said in the negative ("not good"), those
 * words after a negation in one clause. Anything negative elsewhere is not enough: "No, care very good" and "No
 * complaints, all good" do not say "not good".
 */
export function answerCovers(phrase: Pick<Phrase, 'content' | 'negated' | 'word'>, answer: AnswerWords): boolean {
  if (!phrase.content.every((word) => answer.stems.has(word))) return false;
  if (phrase.word !== undefined && !usesWord(answer, phrase.content[0]!, phrase.word)) return false;
  return !phrase.negated || (answer.negative && negativeUseRead(answer.read, phrase.content) === true);
}

/** Whether an answer uses a form of this word (of this stem), not only another word of its stem. */
function usesWord(answer: AnswerWords, stemmed: string, word: string): boolean {
  return (answer.formsOf.get(stemmed) ?? []).some((form) => sameWord(form, word));
}

/** An answer as the coverage of labels sees it. */
export interface AnswerWords {
  stems: Set<string>;
  negative: boolean;
  /** The answer in plain sense (inPlainSense), for reading a negated phrase's clause. */
  read: string;
  /** Its words (lower case) by stem, for a one-word phrase's own word. */
  formsOf: Map<string, string[]>;
}

export function answerWords(text: string): AnswerWords {
  const read = inPlainSense(text);
  const all = words(read);
  const formsOf = new Map<string, string[]>();
  for (const word of new Set(all)) {
    // "Nothing" says a label only where it is the answer: "Nothing happened after we flagged it" does not.
    if ((word === 'nothing' || word === 'none') && !saysAsAnswer(read, word)) continue;
    const stemmed = stem(word);
    formsOf.set(stemmed, [...(formsOf.get(stemmed) ?? []), word]);
  }
  return {
    stems: new Set(formsOf.keys()),
    negative: all.some((word) => NEGATION.test(word)) || /n't\b/i.test(read),
    read,
    formsOf,
  };
}

export interface ScoredPhrase extends Phrase {
  /** Share of the theme's answers whose words include the phrase's content words. */
  coverage: number;
  /** The same counting close words (learned word meaning) as the phrase's own. */
  looseCoverage: number;
  /** Class-based TF-IDF weight: log(1 + mean answers per theme / answers anywhere covered). */
  specificity: number;
  /** Cosine of the phrase with the theme's centre. */
  closeness: number;
  score: number;
}

export interface Labelling {
  label: string;
  /** No phrase covers a third of the theme's answers. */
  mixed: boolean;
  /** Share of the theme's answers that the label covers (for a mixed theme, its strongest phrase). */
  coverage: number;
  /** The theme's phrases, best first. */
  phrases: ScoredPhrase[];
}

export interface LabelContext {
  /** Every answer's words. */
  answers: AnswerWords[];
  /** Texts of the answers, for phrase extraction. */
  texts: string[];
  /** Close words of a stem (itself excluded), from learned word meaning; empty without it. */
  closeWords?: (stemmed: string) => string[];
  /** Cosine of a text with a theme's centre. */
  closeness?: (text: string, group: number) => number;
  /** Mean answers per group for class-based TF-IDF, when the groups labelled are not all there are. */
  meanSize?: number;
}

// Phrases are read from at most this many answers of a group (evenly spread) and this many are scored.
const READ = 200;
// Share of a one-word label's coverage a fuller phrase of it must keep to replace it.
const FULLER = 0.75;
// Share of the answers using a plain phrase's words that, said in the negative, make it reverse them.
const NEGATED_SHARE = 0.5;
const SCORED = 60;

/**
 * Labels each group of answers (row indices into the context) with its best grounded phrase, or marks it mixed.
 */
export function labelGroups(groups: number[][], context: LabelContext): Labelling[] {
  const rowsOfStem = new Map<string, number[]>();
  context.answers.forEach((answer, row) => {
    for (const word of answer.stems) {
      const rows = rowsOfStem.get(word);
      if (rows) rows.push(row);
      else rowsOfStem.set(word, [row]);
    }
  });
  const looseRows = new Map<string, Set<number>>();
  const rowsLoosely = (word: string): Set<number> => {
    let rows = looseRows.get(word);
    if (!rows) {
      rows = new Set(rowsOfStem.get(word) ?? []);
      for (const close of context.closeWords?.(word) ?? [])
        for (const row of rowsOfStem.get(close) ?? []) rows.add(row);
      looseRows.set(word, rows);
    }
    return rows;
  };
  // The same phrase comes up in many groups; the answers it covers anywhere are the same each time.
  const covered = new Map<string, number[]>();
  const coveredRows = (phrase: Phrase, loose: boolean): number[] => {
    const key = `${loose ? 'loose' : 'strict'} ${phrase.negated ? '-' : '+'}${phrase.word ?? phrase.content.join(' ')}`;
    let rows = covered.get(key);
    if (!rows) {
      rows = rowsCovered(phrase, loose);
      covered.set(key, rows);
    }
    return rows;
  };
  const rowsCovered = (phrase: Phrase, loose: boolean): number[] => {
    if (phrase.word !== undefined) {
      // One word: the answers using a form of it, and loosely those using a word close in meaning too.
      const own = (rowsOfStem.get(phrase.content[0]!) ?? []).filter((row) =>
        answerCovers(phrase, context.answers[row]!),
      );
      if (!loose || phrase.negated) return own;
      const ownStem = new Set(rowsOfStem.get(phrase.content[0]!) ?? []);
      return [...own, ...[...rowsLoosely(phrase.content[0]!)].filter((row) => !ownStem.has(row))];
    }
    const lists = phrase.content.map((word) => (loose ? [...rowsLoosely(word)] : (rowsOfStem.get(word) ?? [])));
    lists.sort((a, b) => a.length - b.length);
    const sets = lists.slice(1).map((list) => new Set(list));
    return (lists[0] ?? []).filter(
      (row) => sets.every((set) => set.has(row)) && (!phrase.negated || answerCovers(phrase, context.answers[row]!)),
    );
  };
  const meanSize =
    context.meanSize ?? groups.reduce((sum, group) => sum + group.length, 0) / Math.max(1, groups.length);
  return groups.map((members, g) => {
    const inGroup = new Set(members);
    const counts = new Map<string, { phrase: Phrase; count: number; spellings: Map<string, number> }>();
    const read = evenlySpread(members, READ);
    for (const row of read) {
      for (const phrase of phrasesOf(context.texts[row]!)) {
        const entry = counts.get(phrase.key) ?? { phrase, count: 0, spellings: new Map<string, number>() };
        entry.count += 1;
        entry.spellings.set(phrase.text, (entry.spellings.get(phrase.text) ?? 0) + 1);
        counts.set(phrase.key, entry);
      }
    }
    const minimum = members.length > 3 ? 2 : 1;
    const candidates = [...counts.values()]
      .filter((entry) => entry.count >= minimum)
      .sort((a, b) => b.count - a.count || a.phrase.key.localeCompare(b.phrase.key))
      .slice(0, SCORED);
    const size = Math.max(1, members.length);
    const scored: ScoredPhrase[] = candidates.map(({ phrase, spellings }) => {
      const strict = coveredRows(phrase, false);
      const loose = context.closeWords ? coveredRows(phrase, true) : strict;
      const coverage = strict.filter((row) => inGroup.has(row)).length / size;
      const looseCoverage = Math.max(coverage, loose.filter((row) => inGroup.has(row)).length / size);
      const specificity = Math.log(1 + meanSize / Math.max(1, loose.length));
      const closeness = Math.max(0, context.closeness?.(phrase.text, g) ?? 0);
      const length = phrase.content.length === 1 ? 1 : phrase.content.length <= 3 ? 1.3 : 1.15;
      const text = [...spellings].sort((a, b) => b[1] - a[1])[0]![0];
      const score = looseCoverage * specificity * (0.5 + closeness) * length * (phrase.negated ? 1.15 : 1);
      return { ...phrase, text, coverage, looseCoverage, specificity, closeness, score };
    });
    // Phrases with the same content words cover the same answers: keep the fullest wording the answers commonly
    // use ("listened to me" over "listened" when most who wrote the one wrote the other).
    const wording = new Map<string, { key: string; weight: number }>();
    for (const { phrase, count } of candidates) {
      const signature = `${phrase.negated ? '-' : '+'}${[...phrase.content].sort().join(' ')}`;
      const weight = count * Math.pow(1.25, phrase.key.split(' ').length - 1);
      if ((wording.get(signature)?.weight ?? -1) < weight) wording.set(signature, { key: phrase.key, weight });
    }
    const kept = scored.filter(
      (phrase) =>
        wording.get(`${phrase.negated ? '-' : '+'}${[...phrase.content].sort().join(' ')}`)?.key === phrase.key,
    );
    scored.splice(0, scored.length, ...kept);
    scored.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
    // Polarity kept: a plain phrase that most of the answers using its words here say in the negative ("nothing
    // could be better" under "better") would reverse them as a label, so it is passed over.
    const reverses = (phrase: ScoredPhrase) =>
      !phrase.negated && mostlyNegated(negatedUses(context.texts, read, phrase.content));
    let best = scored.find((phrase) => phrase.coverage >= GROUNDED_SHARE && !reverses(phrase));
    // A one-word label gives way to a fuller phrase of it that the answers nearly as often use ("waiting times"
    // for "times"): a phrase says more than a word.
    const fuller =
      best && best.key.split(' ').length === 1
        ? scored
            .slice(0, 20)
            .find(
              (phrase) =>
                phrase.key.split(' ').length > 1 &&
                phrase.negated === best!.negated &&
                best!.content.every((word) => phrase.content.includes(word)) &&
                phrase.coverage >= Math.max(GROUNDED_SHARE, FULLER * best!.coverage),
            )
        : undefined;
    if (fuller) best = fuller;
    // A bare verb ("exceed", "improve") leaves out what it is done to: a phrase of several words that covers
    // nearly as many answers says what the answers speak of. Any other one word gives way to a phrase of several
    // words that every answer saying the word says as well ("Locum costs for backfill" for "HSCP", when each of the
    // theme's answers says "locum costs for backfill now exceed what the HSCP pays"): the word won on being rarer
    // elsewhere, the phrase says what the answers say. The phrase must be said in the theme at least twice as often
    // as in all the answers: not one every answer says ("made the visit what it was"), which would name every theme
    // alike.
    const saying = (phrase: Phrase) => coveredRows(phrase, false).filter((row) => inGroup.has(row));
    const wordSaidBy = best && !fuller && best.key.split(' ').length === 1 ? saying(best) : [];
    const saysAsMuch = (phrase: ScoredPhrase) => {
      if (bareVerb(best!.key)) return phrase.coverage >= Math.max(GROUNDED_SHARE, FULLER * best!.coverage);
      const here = saying(phrase);
      const rows = new Set(here);
      const characteristic =
        here.length / members.length >= 2 * (coveredRows(phrase, false).length / context.answers.length);
      return characteristic && wordSaidBy.every((row) => rows.has(row));
    };
    const phrased =
      best && !fuller && best.key.split(' ').length === 1
        ? scored.find(
            (phrase) =>
              phrase.key.split(' ').length > 1 &&
              phrase.negated === best!.negated &&
              saysAsMuch(phrase) &&
              !reverses(phrase),
          )
        : undefined;
    if (phrased) best = phrased;
    // A theme of one sentence that most of its answers give word for word (a line copied from a template): every
    // phrase of it covers them all, so coverage cannot choose, and rarity chose from its middle ("Attend cluster
    // meetings" for "Two sessions a month is not enough to prepare, attend cluster meetings and take learning back").
    // What the sentence says comes first in it, or in its negation ("No rise in payment" in "costs have risen a lot
    // but there has been no rise in payment"): the negated phrase, else the earliest of several words, the fullest.
    const sentence = best ? sharedSentence(members, context.texts) : null;
    if (sentence) {
      const at = (phrase: ScoredPhrase) => sentence.indexOf(phrase.text.toLowerCase());
      const said = scored.filter(
        (phrase) =>
          phrase.coverage >= SHARED_SENTENCE &&
          (phrase.negated || phrase.content.length > 1) &&
          !reverses(phrase) &&
          at(phrase) >= 0,
      );
      said.sort((a, b) => Number(b.negated) - Number(a.negated) || at(a) - at(b) || b.text.length - a.text.length);
      if (said[0]) best = said[0];
    }
    if (best) return { label: capitalise(best.text), mixed: false, coverage: best.coverage, phrases: scored };
    // A mixed group is named by the phrases most of its answers share, so the label says honestly what is there.
    const strongest = distinctPhrases(
      [...scored].sort((a, b) => b.coverage - a.coverage || b.score - a.score),
      3,
    );
    return {
      label: strongest.length
        ? `${MIXED_PREFIX}${strongest.map((phrase) => phrase.text).join(', ')}`
        : `${MIXED_PREFIX}no shared phrase`,
      mixed: true,
      coverage: strongest[0]?.coverage ?? 0,
      phrases: scored,
    };
  });
}

// Most of a theme's answers giving one sentence (of at most SHARED_SENTENCE_WORDS words) word for word make it a
// theme of that sentence.
const SHARED_SENTENCE = 0.8;
const SHARED_SENTENCE_WORDS = 30;

/** The sentence (lower case, as read) that at least SHARED_SENTENCE of these answers give word for word, if any. */
function sharedSentence(members: number[], texts: string[]): string | null {
  if (members.length < 3) return null;
  const counts = new Map<string, number>();
  for (const row of members) {
    const text = inPlainSense(texts[row]!).trim().toLowerCase().replace(/\s+/g, ' ');
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const [text, count] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  // One sentence, not a paragraph: in an account of several pieces of work the first phrase is only the first piece.
  const oneSentence = !/[.!?;]\s+\S/.test(text) && text.split(' ').length <= SHARED_SENTENCE_WORDS;
  return oneSentence && count >= SHARED_SENTENCE * members.length ? text : null;
}

/**
 * Whether a text uses all these stems after a negation in the same clause ("nothing could be better"), or null
 * when it does not use them all in one clause.
 */
export function negativeUse(text: string, content: string[]): boolean | null {
  return negativeUseRead(inPlainSense(text), content);
}

/** negativeUse of an answer already read (answerWords), without reading it in plain sense again. */
export function negativeUseIn(answer: AnswerWords, content: string[]): boolean | null {
  return negativeUseRead(answer.read, content);
}

function negativeUseRead(read: string, content: string[]): boolean | null {
  let used = false;
  for (const clause of read.split(CLAUSE)) {
    const tokens = (clause.match(TOKEN) ?? []).map((token) => token.replace(/’/g, "'").toLowerCase());
    const stems = tokens.map((token) => stem(token));
    if (content.length === 0 || content.some((word) => !stems.includes(word))) continue;
    const last = Math.max(...content.map((word) => stems.indexOf(word)));
    if (tokens.slice(0, last).some((token) => NEGATION.test(token))) return true;
    used = true;
  }
  return used ? false : null;
}

/** At most `most` of these rows, evenly spread: what is read of a large group. */
export function evenlySpread(rows: number[], most: number): number[] {
  const step = Math.max(1, rows.length / most);
  const read: number[] = [];
  for (let at = 0; at < rows.length; at += step) read.push(rows[Math.floor(at)]!);
  return read;
}

/** Of these rows' texts, how many use all these stems in one clause, and how many of those after a negation. */
export function negatedUses(texts: string[], rows: number[], content: string[]): { said: number; negated: number } {
  let said = 0;
  let negated = 0;
  for (const row of rows) {
    const saying = negativeUse(texts[row]!, content);
    if (saying === null) continue;
    said += 1;
    if (saying) negated += 1;
  }
  return { said, negated };
}

/** Most who use the words say them negated: as a plain label they would reverse the answers. */
export const mostlyNegated = ({ said, negated }: { said: number; negated: number }) =>
  said > 0 && negated >= NEGATED_SHARE * said;

/** The best few phrases, none a part of another. */
export function distinctPhrases(ranked: ScoredPhrase[], count: number, except: string[] = []): ScoredPhrase[] {
  const chosen: ScoredPhrase[] = [];
  const taken = except.map((text) => text.toLowerCase());
  for (const phrase of ranked) {
    if (chosen.length >= count) break;
    if (
      [...chosen.map((other) => other.key), ...taken].some(
        (other) => other.includes(phrase.key) || phrase.key.includes(other),
      )
    )
      continue;
    chosen.push(phrase);
  }
  return chosen;
}

export function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** A label as a phrase within a sentence: its first letter lowered unless it begins an acronym ("QI work", "HSCP"). */
export function inSentence(label: string): string {
  const first = label.split(' ')[0] ?? '';
  return ACRONYM.test(first) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Two themes with one label read as one idea twice. The later (smaller) of them takes its best fuller phrase of
 * that label ("very helpful" for "helpful") that is grounded and no earlier theme uses, so the label stays true
 * to what most of its answers say; with none, it keeps the label and a researcher merges or renames it.
 */
export function distinctLabels(labellings: Labelling[]): Labelling[] {
  const used = new Set<string>();
  return labellings.map((labelling) => {
    if (labelling.mixed) return labelling;
    const key = labelling.label.toLowerCase();
    if (!used.has(key)) {
      used.add(key);
      return labelling;
    }
    const shared = labelling.phrases.find((phrase) => phrase.text.toLowerCase() === key);
    if (!shared) return labelling;
    const other = labelling.phrases.find(
      (phrase) =>
        phrase.coverage >= GROUNDED_SHARE &&
        !used.has(phrase.text.toLowerCase()) &&
        shared.content.every((word) => phrase.content.includes(word)),
    );
    if (!other) return labelling;
    used.add(capitalise(other.text).toLowerCase());
    return { ...labelling, label: capitalise(other.text), coverage: other.coverage };
  });
}
