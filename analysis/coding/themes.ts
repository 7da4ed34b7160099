import { scrubPersonalData } from '../pii';
import { isStopWord, sentences, stem, words } from '../text';
import { cosine, sphericalKmeans } from './spherical-kmeans';
import { TfidfVectorizer, type SparseVector } from './tfidf';

export interface AnswerInput {
  id: string;
  text: string;
}

export interface InductiveCode {
  id: string;
  label: string;
  keywords: string[];
  definition: string;
  /** Answers (row ids) with at least one segment in this code. */
  members: string[];
  segments: Array<{ row: string; text: string }>;
}

export interface CandidateTheme {
  id: string;
  label: string;
  codes: string[];
  members: string[];
  quotes: string[];
  /** The answers the quotes come from, in the same order. */
  quoteIds: string[];
}

export interface InductiveResult {
  codes: InductiveCode[];
  themes: CandidateTheme[];
  assignments: Record<string, { codes: string[]; theme: string | null }>;
}

export interface InductiveOptions {
  codes?: number;
  themes?: number;
  seed?: number;
  /** Practice and place names to scrub from quotes. */
  places?: string[];
  /** How much word overlap, against co-occurrence in the same answers, decides which codes form a theme (0 to 1). */
  wordWeight?: number;
}

interface Segment {
  row: number;
  text: string;
  vector: SparseVector;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** The most common spelling of each stem, so labels read as words ("staff, friendly"), not stems ("friendli"). */
function surfaceForms(texts: string[]): (term: string) => string {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const word of words(text)) {
      if (isStopWord(word)) continue;
      const key = stem(word);
      const forms = counts.get(key) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      counts.set(key, forms);
    }
  }
  const best = (key: string) => [...(counts.get(key)?.entries() ?? [])].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key;
  return (term) => term.split(' ').map(best).join(' ');
}

function topTerms(centroid: Float64Array, vectorizer: TfidfVectorizer, surface: (term: string) => string, count: number): string[] {
  const order = Array.from(centroid.keys()).sort((a, b) => centroid[b]! - centroid[a]!);
  const terms: string[] = [];
  for (const index of order) {
    if (terms.length >= count || centroid[index]! <= 0) break;
    const term = surface(vectorizer.termAt(index));
    // A bigram whose words are already listed adds nothing to a label.
    if (!terms.some((existing) => existing.includes(term) || term.includes(existing))) terms.push(term);
  }
  return terms;
}

const labelOf = (terms: string[]) => {
  const text = terms.slice(0, 3).join(', ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : 'Unlabelled';
};

/**
 * Braun and Clarke's second and third phases done by the machine, for researchers to review: answers are split
 * into sentences, sentences are grouped into initial codes by what they say (TF-IDF of stemmed unigrams and
 * bigrams, spherical k-means), and codes are grouped into candidate themes by how often they occur in the same
 * answers and how alike their words are (average-linkage clustering). Nothing here is final.
 */
export function discoverThemes(answers: AnswerInput[], options: InductiveOptions = {}): InductiveResult {
  const segmentTexts: Array<{ row: number; text: string }> = [];
  answers.forEach((answer, row) => {
    for (const text of sentences(answer.text)) segmentTexts.push({ row, text });
  });
  const vectorizer = new TfidfVectorizer({ minDocumentFrequency: 2, maxNgram: 2 });
  const vectors = vectorizer.fitTransform(segmentTexts.map((segment) => segment.text));
  const segments: Segment[] = segmentTexts.map((segment, i) => ({ ...segment, vector: vectors[i]! })).filter((segment) => segment.vector.indices.length > 0);
  const empty: InductiveResult = { codes: [], themes: [], assignments: Object.fromEntries(answers.map((answer) => [answer.id, { codes: [], theme: null }])) };
  if (segments.length < 2 || vectorizer.size === 0) return empty;

  const surface = surfaceForms(answers.map((answer) => answer.text));
  // About 20 initial codes for 15,000 sentences: fewer, broader codes group into themes that match human categories better.
  const k = options.codes ?? clamp(Math.round(Math.sqrt(segments.length / 40)), 6, 30);
  const clustering = sphericalKmeans(segments.map((segment) => segment.vector), vectorizer.size, k, { seed: options.seed ?? 1, restarts: 5 });

  const codeSegments = clustering.centroids.map(() => [] as Segment[]);
  segments.forEach((segment, i) => codeSegments[clustering.assignments[i]!]?.push(segment));
  const kept = codeSegments.map((list, c) => ({ list, centroid: clustering.centroids[c]! })).filter(({ list }) => list.length > 0);
  const codes: InductiveCode[] = kept.map(({ list, centroid }, c) => {
    const keywords = topTerms(centroid, vectorizer, surface, 8);
    return {
      id: `code-${c + 1}`,
      label: labelOf(keywords),
      keywords,
      definition: `Answers that mention ${keywords.slice(0, 3).join(', ') || 'these words'}${keywords.length > 3 ? ` (also ${keywords.slice(3, 6).join(', ')})` : ''}.`,
      members: [...new Set(list.map((segment) => answers[segment.row]!.id))],
      segments: list.map((segment) => ({ row: answers[segment.row]!.id, text: segment.text })),
    };
  });

  // Code-to-code similarity: word overlap (centroids) and co-occurrence in the same answers (Jaccard).
  const memberSets = codes.map((code) => new Set(code.members));
  const similarity = (a: number, b: number) => {
    let shared = 0;
    for (const member of memberSets[a]!) if (memberSets[b]!.has(member)) shared += 1;
    const union = memberSets[a]!.size + memberSets[b]!.size - shared;
    const wordWeight = options.wordWeight ?? 0.5;
    return wordWeight * cosine(kept[a]!.centroid, kept[b]!.centroid) + (1 - wordWeight) * (union ? shared / union : 0);
  };
  const themeCount = clamp(options.themes ?? Math.round(codes.length / 3), Math.min(3, codes.length), Math.min(12, codes.length));
  let groups = codes.map((_, c) => [c]);
  while (groups.length > themeCount) {
    let bestPair: [number, number] = [0, 1];
    let bestScore = -Infinity;
    for (let a = 0; a < groups.length; a += 1) {
      for (let b = a + 1; b < groups.length; b += 1) {
        let total = 0;
        for (const x of groups[a]!) for (const y of groups[b]!) total += similarity(x, y);
        const score = total / (groups[a]!.length * groups[b]!.length);
        if (score > bestScore) {
          bestScore = score;
          bestPair = [a, b];
        }
      }
    }
    const [a, b] = bestPair;
    groups = groups.filter((_, g) => g !== a && g !== b).concat([[...groups[a]!, ...groups[b]!]]);
  }
  groups.sort((x, y) => codesSize(y) - codesSize(x));
  function codesSize(group: number[]) {
    return new Set(group.flatMap((c) => codes[c]!.members)).size;
  }

  const codeOfSegment = new Map<Segment, number>();
  kept.forEach(({ list }, c) => list.forEach((segment) => codeOfSegment.set(segment, c)));
  const themeOfCode = new Map<number, number>();
  groups.forEach((group, t) => group.forEach((c) => themeOfCode.set(c, t)));

  const themes: CandidateTheme[] = groups.map((group, t) => {
    const centroid = new Float64Array(vectorizer.size);
    for (const c of group) kept[c]!.centroid.forEach((value, i) => (centroid[i]! += value * kept[c]!.list.length));
    const norm = Math.sqrt(centroid.reduce((sum, value) => sum + value * value, 0)) || 1;
    centroid.forEach((value, i) => (centroid[i] = value / norm));
    const themeSegments = group.flatMap((c) => kept[c]!.list);
    return {
      id: `theme-${t + 1}`,
      label: labelOf(topTerms(centroid, vectorizer, surface, 3)),
      codes: group.map((c) => codes[c]!.id),
      members: [...new Set(themeSegments.map((segment) => answers[segment.row]!.id))],
      ...exemplars(themeSegments, centroid, answers, options.places ?? []),
    };
  });

  const assignments: InductiveResult['assignments'] = empty.assignments;
  const votes = answers.map(() => new Map<number, number>());
  for (const segment of segments) {
    const c = codeOfSegment.get(segment)!;
    const entry = assignments[answers[segment.row]!.id]!;
    if (!entry.codes.includes(codes[c]!.id)) entry.codes.push(codes[c]!.id);
    const t = themeOfCode.get(c)!;
    votes[segment.row]!.set(t, (votes[segment.row]!.get(t) ?? 0) + 1);
  }
  votes.forEach((tally, row) => {
    const top = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (top) assignments[answers[row]!.id]!.theme = themes[top[0]]!.id;
  });
  return { codes, themes, assignments };
}

/** Three answers that are typical of a theme and unlike each other (maximal marginal relevance). */
function exemplars(segments: Segment[], centroid: Float64Array, answers: AnswerInput[], places: string[]): { quotes: string[]; quoteIds: string[] } {
  const dotDense = (vector: SparseVector) => vector.indices.reduce((sum, index, j) => sum + vector.values[j]! * centroid[index]!, 0);
  const dotSparse = (a: SparseVector, b: SparseVector) => {
    let sum = 0;
    let i = 0;
    let j = 0;
    while (i < a.indices.length && j < b.indices.length) {
      if (a.indices[i] === b.indices[j]) sum += a.values[i++]! * b.values[j++]!;
      else if (a.indices[i]! < b.indices[j]!) i += 1;
      else j += 1;
    }
    return sum;
  };
  const candidates = segments
    .filter((segment) => answers[segment.row]!.text.length >= 30)
    .map((segment) => ({ segment, relevance: dotDense(segment.vector) }))
    .sort((a, b) => b.relevance - a.relevance)
    .slice(0, 60);
  const chosen: Segment[] = [];
  const usedRows = new Set<number>();
  while (chosen.length < 3) {
    let best: Segment | null = null;
    let bestScore = -Infinity;
    for (const { segment, relevance } of candidates) {
      if (usedRows.has(segment.row)) continue;
      const redundancy = chosen.reduce((max, other) => Math.max(max, dotSparse(segment.vector, other.vector)), 0);
      const score = relevance - 0.7 * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = segment;
      }
    }
    if (!best) break;
    chosen.push(best);
    usedRows.add(best.row);
  }
  return {
    quotes: chosen.map((segment) => scrubPersonalData(answers[segment.row]!.text.trim(), places)),
    quoteIds: chosen.map((segment) => answers[segment.row]!.id),
  };
}
