import { scrubPersonalData } from '../pii';
import { sentences } from '../text';
import { chooseThemeCount } from './choose-k';
import { countPhrases, labelFrom, otherPhrases, rankPhrases } from './phrase-labels';
import { AnswerSpace, type Representation } from './representation';
import { nmf } from './nmf';
import { dot, sphericalKmeans } from './spherical-kmeans';
import type { SparseVector } from './tfidf';
import type { ProgressCallback } from '../progress';

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
  definition: string;
  codes: string[];
  members: string[];
  quotes: string[];
  /** The answers the quotes come from, in the same order. */
  quoteIds: string[];
}

export interface InductiveResult {
  codes: InductiveCode[];
  themes: CandidateTheme[];
  /** Per answer: its codes, its main theme and every theme it carries (an answer can carry several). */
  assignments: Record<string, { codes: string[]; theme: string | null; themes: string[] }>;
  /** How answers were represented and how the number of themes was chosen, for the output to say. */
  method: { representation: Representation; themeCount: 'chosen' | 'given'; stability: Array<{ k: number; stability: number }> };
}

export interface InductiveOptions {
  /** A fixed number of candidate themes; by default chosen from the data. */
  themes?: number;
  seed?: number;
  /** Practice and place names to scrub from quotes. */
  places?: string[];
  /** Told each phase as it starts and how far it has gone. */
  onProgress?: ProgressCallback;
}

// Under NMF an answer carries a further theme when it has at least half as much of it as of its main one.
const SECOND_TOPIC = 0.5;

interface Segment {
  row: number;
  text: string;
  vector: SparseVector;
}

/**
 * Braun and Clarke's second and third phases done by the machine, for researchers to review. Each answer is
 * represented by its words (TF-IDF of stems and word pairs) and,
 * when there are enough answers to learn from, by the meaning of its words learned from the answers
 * themselves (see word-vectors.ts). The number of candidate themes is chosen as the one whose grouping repeats
 * best across random starts; answers are grouped, each carrying one or more themes (see `group`), and each
 * sentence goes to the nearest of its answer's themes. Within a theme, sentences are split into one to three
 * codes. Labels are
 * phrases scored by class-based TF-IDF; definitions are built from the phrases the answers use. Nothing here
 * is final.
 */
export function discoverThemes(answers: AnswerInput[], options: InductiveOptions = {}): InductiveResult {
  const seed = options.seed ?? 1;
  options.onProgress?.('learning word meaning', 0, 0);
  const space = new AnswerSpace(answers.map((answer) => answer.text));
  const rows = answers.map((_, row) => row).filter((row) => space.answerVectors[row]!.indices.length > 0);
  const assignments: InductiveResult['assignments'] = Object.fromEntries(answers.map((answer) => [answer.id, { codes: [], theme: null, themes: [] }]));
  const method: InductiveResult['method'] = { representation: space.representation, themeCount: options.themes ? 'given' : 'chosen', stability: [] };
  if (rows.length < 2) return { codes: [], themes: [], assignments, method };

  const vectors = rows.map((row) => space.answerVectors[row]!);
  let k = options.themes ?? 0;
  if (!k) {
    const choice = chooseThemeCount(vectors, (sample, count, runSeed) => group(sample, [], space, count, runSeed).main, seed, options.onProgress);
    k = choice.k;
    method.stability = choice.curve;
  }
  options.onProgress?.('grouping answers', 0, 0);
  const { centroids, themesOf } = group(vectors, rows.map((row) => answers[row]!.text), space, Math.min(k, rows.length), seed);
  const themeRows = centroids.map(() => [] as number[]);
  const carried = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const themes = themesOf(i);
    carried.set(row, themes);
    for (const t of themes) themeRows[t]!.push(row);
  });

  // Segments (sentences) of each answer go to the closest of the answer's themes.
  const segmentsOfTheme = centroids.map(() => [] as Segment[]);
  for (const row of rows) {
    const themes = carried.get(row)!;
    for (const text of sentences(answers[row]!.text)) {
      const vector = space.vectorOf(text);
      const best = themes.reduce((a, b) => (dot(vector, centroids[b]!) > dot(vector, centroids[a]!) ? b : a), themes[0]!);
      segmentsOfTheme[best]!.push({ row, text, vector });
    }
  }

  const order = centroids.map((_, t) => t).filter((t) => themeRows[t]!.length > 0).sort((a, b) => themeRows[b]!.length - themeRows[a]!.length);
  const phraseCounts = countPhrases(order.map((t) => themeRows[t]!.map((row) => answers[row]!.text)));
  const sizes = order.map((t) => themeRows[t]!.length);
  const codes: InductiveCode[] = [];
  const themes: CandidateTheme[] = order.map((t, position) => {
    options.onProgress?.('labelling', position, order.length);
    const ranked = rankPhrases(phraseCounts, position, sizes);
    const label = labelFrom(ranked);
    const id = `theme-${position + 1}`;
    const themeCodes = splitIntoCodes(segmentsOfTheme[t]!, space.dimension, answers, seed, `code-${position + 1}`);
    codes.push(...themeCodes);
    return {
      id,
      label,
      definition: definitionOf(label, otherPhrases(ranked, label, 3), themeRows[t]!.length, rows.length),
      codes: themeCodes.map((code) => code.id),
      members: themeRows[t]!.map((row) => answers[row]!.id),
      ...exemplars(segmentsOfTheme[t]!, centroids[t]!, answers, options.places ?? []),
    };
  });

  options.onProgress?.('labelling', order.length, order.length);
  const themeId = new Map(order.map((t, position) => [t, `theme-${position + 1}`]));
  for (const row of rows) {
    const entry = assignments[answers[row]!.id]!;
    entry.themes = carried.get(row)!.map((t) => themeId.get(t)!);
    entry.theme = entry.themes[0] ?? null;
  }
  for (const code of codes) for (const member of code.members) assignments[member]!.codes.push(code.id);
  return { codes, themes, assignments, method };
}

/**
 * Groups answers into k themes; each answer gets its main theme first, then any other it carries. With word
 * features alone (fewer answers) this is non-negative matrix factorisation, where an answer is a mix of themes
 * by construction; with learned word meaning (not non-negative) it is spherical k-means, and the sentences of
 * a longer answer vote for further themes.
 */
function group(vectors: SparseVector[], texts: string[], space: AnswerSpace, k: number, seed: number): { centroids: Float64Array[]; main: Int32Array; themesOf: (i: number) => number[] } {
  if (space.representation === 'words') {
    const { W, H } = nmf(vectors, space.dimension, k, { seed, iterations: 200 });
    const centroids = Array.from({ length: k }, (_, t) => unit(H.slice(t * space.dimension, (t + 1) * space.dimension)));
    const scale = Array.from({ length: k }, (_, t) => Math.sqrt(H.subarray(t * space.dimension, (t + 1) * space.dimension).reduce((sum, x) => sum + x * x, 0)));
    const weightsOf = (i: number) => scale.map((s, t) => W[i * k + t]! * s);
    const main = Int32Array.from(vectors, (_, i) => {
      const weights = weightsOf(i);
      return weights.indexOf(Math.max(...weights));
    });
    return {
      centroids,
      main,
      themesOf: (i) => {
        const weights = weightsOf(i);
        return [main[i]!, ...weights.flatMap((w, t) => (t !== main[i] && w >= SECOND_TOPIC * weights[main[i]!]! ? [t] : []))];
      },
    };
  }
  const clustering = sphericalKmeans(vectors, space.dimension, k, { seed, restarts: vectors.length > 3000 ? 3 : 5 });
  return {
    centroids: clustering.centroids,
    main: clustering.assignments,
    // Each sentence of a longer answer votes for its nearest theme; every theme a sentence chose is carried.
    themesOf: (i) => {
      const main = clustering.assignments[i]!;
      const parts = sentences(texts[i]!);
      if (parts.length < 2) return [main];
      const voted = parts.map((part) => nearest(space.vectorOf(part), clustering.centroids)).filter((t) => t >= 0 && t !== main);
      return [main, ...new Set(voted)];
    },
  };
}

function nearest(vector: SparseVector, centroids: Float64Array[]): number {
  if (vector.indices.length === 0) return -1;
  let best = -1;
  let bestSimilarity = 0;
  centroids.forEach((centroid, t) => {
    const similarity = dot(vector, centroid);
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      best = t;
    }
  });
  return best;
}

function unit(vector: Float64Array): Float64Array {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
  return vector.map((x) => x / norm);
}

/** One line for people: how answers were represented and how the number of themes came about. */
export function describeMethod(method: InductiveResult['method']): string {
  const count = method.themeCount === 'given' ? 'the number of themes was given' : 'the number of themes was chosen by stability across random starts';
  return `representation: ${method.representation}; ${count}`;
}


function definitionOf(label: string, phrases: string[], members: number, total: number): string {
  const share = Math.round((100 * members) / total);
  const also = phrases.length > 1 ? `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}` : phrases[0];
  // Lower case for the running sentence, except words whose capitals are part of them (CQLs, HSCP, LIST).
  const inSentence = label.split(' ').map((word) => (/[A-Z].*[A-Z]/.test(word) ? word : word.toLowerCase())).join(' ');
  return `${members} answers (${share}%) about ${inSentence}${also ? `, often mentioning ${also}` : ''}.`;
}

/** One code for a small theme; two or three for a larger one, by the same clustering within the theme. */
function splitIntoCodes(themeSegments: Segment[], dimension: number, answers: AnswerInput[], seed: number, prefix: string): InductiveCode[] {
  // A theme whose answers' sentences all went to their other themes has no sentence of its own to code.
  if (themeSegments.length === 0) return [];
  const parts = themeSegments.length >= 45 ? 3 : themeSegments.length >= 20 ? 2 : 1;
  const groups: Segment[][] =
    parts === 1
      ? [themeSegments]
      : (() => {
          const split = sphericalKmeans(themeSegments.map((segment) => segment.vector), dimension, parts, { seed, restarts: 3 });
          const result = split.centroids.map(() => [] as Segment[]);
          themeSegments.forEach((segment, i) => result[Math.max(0, split.assignments[i]!)]!.push(segment));
          return result.filter((group) => group.length > 0);
        })();
  const counts = countPhrases(groups.map((group) => group.map((segment) => segment.text)));
  const sizes = groups.map((group) => group.length);
  return groups.map((group, g) => {
    const ranked = rankPhrases(counts, g, sizes);
    const label = labelFrom(ranked);
    const members = [...new Set(group.map((segment) => answers[segment.row]!.id))];
    return {
      id: `${prefix}.${g + 1}`,
      label,
      keywords: ranked.slice(0, 8).map((phrase) => phrase.text),
      definition: `Segments about ${label.toLowerCase()}${ranked.length > 1 ? `, such as "${ranked.slice(1, 3).map((phrase) => phrase.text).join('", "')}"` : ''}.`,
      members,
      segments: group.map((segment) => ({ row: answers[segment.row]!.id, text: segment.text })),
    };
  });
}

/** Three answers that are typical of a theme and unlike each other (maximal marginal relevance). */
function exemplars(segments: Segment[], centroid: Float64Array, answers: AnswerInput[], places: string[]): { quotes: string[]; quoteIds: string[] } {
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
    .map((segment) => ({ segment, relevance: dot(segment.vector, centroid) }))
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
