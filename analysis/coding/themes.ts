import { listText } from '../stats-format';
import { scrubPersonalData } from '../pii';
import { sentences, stem, words } from '../text';
import { joinNothingToImprove, type JoinedTheme } from './nothing-to-improve';
import { keepLargestFirst, moveRows as moveThemeRows } from './theme-rows';
import { chooseThemeCount } from './choose-k';
import {
  answerCovers,
  answerWords,
  capitalise,
  describesOnly,
  distinctLabels,
  distinctPhrases,
  GROUNDED_SHARE,
  inPlainSense,
  inSentence,
  evenlySpread,
  labelGroups,
  mostlyNegated,
  negativeUseIn,
  negatedUses,
  type AnswerWords,
  type LabelContext,
  type Labelling,
  type ScoredPhrase,
} from './phrase-labels';
import { findIdeas, ideaStems, raises, type Idea } from './idea-codes';
import { CONTRAST_END, CONTRAST_OPENING } from './theme-contrast';
import { AnswerSpace, MIN_ANSWERS_FOR_MEANING, type MeaningSource, type Representation } from './representation';
import { shippedVocabulary } from './shipped-vocabulary';
import type { WordVectors } from './word-vectors';
import { nmf } from './nmf';
import { dot, sphericalKmeans } from './spherical-kmeans';
import { sparseDot, type SparseVector } from './tfidf';
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
  /** Its segments share no phrase (named "Mixed: …"): to be renamed before it can be accepted. */
  mixed?: boolean;
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
  /** No phrase is shared by a third of its answers: shown for review, never reported as a finding. */
  mixed: boolean;
  /** Share of the theme's answers whose words include the label's content words. */
  labelCoverage: number;
  /** The theme's strongest phrases with the share of its answers each covers. */
  phrases: Array<{ text: string; coverage: number }>;
  /** Labels of the near-duplicate groups merged into this theme, each once (empty when none was). */
  mergedFrom: string[];
}

export interface InductiveResult {
  codes: InductiveCode[];
  themes: CandidateTheme[];
  /** Per answer: its codes, its main theme and every theme it carries (an answer can carry several). */
  assignments: Record<string, { codes: string[]; theme: string | null; themes: string[] }>;
  /** Answers that fit no theme well (or have no words to go on), left out of every theme rather than padding one. */
  unassigned: string[];
  /** How answers were represented and how the number of themes was chosen, for the output to say. */
  method: {
    representation: Representation;
    /** Where word meaning came from, said in words. */
    wordMeaning: string;
    themeCount: 'chosen' | 'given';
    stability: Array<{ k: number; stability: number }>;
  };
}

export interface InductiveOptions {
  /** A fixed number of candidate themes; by default chosen from the data. */
  themes?: number;
  seed?: number;
  /** Practice and place names to scrub from quotes. */
  places?: string[];
  /** Told each phase as it starts and how far it has gone. */
  onProgress?: ProgressCallback;
  /**
   * Word meaning learned beforehand on other answers, used instead of learning it from these when it knows their
   * words and they are fewer than it was learned from (AnswerSpace): by default the vocabulary shipped with Canvass
   * (`shippedVocabulary`); null for none.
   */
  vocabulary?: { vectors: WordVectors; source: string } | null;
}

// Under NMF an answer carries a further theme when it has at least half as much of it as of its main one.
const SECOND_TOPIC = 0.5;
// NMF stops when an iteration gains less than this share of its error: on the survey-sized sets it then runs 96
// iterations on average rather than 200, and the themes chosen with the default seed are the same on both survey
// sets; over eight seeds, human themes matched one to one 8.75, 6.38 and 7.50 of 9 (8.75, 6.50, 7.50 running all 200).
// At 1e-6 (82 iterations) the 145 NHS comments fell to 7.13.
const NMF_TOLERANCE = 1e-7;
// The groups are as many as the stability choice says, not more: over-clustering (1.25 and 1.5 times as many,
// then merging) was measured on the 3,000 NHS comments (bench/themes-dev.ts) and lowered agreement with the
// human coding against TF-IDF + k-means at the same number (NMI ratio 1.41 and 1.33, from 1.53) while leaving
// more groups mixed. The stability choice itself now takes the largest number about as stable as the best
// (choose-k.ts), which with the refinement after merging (REFINE_STEPS) raised agreement and left fewer mixed.
// Two groups are near-duplicates when the centres of their words are this close, or when they have the same label
// and their centres are at least MERGE_SAME_LABEL close (tuned on the NHS comments, see bench/themes-dev.ts).
const MERGE_SIMILARITY = 0.4;
const MERGE_SAME_LABEL = 0.2;
// With learned meaning the stability curve is often flat (0.59 to 0.63 from 12 to 29 groups on 3,000 NHS
// comments): then the most groups within STABILITY_TOLERANCE of the most stable, since look-alikes are merged
// afterwards and a small idea needs a group to be found. Measured on four sets of 3,000 NHS comments
// (bench/themes-dev.ts): agreement with the human coding rose on three and fell by 0.02 (NMI ratio) on one, and
// fewer themes came out mixed. Survey-sized sets (words alone) take it too: over eight random starts, the most
// stable number matched on average 7.6 of the 9 human themes of the first set of survey answers, 5.8 of the second
// and 6.5 of the 145 NHS comments' nine, and this rule 8.4, 6.1 and 6.9. (Look-alike doubles that more groups left on
// the demo survey, one sentence read as two themes of the same answers, are second readings now: see secondOnly.)
const STABILITY_TOLERANCE = 0.03;
// After merging, answers move to the nearest merged theme's centre for up to this many k-means steps (with learned
// meaning; NMF's survey-sized groups are left as they are). On four sets of 3,000 NHS comments this raised
// agreement with the human coding (NMI ratio +0.01 to +0.05 on three, -0.01 on one).
const REFINE_STEPS = 5;
// An answer fits its theme poorly when its similarity to the theme's centre is under this share of the theme's
// median; at most UNASSIGNED_SHARE of the answers are left unassigned, the worst-fitting first. With words alone
// (a few dozen answers) one answer shares few words with its theme's centre even when a person would put it
// there, so only the far outliers are left out (on the 66 survey answers, 0.7 left out six answers people had
// coded to a theme, two of them from the smallest themes).
const POOR_FIT = { meaning: 0.7, words: 0.35 };
const UNASSIGNED_SHARE = 0.1;
// An idea gets a code of its own when at least this share of the answers raise it (and at least IDEA_LEAST), and
// at most IDEA_MOST of them: a word a fifth of the answers use names a theme, not a code.
const IDEA_SHARE = 0.015;
// A mixed theme nearly one idea (its commonest phrase would cover a third of it without at most TRIM_SHARE of its
// answers, the ones that fit it worst) gives those answers up; a mixed theme of under SMALL_MIXED of the answers
// is dissolved: each answer goes to a near theme whose label it says, or is left unassigned.
const TRIM_SHARE = 0.2;
const SMALL_MIXED = 0.03;
const MIXED_MOST = 0.2;
// An idea in a mixed theme joins a theme whose label at least this share of its answers say.
const JOIN_SHARE = 2 / 3;
const IDEA_LEAST = 5;
const IDEA_MOST = 0.2;
// An idea code is every answer that uses its word; a fuller phrase names it only if at least this share of them say
// it, else its word does: "Good food" said by 38% of answers about food, some disliking it, misnamed them, and
// "Can't thank" (37%) read as a complaint over praise. On the first 3,000 comments, 10 idea codes were
// renamed at 0.4; at 0.5, "Long time" (45%) became the empty "Long".
const IDEA_PHRASE_SHARE = 0.4;
// Fewer answers than this (a survey's worth) are coded theme by theme: an idea there is a handful of answers.
const IDEA_ANSWERS = 200;
// An idea code sits under the theme that holds at least this share of its answers (or the theme named as it is), else
// under no theme: a theme is counted through its codes, and under the theme holding the most, on the 3,000-comment
// walk survey "Helpful" (about 450 answers) counted 1,138 respondents through "Phone", "Call" and "Problems", which
// three in ten of their answers were in. An idea raised across themes is the researcher's to place.
const IDEA_HOME_SHARE = 0.5;

interface Segment {
  row: number;
  text: string;
  vector: SparseVector;
}

/**
 * Braun and Clarke's second and third phases done by the machine, for researchers to review. Each answer is
 * represented by its words (TF-IDF of stems and word pairs) and, with 300 answers or more, by the meaning of its
 * words: from the shipped vocabulary when it knows them, else learned from the answers themselves (representation.ts). The number of groups is
 * chosen as the one whose grouping repeats best across random starts; near-duplicate neighbours are then merged
 * (as BERTopic's topic reduction does), so that look-alikes become one theme whose parts are its codes. Answers
 * that fit no theme well are left unassigned. Each sentence goes to the nearest of its answer's themes. Labels are phrases
 * the answers use, grounded in a third of the theme's answers or the theme is marked mixed (phrase-labels.ts).
 * Nothing here is final.
 */
export function discoverThemes(answers: AnswerInput[], options: InductiveOptions = {}): InductiveResult {
  const seed = options.seed ?? 1;
  options.onProgress?.('learning word meaning', 0, 0);
  const texts = answers.map((answer) => answer.text);
  const vocabulary = options.vocabulary === undefined ? shippedVocabulary() : options.vocabulary;
  const space = new AnswerSpace(texts.map(inPlainSense), vocabulary?.vectors ?? null);
  const rows = answers.map((_, row) => row).filter((row) => space.answerVectors[row]!.indices.length > 0);
  const assignments: InductiveResult['assignments'] = Object.fromEntries(
    answers.map((answer) => [answer.id, { codes: [], theme: null, themes: [] }]),
  );
  const wordMeaning = describeWordMeaning(
    answers.length,
    space.meaningSource,
    vocabulary ? { source: vocabulary.source, documents: vocabulary.vectors.documents } : null,
  );
  const method: InductiveResult['method'] = {
    representation: space.representation,
    wordMeaning,
    themeCount: options.themes ? 'given' : 'chosen',
    stability: [],
  };
  if (rows.length < 2)
    return {
      codes: [],
      themes: [],
      assignments,
      unassigned: answers.filter((_, row) => !rows.includes(row)).map((answer) => answer.id),
      method,
    };

  const vectors = rows.map((row) => space.answerVectors[row]!);
  // The fewest answers a theme found by the machine holds: smaller groups are remnants, settled into others.
  const fewest = smallestTheme(rows.length);
  let k = options.themes ?? 0;
  if (!k) {
    const choice = chooseThemeCount(
      vectors,
      (sample, count, runSeed) => group(sample, [], space, count, runSeed).main,
      seed,
      options.onProgress,
      STABILITY_TOLERANCE,
    );
    k = choice.k;
    method.stability = choice.curve;
  }
  options.onProgress?.('grouping answers', 0, 0);
  const grouping = group(
    vectors,
    rows.map((row) => texts[row]!),
    space,
    Math.min(k, rows.length),
    seed,
  );
  const answerWordsOf = texts.map((text) => answerWords(text));
  const labelContext = {
    answers: answerWordsOf,
    texts,
    closeWords: space.hasMeaning ? (word: string) => space.closeWords(word) : undefined,
  };

  // Near-duplicate groups merged (only when the number of themes was left to the machine).
  const partsOf = grouping.centroids.map((_, t) => [t]);
  const partRows = grouping.centroids.map(() => [] as number[]);
  rows.forEach((row, i) => partRows[grouping.main[i]!]!.push(row));
  const partLabels = labelGroups(partRows, labelContext);
  const centreOf = (parts: number[]) =>
    unit(
      parts.reduce(
        (sum, t) => sum.map((x, d) => x + partRows[t]!.length * grouping.centroids[t]![d]!),
        new Float64Array(space.dimension),
      ),
    );
  const meanSize = rows.length / Math.max(1, partsOf.length);
  if (!options.themes) {
    // A merge must not turn a labelled group into a mixed one: two grab-bags may become one, an idea may not
    // be lost in one.
    // A merge keeps one idea when the merged label is grounded in every part, not only in the whole.
    const mixedAfterMerge = (parts: number[]) => {
      const centre = centreOf(parts);
      const merged = labelGroups([parts.flatMap((t) => partRows[t]!)], {
        ...labelContext,
        meanSize,
        closeness: (text) => dot(space.vectorOf(text), centre),
      })[0]!;
      const label = merged.phrases.find((phrase) => capitalise(phrase.text) === merged.label);
      const groundedIn = (t: number) =>
        !!label &&
        partRows[t]!.filter((row) => answerCovers(label, answerWordsOf[row]!)).length >=
          GROUNDED_SHARE * partRows[t]!.length;
      return merged.mixed || !parts.every(groundedIn);
    };
    mergeLookAlikes(partsOf, partLabels, partRows, space.answerVectors, space.wordDimensions, mixedAfterMerge);
  }
  if (space.hasMeaning) refineToThemes(vectors, grouping, partsOf, partRows, rows, centreOf, REFINE_STEPS, fewest);

  // Themes assembled from their parts; themes whose labels come out the same are one idea and are merged.
  let finalOf!: Int32Array;
  let centroids!: Float64Array[];
  let left!: Set<number>;
  let themeRows!: number[][];
  let carried!: Map<number, number[]>;
  let order!: number[];
  let labellings!: Labelling[];
  const unassignedRows = new Set([...answers.keys()].filter((row) => !rows.includes(row)));
  // The themes (in `order`) labelled as they stand, each phrase weighed by its closeness to the theme's centre.
  const labelThemes = () =>
    labelGroups(
      order.map((t) => themeRows[t]!),
      { ...labelContext, closeness: (text, position) => dot(space.vectorOf(text), centroids[order[position]!]!) },
    );
  for (let attempt = 0; ; attempt += 1) {
    finalOf = new Int32Array(grouping.centroids.length).fill(-1);
    partsOf.forEach((parts, f) => parts.forEach((t) => (finalOf[t] = f)));
    centroids = partsOf.map(centreOf);
    // Answers that fit no theme well stay out.
    left = leftOut(
      space.hasMeaning ? POOR_FIT.meaning : POOR_FIT.words,
      rows,
      (i) => dot(vectors[i]!, centroids[finalOf[grouping.main[i]!]!]!),
      (i) => finalOf[grouping.main[i]!]!,
      centroids.length,
    );
    // Left-out answers that say the same thing as each other are a small idea the grouping missed: a theme.
    const ideas = options.themes ? [] : smallIdeas([...left], vectors, fewest);
    for (const idea of ideas) {
      centroids.push(
        centreOfVectors(
          idea.map((i) => vectors[i]!),
          space.dimension,
        ),
      );
      for (const i of idea) left.delete(i);
    }
    const ideaOf = new Map(ideas.flatMap((idea, n) => idea.map((i) => [i, partsOf.length + n] as const)));
    themeRows = centroids.map(() => [] as number[]);
    carried = new Map<number, number[]>();
    // Each grouped answer's themes, main first, read once (a longer answer's sentences each vote under k-means).
    const themesOfRow = new Map(
      rows.flatMap((_, i) =>
        left.has(i) || ideaOf.has(i) ? [] : [[i, [...new Set(grouping.themesOf(i).map((t) => finalOf[t]!))]] as const],
      ),
    );
    // A theme that is no answer's main theme, and whose answers one other theme holds nearly all of, is a second
    // reading of that theme: on the demo survey NMF gave one sentence's words two topics, "Large scale change" and
    // "Drive large scale", of the same seven answers. It is not carried. (One raised across themes, such as "CQL
    // networking" beside admin and data, is.)
    const secondReadings = secondOnly([...themesOfRow.values()]);
    rows.forEach((row, i) => {
      if (left.has(i)) return;
      if (ideaOf.has(i)) {
        carried.set(row, [ideaOf.get(i)!]);
        themeRows[ideaOf.get(i)!]!.push(row);
        return;
      }
      const themes = themesOfRow.get(i)!.filter((t) => !secondReadings.has(t));
      carried.set(row, themes);
      for (const t of themes) themeRows[t]!.push(row);
    });
    order = centroids
      .map((_, t) => t)
      .filter((t) => themeRows[t]!.length > 0)
      .sort((a, b) => themeRows[b]!.length - themeRows[a]!.length);
    const ordered = order;
    labellings = labelThemes();
    if (options.themes || attempt >= 2) break;
    const firstWith = new Map<string, number>();
    const into = new Map<number, number>();
    ordered.forEach((t, position) => {
      if (labellings[position]!.mixed || t >= partsOf.length) return;
      const key = labellings[position]!.label.toLowerCase();
      if (firstWith.has(key)) into.set(t, firstWith.get(key)!);
      else firstWith.set(key, t);
    });
    if (into.size === 0) break;
    for (const [from, to] of into) partsOf[to]!.push(...partsOf[from]!);
    const remaining = partsOf.filter((_, f) => !into.has(f));
    partsOf.splice(0, partsOf.length, ...remaining);
  }
  rows.forEach((row, i) => left.has(i) && unassignedRows.add(row));
  // The themes as they stand now, settled (mixed ones, or `remnants`) within what may still be left unassigned.
  const settle = (settled: Set<number>, smallest: number, remnants?: Set<number>) =>
    settleMixed({
      settled,
      order,
      themeRows,
      carried,
      labellings,
      centroids,
      unassignedRows,
      budget: Math.floor(UNASSIGNED_SHARE * answers.length) - unassignedRows.size,
      fit: (row, t) => dot(space.answerVectors[row]!, centroids[t]!),
      answerWordsOf,
      smallest,
      ...(remnants ? { remnants } : {}),
    });
  // Twice: answers a dissolved group gave to a theme can leave that theme mixed in turn.
  const settled = new Set<number>();
  for (let round = 0; round < 2 && !options.themes; round += 1) {
    const refined = settle(settled, SMALL_MIXED * rows.length);
    if (!refined) break;
    labellings = labelThemes();
  }

  // Several themes that say there is nothing to improve in their own words ("Nothing", "Nothing could be better")
  // are one theme for a reader, whose codes keep the ways of saying it apart. Before ideas are taken out of mixed
  // groups (the theme that takes them must be one) and again after (an idea can be another way of saying it).
  const joined = new Map<number, JoinedTheme[]>();
  const joinNothing = () => {
    if (options.themes) return;
    const now = joinNothingToImprove({ order, labels: labellings, themeRows, carried, centroids });
    for (const [t, ways] of now) {
      // A theme joined before brings the ways it had taken.
      joined.set(
        t,
        ways.flatMap((way) => joined.get(way.theme) ?? [way]),
      );
      for (const way of ways.slice(1)) joined.delete(way.theme);
      centroids[t] = centreOfVectors(
        themeRows[t]!.map((row) => space.answerVectors[row]!),
        space.dimension,
      );
    }
    if (now.size > 0) labellings = labelThemes();
  };
  joinNothing();

  if (!options.themes && space.hasMeaning) {
    const promoted = ideasOutOfMixed({
      order,
      themeRows,
      carried,
      labellings,
      centroids,
      texts,
      labelContext,
      answerVectors: space.answerVectors,
      dimension: space.dimension,
      minimum: Math.max(IDEA_LEAST, Math.round(IDEA_SHARE * rows.length)),
      joining: IDEA_LEAST,
      fewest,
      partsOf,
    });
    if (promoted) labellings = labelThemes();
    // What ideas leave of a mixed group, or refining leaves of a group, can be an answer or two, which their own
    // words then label: no theme for a reader. Such remnants are settled as small mixed groups are.
    const remnants = new Set(order.filter((t) => themeRows[t]!.length < fewest));
    if (remnants.size > 0 && settle(new Set(), fewest, remnants)) labellings = labelThemes();
  }

  joinNothing();

  labellings = distinctLabels(labellings);

  // Segments (sentences) of each answer go to the closest of the answer's themes.
  const segmentsOfTheme = centroids.map(() => [] as Segment[]);
  for (const [row, themes] of carried) {
    for (const text of sentences(texts[row]!)) {
      const vector = space.vectorOf(text);
      const best = themes.reduce(
        (a, b) => (dot(vector, centroids[b]!) > dot(vector, centroids[a]!) ? b : a),
        themes[0]!,
      );
      segmentsOfTheme[best]!.push({ row, text, vector });
    }
  }

  // With a few hundred answers, codes are the ideas many people raise wherever their answers went, each under the
  // theme that holds most of its answers, beside one code per part of a merged theme.
  const byIdeas = rows.length >= IDEA_ANSWERS;
  const { byTheme: ideasOfTheme, inNoTheme } = byIdeas
    ? ideaCodes(rows, texts, carried, labelContext, order, labellings)
    : { byTheme: new Map<number, NamedIdea[]>(), inNoTheme: [] };
  const codes: InductiveCode[] = [];
  const allIdeaNames = new Set(
    [...[...ideasOfTheme.values()].flat(), ...inNoTheme].map(({ labelling: ideaLabel }) =>
      ideaLabel.label.toLowerCase(),
    ),
  );
  const memberIds = order.map((t) => new Set(themeRows[t]!.map((row) => answers[row]!.id)));
  const themes: CandidateTheme[] = order.map((t, position) => {
    options.onProgress?.('labelling', position, order.length);
    const labelling = labellings[position]!;
    const id = `theme-${position + 1}`;
    const parts = partsOf[t] ?? [];
    const ideas = ideasOfTheme.get(t) ?? [];
    // The codes of a merged theme (or one that took others saying there is nothing to improve) keep its parts apart.
    const ways = joined.get(t);
    const partCentres = ways
      ? ways.map((way) => way.centroid)
      : parts.length > 1
        ? parts.map((part) => grouping.centroids[part]!)
        : null;
    const themeCodes =
      ideas.length > 0 && !partCentres
        ? []
        : splitIntoCodes(
            segmentsOfTheme[t]!,
            partCentres,
            space,
            answers,
            seed,
            `code-${position + 1}`,
            byIdeas ? 1 : 5,
            labelling.mixed
              ? []
              : ways
                ? ways.map((way) => way.label)
                : parts.length > 1
                  ? parts.map((part) => (partLabels[part]!.mixed ? labelling.label : partLabels[part]!.label))
                  : [labelling.label],
            // An answer in two of the joined themes goes to the first (the largest).
            ways && new Map(ways.flatMap((way, w) => way.rows.map((row) => [row, w] as const)).reverse()),
          );
    // A part of a merged theme named as an idea code (here or under another theme) is that idea, less exactly: the
    // idea code stands for it, and no two codes share a name; unless the theme would be left with no code at all. So
    // does another theme of its name that holds most of its answers (sentences of a wheelchair-ramp theme's answers
    // came out as "Wheelchair ramp" parts of three other themes); one that holds few of them does not stand for it.
    const here = new Set(ideas.map(({ labelling: ideaLabel }) => ideaLabel.label.toLowerCase()));
    const otherThemes = new Map(
      labellings.flatMap((other, p) =>
        p === position || other.mixed ? [] : [[other.label.toLowerCase(), memberIds[p]!] as const],
      ),
    );
    const standsFor = (code: InductiveCode) => {
      const name = code.label.toLowerCase();
      const theme = otherThemes.get(name);
      return (
        allIdeaNames.has(name) ||
        (theme !== undefined && code.members.filter((id) => theme.has(id)).length >= code.members.length / 2)
      );
    };
    const elsewhereOnly = themeCodes.every(standsFor) && ideas.length === 0;
    // Such a theme keeps its code under the theme's own name: two codes named "Broken" read as one idea.
    if (elsewhereOnly)
      themeCodes.forEach((code, i) => {
        if (standsFor(code)) themeCodes[i] = namedAsTheme(code, labelling.label, labelling.mixed);
      });
    const givesWay = (code: InductiveCode) => (elsewhereOnly ? here.has(code.label.toLowerCase()) : standsFor(code));
    let next = themeCodes.length;
    // Parts of a merged theme that came out with one name are one code ("Gentle midwife" twice reads as a double).
    const byName = new Map<string, InductiveCode>();
    for (const part of themeCodes) {
      if (givesWay(part)) continue;
      // One that stays beside another theme of its name says whose it is: "Staff: helpful" under Staff, beside a
      // Helpful theme, rather than two codes named "Helpful".
      const code = otherThemes.has(part.label.toLowerCase())
        ? { ...part, label: `${labelling.label}: ${inSentence(part.label)}` }
        : part;
      const name = code.label.toLowerCase();
      const same = byName.get(name);
      if (!same) byName.set(name, code);
      else {
        same.members = [...new Set([...same.members, ...code.members])];
        same.segments.push(...code.segments);
      }
    }
    const kept = [...byName.values()];
    themeCodes.splice(0, themeCodes.length, ...kept);
    for (const { idea, labelling: ideaLabel, placement } of ideas)
      themeCodes.push(ideaCode(idea, ideaLabel, texts, answers, `code-${position + 1}.${(next += 1)}`, placement));
    const rest = byIdeas && !labelling.mixed ? otherAnswers(themeRows[t]!, themeCodes, answers, texts) : null;
    if (rest)
      themeCodes.push({
        ...rest,
        id: `code-${position + 1}.${next + 1}`,
        label: `${labelling.label}: other answers`,
      });
    codes.push(...themeCodes);
    const neighbour = nearestOther(
      position,
      order.map((o) => centroids[o]!),
    );
    // The typical answer says the label: the member closest to the centre among those the label covers.
    const labelPhrase = labelling.mixed
      ? undefined
      : labelling.phrases.find((phrase) => capitalise(phrase.text) === labelling.label);
    const covered = labelPhrase
      ? themeRows[t]!.filter((row) => answerCovers(labelPhrase, answerWordsOf[row]!))
      : themeRows[t]!;
    // Best in the label's own words ("explained", not "I can't explain").
    const inWords = covered.filter((row) => texts[row]!.toLowerCase().includes(labelling.label.toLowerCase()));
    const saying = inWords.length ? inWords : covered;
    const typical = typicalAnswer(saying.length ? saying : themeRows[t]!, centroids[t]!, space, texts, labelling.label);
    return {
      id,
      label: labelling.label,
      definition: defineTheme({
        labelling,
        typical: typical === null ? null : scrubPersonalData(typical, options.places ?? []),
        neighbour:
          neighbour === null
            ? null
            : {
                label: labellings[neighbour]!.label,
                members: themeRows[order[neighbour]!]!.map((row) => answerWordsOf[row]!),
              },
      }),
      codes: themeCodes.map((code) => code.id),
      members: [...memberIds[position]!],
      ...exemplars(segmentsOfTheme[t]!, centroids[t]!, answers, options.places ?? []),
      mixed: labelling.mixed,
      labelCoverage: round(labelling.coverage),
      phrases: distinctPhrases(labelling.phrases, 5).map((phrase) => ({
        text: phrase.text,
        coverage: round(phrase.coverage),
      })),
      // Each label once: "Staff", "Staff" says no more than "Staff".
      mergedFrom: [
        ...new Set([
          ...(parts.length > 1 ? parts.map((part) => partLabels[part]!.label) : []),
          ...(ways ?? []).map((way) => way.label),
        ]),
      ],
    };
  });

  // An idea in no theme named as a theme's own code is (its theme held too few of its answers) says so.
  const namesUnderThemes = new Set(codes.map((code) => code.label.toLowerCase()));
  inNoTheme.forEach(({ idea, labelling: ideaLabel, placement }, i) => {
    const code = ideaCode(idea, ideaLabel, texts, answers, `code-${order.length + 1}.${i + 1}`, placement);
    const suffix = placement === 'other themes' ? ' (other themes)' : ' (any theme)';
    codes.push(
      placement === 'other themes' || namesUnderThemes.has(code.label.toLowerCase())
        ? { ...code, label: `${code.label}${suffix}` }
        : code,
    );
  });
  options.onProgress?.('labelling', order.length, order.length);
  const themeId = new Map(order.map((t, position) => [t, `theme-${position + 1}`]));
  for (const [row, carriedThemes] of carried) {
    const entry = assignments[answers[row]!.id]!;
    entry.themes = carriedThemes.map((t) => themeId.get(t)!);
    entry.theme = entry.themes[0] ?? null;
  }
  for (const code of codes) for (const member of code.members) assignments[member]!.codes.push(code.id);
  const unassigned = [...unassignedRows].sort((a, b) => a - b).map((row) => answers[row]!.id);
  return { codes, themes, assignments, unassigned, method };
}

export interface SettleInput {
  /** Themes already settled once (trimmed at most once). */
  settled: Set<number>;
  order: number[];
  themeRows: number[][];
  carried: Map<number, number[]>;
  labellings: Labelling[];
  centroids: Float64Array[];
  unassignedRows: Set<number>;
  budget: number;
  fit: (row: number, theme: number) => number;
  answerWordsOf: AnswerWords[];
  smallest: number;
  /**
   * Settle these themes instead of the mixed ones: remnants too small to be themes, dissolved (never trimmed), an
   * answer that says no near theme's label going to the nearest theme when none may be left unassigned.
   */
  remnants?: Set<number>;
}

/**
 * Mixed themes settled without padding any: one that is nearly a single idea gives up the answers that do not say
 * it and fit it worst; a small one is dissolved, each answer going to the nearest theme whose label it says or
 * else left unassigned. Both only while the unassigned stay within budget. Changes the arguments in place; says
 * whether anything changed (the labels are then stale).
 */
export function settleMixed(input: SettleInput): boolean {
  const { order, themeRows, carried, labellings, unassignedRows, fit, answerWordsOf } = input;
  let budget = input.budget;
  let changed = false;
  const covers = (phrase: ScoredPhrase, row: number) => answerCovers(phrase, answerWordsOf[row]!);
  const labelPhrase = (position: number) => {
    const labelling = labellings[position]!;
    return labelling.mixed
      ? undefined
      : labelling.phrases.find((phrase) => capitalise(phrase.text) === labelling.label);
  };
  const leave = (row: number, t: number, to: number | null) => {
    const themes = (carried.get(row) ?? []).filter((other) => other !== t);
    if (to !== null && !themes.includes(to)) {
      themes.unshift(to);
      themeRows[to]!.push(row);
    }
    if (themes.length) carried.set(row, themes);
    else {
      carried.delete(row);
      unassignedRows.add(row);
      budget -= 1;
    }
  };
  // A phrase that labels another theme would make this one its double.
  const taken = new Set(
    labellings.filter((labelling) => !labelling.mixed).map((labelling) => labelling.label.toLowerCase()),
  );
  const { remnants } = input;
  order.forEach((t, position) => {
    const labelling = labellings[position]!;
    if (remnants ? !remnants.has(t) : !labelling.mixed || input.settled.has(t)) return;
    input.settled.add(t);
    const members = themeRows[t]!;
    const alone = (row: number) => (carried.get(row) ?? []).length <= 1;
    // Nearly one idea: the phrase that covers most of its answers, of those it ranks highest.
    const phrase = labelling.phrases
      .filter((candidate) => candidate.content.some((word) => word.length > 3) && !taken.has(candidate.key))
      .sort((a, b) => b.coverage - a.coverage)[0];
    if (phrase && !remnants) {
      const covered = members.filter((row) => covers(phrase, row)).length;
      const need = members.length - 3 * covered;
      const out = members
        .filter((row) => !covers(phrase, row))
        .sort((a, b) => fit(a, t) - fit(b, t))
        .slice(0, Math.max(0, need));
      const cost = out.filter(alone).length;
      if (need > 0 && need <= TRIM_SHARE * members.length && cost <= budget) {
        for (const row of out) leave(row, t, null);
        themeRows[t] = members.filter((row) => !out.includes(row));
        changed = true;
        return;
      }
    }
    if (members.length >= input.smallest) return;
    // Small: each answer to the nearest of three themes whose label it says, else unassigned.
    const nearest = order
      .map((other, p) => ({ other, p }))
      .filter(({ other }) => other !== t && !labellings[order.indexOf(other)]!.mixed && !remnants?.has(other))
      .sort(
        (a, b) =>
          cosine(input.centroids[t]!, input.centroids[b.other]!) -
          cosine(input.centroids[t]!, input.centroids[a.other]!),
      )
      .slice(0, 3);
    let moves = members.map((row) => {
      const to = nearest.find(({ p }) => {
        const label = labelPhrase(p);
        return !!label && covers(label, row);
      });
      return { row, to: to ? to.other : null };
    });
    const cost = moves.filter(({ row, to }) => to === null && alone(row)).length;
    if (cost > budget && !(remnants && nearest.length > 0)) return;
    // A remnant is no theme even when no answer may be left out: its answers go to the nearest theme.
    if (cost > budget) moves = moves.map(({ row, to }) => ({ row, to: to ?? nearest[0]!.other }));
    for (const { row, to } of moves) leave(row, t, to);
    themeRows[t] = [];
    changed = true;
  });
  if (changed) keepLargestFirst(order, themeRows);
  return changed;
}

export interface PromoteInput {
  order: number[];
  themeRows: number[][];
  carried: Map<number, number[]>;
  labellings: Labelling[];
  centroids: Float64Array[];
  texts: string[];
  labelContext: LabelContext;
  answerVectors: SparseVector[];
  dimension: number;
  /** Fewest answers an idea needs to leave a mixed theme for a theme of its own. */
  minimum: number;
  /** Fewest answers an idea needs to leave a mixed theme for the theme whose label they say. */
  joining: number;
  /** Themes smaller than this are remnants, settled afterwards: they do not count towards the share mixed. */
  fewest?: number;
  partsOf: number[][];
}

/**
 * A mixed theme is where a researcher looks for the ideas the grouping missed: each idea at least `minimum` of its
 * answers raise (idea-codes.ts), largest first, takes the answers that raise it out of the mixed theme, into the
 * theme already labelled by the idea's label or else into a theme of its own; what no idea takes stays mixed.
 * Changes the arguments in place; says whether anything changed (the labels are then stale).
 */
export function ideasOutOfMixed(input: PromoteInput): boolean {
  const { order, themeRows, labellings, centroids, texts } = input;
  const wasMixed = new Set(order.filter((_, position) => labellings[position]!.mixed));
  const labelled = order.flatMap((t, position) => {
    const { mixed, label, phrases } = labellings[position]!;
    const phrase = mixed ? undefined : phrases.find((candidate) => capitalise(candidate.text) === label);
    return phrase ? [{ t, phrase }] : [];
  });
  const says = (phrase: Pick<ScoredPhrase, 'content' | 'negated'>, row: number) =>
    answerCovers(phrase, input.labelContext.answers[row]!);
  const centreOfRows = (rows: number[]) =>
    centreOfVectors(
      rows.map((row) => input.answerVectors[row]!),
      input.dimension,
    );
  const moveRows = (rows: number[], from: number, to: number) => moveThemeRows(input, rows, from, to);
  let changed = false;
  const takeIdeasOut = (t: number) => {
    let members = themeRows[t]!;
    const stemsOf = new Map(members.map((row) => [row, ideaStems(texts[row]!)]));
    const ideas = findIdeas(
      texts.map((_, row) => stemsOf.get(row) ?? new Set<string>()),
      members,
      { minimum: input.joining, maxShare: 1, most: 40 },
    );
    const names = labelGroups(
      ideas.map((idea) => idea.rows),
      input.labelContext,
    );
    for (const [i, idea] of ideas.entries()) {
      const name = names[i]!;
      if (name.mixed) continue;
      const remaining = new Set(members);
      const taking = idea.rows.filter((row) => remaining.has(row));
      if (taking.length < input.joining) continue;
      // Most of the idea's answers say a theme's label: they are that theme's (its label may be a fuller phrase).
      let to = labelled.find(
        ({ phrase }) => taking.filter((row) => says(phrase, row)).length >= JOIN_SHARE * taking.length,
      )?.t;
      if (to === undefined && taking.length < input.minimum) continue;
      if (to === undefined && labelled.some(({ phrase }) => phrase.text.toLowerCase() === name.label.toLowerCase()))
        continue;
      if (to === undefined) {
        to = centroids.length;
        centroids.push(centreOfRows(taking));
        themeRows.push([]);
        order.push(to);
        const phrase = name.phrases.find((candidate) => capitalise(candidate.text) === name.label);
        if (phrase) labelled.push({ t: to, phrase });
      }
      moveRows(taking, t, to);
      const taken = new Set(taking);
      members = members.filter((row) => !taken.has(row));
      changed = true;
    }
    themeRows[t] = members;
  };
  for (const t of [...wasMixed]) takeIdeasOut(t);
  // Past MIXED_MOST of the themes, grab-bags crowd out the ideas a reader came for: the smallest mixed group joins
  // the mixed group whose centre is nearest, until at most that share of the themes is mixed.
  const stays = (t: number) => themeRows[t]!.length >= Math.max(1, input.fewest ?? 1);
  const mixed = () => order.filter((t) => wasMixed.has(t) && stays(t));
  const themeCount = () => order.filter(stays).length;
  const joined = new Set<number>();
  while (mixed().length > 1 && mixed().length > MIXED_MOST * themeCount()) {
    const groups = mixed().sort((a, b) => themeRows[a]!.length - themeRows[b]!.length);
    const t = groups[0]!;
    const into = groups
      .slice(1)
      .reduce((a, b) => (cosine(centroids[t]!, centroids[b]!) > cosine(centroids[t]!, centroids[a]!) ? b : a));
    moveRows(themeRows[t]!, t, into);
    themeRows[t] = [];
    input.partsOf[into]?.push(...(input.partsOf[t] ?? []));
    centroids[into] = centreOfRows(themeRows[into]!);
    joined.add(into);
    changed = true;
  }
  // Ideas too small in each group can be big enough in the groups joined.
  for (const t of joined) if (themeRows[t]!.length > 0) takeIdeasOut(t);
  if (changed) keepLargestFirst(order, themeRows);
  return changed;
}

/**
 * Merges near-duplicate neighbouring groups in place, closest pair first, as BERTopic's topic reduction merges
 * topics whose representations are most alike: two groups merge when their centres are very close, or when they
 * got the same label and their centres are close. `partsOf[f]` lists the original groups of merged group f.
 */
function mergeLookAlikes(
  partsOf: number[][],
  labels: Labelling[],
  partRows: number[][],
  answerVectors: SparseVector[],
  wordDimensions: number,
  mixedAfterMerge: (parts: number[]) => boolean,
): void {
  // Compared on their words alone, as BERTopic compares topics by their c-TF-IDF: learned meaning makes every
  // centre of answers in one language close to every other.
  // Each group's centre is the mean of its answers' word vectors (NMF's topic vectors are near-orthogonal by
  // construction, so they would never look alike).
  const wordCentres = partRows.map((members) => {
    const centre = new Float64Array(wordDimensions);
    for (const row of members)
      answerVectors[row]!.indices.forEach(
        (index, j) => index < wordDimensions && (centre[index]! += answerVectors[row]!.values[j]!),
      );
    return unit(centre);
  });
  const similarity = wordCentres.map((a) => wordCentres.map((b) => cosine(a, b)));
  const labelOf = (t: number) => (labels[t]!.mixed ? `mixed:${t}` : labels[t]!.label.toLowerCase());
  const mixed = new Map(partsOf.map((parts) => [parts, labels[parts[0]!]!.mixed]));
  const refused = new Set<string>();
  // Complete linkage: a merged theme's every part must be like every other part, so that merges do not chain
  // generic groups into one grab-bag.
  const linkage = (a: number[], b: number[]) => Math.min(...a.flatMap((x) => b.map((y) => similarity[x]![y]!)));
  for (;;) {
    let best: [number, number] | null = null;
    let bestSimilarity = -Infinity;
    for (let a = 0; a < partsOf.length; a += 1) {
      for (let b = a + 1; b < partsOf.length; b += 1) {
        if (refused.has(`${partsOf[a]!.join(',')}|${partsOf[b]!.join(',')}`)) continue;
        const link = linkage(partsOf[a]!, partsOf[b]!);
        const sameLabel = partsOf[a]!.some((x) => partsOf[b]!.some((y) => labelOf(x) === labelOf(y)));
        if ((link >= MERGE_SIMILARITY || (sameLabel && link >= MERGE_SAME_LABEL)) && link > bestSimilarity) {
          best = [a, b];
          bestSimilarity = link;
        }
      }
    }
    if (!best) return;
    const [a, b] = best;
    const merged = [...partsOf[a]!, ...partsOf[b]!];
    const mergedMixed = mixedAfterMerge(merged);
    // Two grab-bags may become one; a group with an idea may only merge into a group sharing that idea.
    if (mergedMixed && !(mixed.get(partsOf[a]!) && mixed.get(partsOf[b]!))) {
      refused.add(`${partsOf[a]!.join(',')}|${partsOf[b]!.join(',')}`);
      continue;
    }
    mixed.set(merged, mergedMixed);
    partsOf[a] = merged;
    partsOf.splice(b, 1);
  }
}

/**
 * A k-means refinement of the themes after merging: merged themes are unions of groups, not the answers nearest
 * their centre, so answers are moved to the nearest theme centre and the centres recomputed, a few times (Lloyd's
 * steps, as k-means itself takes, started from the merged themes). Each answer then belongs to the nearest part of
 * its theme, so that the parts (merged from, codes) stay. Changes grouping.main and partRows in place.
 */
export function refineToThemes(
  vectors: SparseVector[],
  grouping: { centroids: Float64Array[]; main: Int32Array },
  partsOf: number[][],
  partRows: number[][],
  rows: number[],
  centreOf: (parts: number[]) => Float64Array,
  iterations: number,
  /** A theme left with fewer answers than this (but some) is no theme: its answers go to the nearest other. */
  fewest = 0,
): void {
  let centres = partsOf.map(centreOf);
  const themeOf = new Int32Array(vectors.length);
  const dropped = new Set<number>();
  const nearestKept = (vector: SparseVector) => {
    let best = -1;
    centres.forEach((centre, f) => {
      if (!dropped.has(f) && (best < 0 || dot(vector, centre) > dot(vector, centres[best]!))) best = f;
    });
    return best;
  };
  for (let step = 0; step < iterations; step += 1) {
    let moved = 0;
    const counts = new Int32Array(centres.length);
    vectors.forEach((vector, i) => {
      const best = nearestKept(vector);
      if (step === 0 || best !== themeOf[i]) moved += 1;
      themeOf[i] = best;
      counts[best]! += 1;
    });
    const tiny = centres.map((_, f) => f).filter((f) => counts[f]! > 0 && counts[f]! < fewest);
    if (tiny.length > 0 && dropped.size + tiny.length < centres.length) tiny.forEach((f) => dropped.add(f));
    else if (moved === 0) break;
    const sums = centres.map((centre) => new Float64Array(centre.length));
    vectors.forEach((vector, i) =>
      vector.indices.forEach((index, j) => (sums[themeOf[i]!]![index]! += vector.values[j]!)),
    );
    // A theme that lost every answer keeps its centre.
    centres = sums.map((sum, f) => (sum.some((x) => x !== 0) ? unit(sum) : centres[f]!));
  }
  vectors.forEach((vector, i) => {
    if (dropped.has(themeOf[i]!)) themeOf[i] = nearestKept(vector);
  });
  for (const members of partRows) members.length = 0;
  vectors.forEach((vector, i) => {
    const parts = partsOf[themeOf[i]!]!;
    const part = parts.reduce((a, b) =>
      dot(vector, grouping.centroids[b]!) > dot(vector, grouping.centroids[a]!) ? b : a,
    );
    grouping.main[i] = part;
    partRows[part]!.push(rows[i]!);
  });
}

/** The fewest answers a theme found by the machine holds: 3, or 1% of the answers. */
function smallestTheme(answers: number): number {
  return Math.max(3, Math.round(answers * 0.01));
}

/** Indices (into rows) of answers whose fit to their theme is under POOR_FIT of the theme's median, at most UNASSIGNED_SHARE of all, worst first. */
function leftOut(
  poorFit: number,
  rows: number[],
  fit: (i: number) => number,
  themeOf: (i: number) => number,
  themes: number,
): Set<number> {
  const fits = rows.map((_, i) => fit(i));
  const byTheme = Array.from({ length: themes }, () => [] as number[]);
  fits.forEach((value, i) => byTheme[themeOf(i)]!.push(value));
  const medians = byTheme.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  });
  const ratios = fits.map((value, i) => value / (medians[themeOf(i)]! || 1));
  const poor = ratios
    .map((ratio, i) => [ratio, i] as const)
    .filter(([ratio]) => ratio < poorFit)
    .sort((a, b) => a[0] - b[0]);
  return new Set(poor.slice(0, Math.floor(rows.length * UNASSIGNED_SHARE)).map(([, i]) => i));
}

/**
 * Groups of at least `minimum` left-out answers (indices into vectors) that are alike (cosine >= 0.6 with the
 * group's first answer), greedily, largest first.
 */
function smallIdeas(left: number[], vectors: SparseVector[], minimum: number): number[][] {
  const free = new Set(left);
  const ideas: number[][] = [];
  for (const seed of left) {
    if (!free.has(seed)) continue;
    const idea = [...free].filter((other) => other === seed || sparseDot(vectors[seed]!, vectors[other]!) >= 0.6);
    if (idea.length < minimum) continue;
    ideas.push(idea);
    for (const i of idea) free.delete(i);
  }
  return ideas;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d += 1) sum += a[d]! * b[d]!;
  return sum;
}

function nearestOther(position: number, centres: Float64Array[]): number | null {
  let best: number | null = null;
  let bestSimilarity = -Infinity;
  centres.forEach((centre, other) => {
    if (other === position) return;
    const similarity = cosine(centres[position]!, centre);
    if (similarity > bestSimilarity) {
      best = other;
      bestSimilarity = similarity;
    }
  });
  return best;
}

/** The member answer closest to the theme's centre, of a length a reader takes in at a glance. */
function typicalAnswer(
  members: number[],
  centroid: Float64Array,
  space: AnswerSpace,
  texts: string[],
  label: string,
): string | null {
  const nearest = (textOf: (whole: string) => string | undefined, longest = 240) => {
    let best: string | null = null;
    let bestSimilarity = -Infinity;
    for (const row of members) {
      const text = textOf(texts[row]!.trim().replace(/\s+/g, ' '));
      if (!text || text.length < 12 || text.length > longest) continue;
      const similarity = dot(space.answerVectors[row]!, centroid);
      if (similarity > bestSimilarity) {
        best = text;
        bestSimilarity = similarity;
      }
    }
    return best;
  };
  // Where every answer runs over 240 characters (examples of cluster work), the sentence of one that says the label,
  // which the definition clips to 30 words: it had no example at all.
  const saying = label.toLowerCase();
  return (
    nearest((whole) => whole) ??
    nearest((whole) => sentences(whole).find((sentence) => sentence.toLowerCase().includes(saying)), 600)
  );
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Groups answers into k themes; each answer gets its main theme first, then any other it carries. With word
 * features alone (fewer answers) this is non-negative matrix factorisation, where an answer is a mix of themes
 * by construction; with learned word meaning (not non-negative) it is spherical k-means, and the sentences of
 * a longer answer vote for further themes.
 */
function group(
  vectors: SparseVector[],
  texts: string[],
  space: AnswerSpace,
  k: number,
  seed: number,
): { centroids: Float64Array[]; main: Int32Array; themesOf: (i: number) => number[] } {
  if (space.representation === 'words') {
    const { W, H } = nmf(vectors, space.dimension, k, { seed, iterations: 200, tolerance: NMF_TOLERANCE });
    const centroids = Array.from({ length: k }, (_, t) =>
      unit(H.slice(t * space.dimension, (t + 1) * space.dimension)),
    );
    const scale = Array.from({ length: k }, (_, t) =>
      Math.sqrt(H.subarray(t * space.dimension, (t + 1) * space.dimension).reduce((sum, x) => sum + x * x, 0)),
    );
    // Copies of one answer ("Admin support" from ten people) share their weights: NMF starts each row at random, and
    // on the demo survey seven copies of a sentence went to "Large scale change" and seven to "Drive large scale".
    const copiesOf = sameVectors(vectors);
    const weightsOf = (i: number) => {
      const copies = copiesOf[i]!;
      return scale.map((s, t) => (copies.reduce((sum, j) => sum + W[j * k + t]!, 0) / copies.length) * s);
    };
    const main = Int32Array.from(vectors, (_, i) => {
      const weights = weightsOf(i);
      return weights.indexOf(Math.max(...weights));
    });
    return {
      centroids,
      main,
      themesOf: (i) => {
        const weights = weightsOf(i);
        return [
          main[i]!,
          ...weights.flatMap((w, t) => (t !== main[i] && w >= SECOND_TOPIC * weights[main[i]!]! ? [t] : [])),
        ];
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
      const voted = parts
        .map((part) => nearest(space.vectorOf(part), clustering.centroids))
        .filter((t) => t >= 0 && t !== main);
      return [main, ...new Set(voted)];
    },
  };
}

// A theme nobody holds as their main one is a second reading of another when that one is the main theme of at
// least this share of its answers.
const SECOND_READING = 0.8;

/** Themes that are no answer's main theme (the first of each list) and nearly all of whose answers one theme holds. */
function secondOnly(themesOfAnswers: ReadonlyArray<readonly number[]>): Set<number> {
  const mains = new Set(themesOfAnswers.map((themes) => themes[0]!));
  const mainsOf = new Map<number, number[]>();
  for (const themes of themesOfAnswers)
    for (const t of themes.slice(1)) {
      if (mains.has(t)) continue;
      const held = mainsOf.get(t) ?? [];
      if (held.length === 0) mainsOf.set(t, held);
      held.push(themes[0]!);
    }
  return new Set(
    [...mainsOf]
      .filter(
        ([, held]) =>
          Math.max(...[...new Set(held)].map((m) => held.filter((x) => x === m).length)) >=
          SECOND_READING * held.length,
      )
      .map(([t]) => t),
  );
}

/** For each vector, the positions of the vectors identical to it (itself included), one shared list per group. */
function sameVectors(vectors: SparseVector[]): number[][] {
  const groups = new Map<string, number[]>();
  return vectors.map((vector, i) => {
    const key = `${vector.indices.join(',')}|${vector.values.join(',')}`;
    const group = groups.get(key) ?? [];
    if (group.length === 0) groups.set(key, group);
    group.push(i);
    return group;
  });
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

/** The unit-length sum of some answers' (or sentences') vectors: their centre, as cosine sees it. */
function centreOfVectors(vectors: SparseVector[], dimension: number): Float64Array {
  const sum = new Float64Array(dimension);
  for (const vector of vectors) vector.indices.forEach((index, j) => (sum[index]! += vector.values[j]!));
  return unit(sum);
}

function unit(vector: Float64Array): Float64Array {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
  return vector.map((x) => x / norm);
}

/** Where word meaning came from, for `method.wordMeaning`. */
export function describeWordMeaning(
  answers: number,
  source: MeaningSource,
  vocabulary: { source: string; documents: number } | null,
): string {
  if (source === 'vocabulary')
    return `from a vocabulary Canvass learned beforehand on ${vocabulary!.source}, as it knows most of the words these answers use`;
  if (source === 'learned' && vocabulary)
    return answers >= vocabulary.documents
      ? `learned from these ${answers} answers, no fewer than the ${vocabulary.source} the vocabulary was learned on`
      : `learned from these ${answers} answers, as the vocabulary learned on ${vocabulary.source} knows too few of their words`;
  if (source === 'learned') return `learned from these ${answers} answers`;
  if (answers >= MIN_ANSWERS_FOR_MEANING)
    return `none: these ${answers} answers use too few distinct words to learn word meaning from, so themes rest on the words alone`;
  return `none: ${answers} answers are too few to learn word meaning from, so themes rest on the words alone`;
}

/** One line for people: how the answers were grouped, where word meaning came from, and how many themes. */
export function describeMethod(method: InductiveResult['method']): string {
  const meaning = method.wordMeaning ?? 'not recorded';
  const grouped =
    method.representation === 'words'
      ? `answers grouped by the words they use${
          meaning.startsWith('none: ') ? ` (${meaning.slice('none: '.length).replace(WORDS_ALONE, '')})` : ''
        }`
      : `answers grouped by the words they use and what those words mean, ${meaning}`;
  const count =
    method.themeCount === 'given'
      ? 'into the number of themes asked for'
      : 'into as many themes as come out alike from different random starts, near-duplicates then merged';
  return `${grouped}; ${count}`;
}
const WORDS_ALONE = /, so themes rest on the words alone$/;

interface DefinitionInput {
  labelling: Labelling;
  typical: string | null;
  neighbour: { label: string; members: AnswerWords[] } | null;
}

/**
 * One or two sentences as a researcher would write them: how many answers, what they say in their own phrases and
 * how often, a typical answer, and how the theme differs from its nearest neighbour (a phrase far more common
 * here than there).
 */
export function defineTheme({ labelling, typical, neighbour }: DefinitionInput): string {
  // No counts of answers: they go stale as researchers code, and the workbench shows them live beside this.
  // Rounded as labelCoverage is stored, so that the workbench's "label's words are in N%" says the same N.
  const share = (value: number) => `${Math.round(100 * round(value))}%`;
  const example = typical ? `, as in “${clip(typical, 30)}”` : '';
  const phrases = distinctPhrases(
    labelling.mixed
      ? [...labelling.phrases].sort((a, b) => b.coverage - a.coverage || b.score - a.score)
      : labelling.phrases,
    3,
  );
  if (labelling.mixed) {
    const listed = phrases.map((phrase) => `“${phrase.text}” (${share(phrase.coverage)})`);
    const list = listed.length ? listText(listed) : 'none';
    return `A mixed group to review: no phrase is shared by a third of its answers; the commonest are ${list}${example}.`;
  }
  const label = labelling.label.toLowerCase();
  const second = phrases.find(
    (phrase) =>
      phrase.key !== label && phrase.coverage >= 0.1 && !label.includes(phrase.key) && !phrase.key.includes(label),
  );
  const said = `${share(labelling.coverage)} of its answers say “${labelling.phrases.find((phrase) => phrase.key === label)?.text ?? label}”${second ? ` and ${share(second.coverage)} “${second.text}”` : ''}`;
  let contrast = '';
  if (neighbour && neighbour.members.length > 0) {
    const there = (phrase: ScoredPhrase) =>
      neighbour.members.filter((answer) => answerCovers(phrase, answer)).length / neighbour.members.length;
    const distinct = labelling.phrases
      .slice(0, 15)
      .map((phrase) => ({ phrase, gap: phrase.coverage - there(phrase) }))
      .sort((a, b) => b.gap - a.gap)[0];
    if (distinct && distinct.gap >= 0.1)
      contrast = `${CONTRAST_OPENING}“${neighbour.label}”, ${share(distinct.phrase.coverage)} of these mention “${distinct.phrase.text}”, against ${share(there(distinct.phrase))}${CONTRAST_END}`;
  }
  return `${said}${example}.${contrast}`;
}

function clip(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text.replace(/[.!?]+$/, '') : `${parts.slice(0, words).join(' ')} …`;
}

/**
 * Codes of a theme. A theme merged from near-duplicate groups gets one code per group (where they differ); any
 * other theme one code when small, two or three when larger, by the same clustering within the theme. Codes are
 * labelled by the same rules as themes, against their sibling codes.
 */
function splitIntoCodes(
  themeSegments: Segment[],
  partCentroids: Float64Array[] | null,
  space: AnswerSpace,
  answers: AnswerInput[],
  seed: number,
  prefix: string,
  most: number,
  /** A grounded label for each part (or for the one code of a theme), used when its sentences share no phrase. */
  fallbackLabels: Array<string | null> = [],
  /**
   * Themes joined into this one (nothing-to-improve.ts): each answer's sentences go to the part it came from, and a
   * part keeps its label wherever its sentences say it ("Nothing could be better" beside "Nothing", though
   * "nothing" covers more of them).
   */
  joinedPartOf?: Map<number, number>,
): InductiveCode[] {
  // A theme whose answers' sentences all went to their other themes has no sentence of its own to code.
  if (themeSegments.length === 0) return [];
  let groups: Segment[][];
  let centres: Float64Array[];
  if (partCentroids) {
    groups = partCentroids.map(() => []);
    for (const segment of themeSegments)
      groups[
        joinedPartOf?.get(segment.row) ??
          partCentroids.reduce(
            (a, _, b) => (dot(segment.vector, partCentroids[b]!) > dot(segment.vector, partCentroids[a]!) ? b : a),
            0,
          )
      ]!.push(segment);
    centres = partCentroids;
  } else {
    // Larger themes get more codes, so that an idea a few dozen people raise inside a big theme has a code of its own.
    const parts = Math.min(
      most,
      themeSegments.length >= 300
        ? 5
        : themeSegments.length >= 150
          ? 4
          : themeSegments.length >= 45
            ? 3
            : themeSegments.length >= 20
              ? 2
              : 1,
    );
    if (parts === 1) {
      groups = [themeSegments];
      centres = [
        centreOfVectors(
          themeSegments.map((segment) => segment.vector),
          space.dimension,
        ),
      ];
    } else {
      const split = sphericalKmeans(
        themeSegments.map((segment) => segment.vector),
        space.dimension,
        parts,
        { seed, restarts: 3 },
      );
      groups = split.centroids.map(() => []);
      themeSegments.forEach((segment, i) => groups[Math.max(0, split.assignments[i]!)]!.push(segment));
      centres = split.centroids;
    }
  }
  const kept = groups
    .map((group, g) => ({
      group,
      centre: centres[g]!,
      // Several codes split from one theme are each part of its idea, not the whole of it.
      fallback: partCentroids || groups.length === 1 ? (fallbackLabels[g] ?? null) : null,
    }))
    .filter(({ group }) => group.length > 0);
  const texts = themeSegments.map((segment) => segment.text);
  const indexOf = new Map(themeSegments.map((segment, i) => [segment, i]));
  const labellings = labelGroups(
    kept.map(({ group }) => group.map((segment) => indexOf.get(segment)!)),
    {
      answers: texts.map((text) => answerWords(text)),
      texts,
      closeWords: space.hasMeaning ? (word) => space.closeWords(word) : undefined,
      closeness: (text, g) => dot(space.vectorOf(text), kept[g]!.centre),
    },
  );
  return kept.map(({ group, fallback }, g) => {
    const own = labellings[g]!;
    // A part whose sentences share no phrase keeps the label its answers had (a merged part, or a theme's only
    // code), rather than a "Mixed: …" code under a labelled theme.
    const usesFallback = own.mixed && fallback !== null;
    const partPhrase =
      joinedPartOf && fallback !== null
        ? own.phrases.find((phrase) => capitalise(phrase.text) === fallback)
        : undefined;
    // A joined theme's label was grounded in its answers when it was joined; its answers' other sentences count
    // here too, so its share of the sentences can be under a third.
    const labelling = partPhrase
      ? { ...own, label: fallback!, mixed: false, coverage: partPhrase.coverage }
      : usesFallback
        ? { ...own, label: fallback, mixed: false }
        : own;
    const members = [...new Set(group.map((segment) => answers[segment.row]!.id))];
    const others = distinctPhrases(labelling.phrases, 3, [labelling.label]);
    return {
      id: `${prefix}.${g + 1}`,
      label: labelling.label,
      keywords: labelling.phrases.slice(0, 8).map((phrase) => phrase.text),
      definition: usesFallback
        ? `Sentences of the answers labelled “${inSentence(fallback!)}” that belong to this theme${others.length ? `; the commonest phrases are ${others.map((phrase) => `“${phrase.text}”`).join(', ')}` : ''}.`
        : labelling.mixed
          ? labelling.phrases.length
            ? // Its name lists its commonest phrases (by how many segments say them): the definition says no other.
              `Segments with no phrase shared by a third of them; the commonest are those in its name, the first in ${Math.round(100 * labelling.coverage)}% of them.`
            : 'Segments that share no phrase.'
          : `Segments that say “${inSentence(labelling.label)}” (${Math.round(100 * labelling.coverage)}% of them)${
              others.length
                ? `, or also “${others
                    .slice(0, 2)
                    .map((phrase) => phrase.text)
                    .join('”, “')}”`
                : ''
            }.`,
      members,
      segments: group.map((segment) => ({ row: answers[segment.row]!.id, text: segment.text })),
      ...(labelling.mixed ? { mixed: true } : {}),
    };
  });
}

/** A theme's code that takes the theme's name, its own being another code's. */
function namedAsTheme(code: InductiveCode, label: string, mixed: boolean): InductiveCode {
  const phrases = code.keywords.slice(0, 3).map((phrase) => `“${phrase}”`);
  const renamed: InductiveCode = {
    ...code,
    label,
    definition: `Sentences of the answers labelled “${inSentence(label)}”${phrases.length ? `; the commonest phrases are ${phrases.join(', ')}` : ''}.`,
  };
  // Named as a mixed theme ("Mixed: …"), it is as mixed, and must be renamed before it is accepted.
  if (mixed) renamed.mixed = true;
  else delete renamed.mixed;
  return renamed;
}

/** The codes a run left in no theme (ideas raised across themes), in the run's order. */
export function codesInNoTheme(result: Pick<InductiveResult, 'codes' | 'themes'>): InductiveCode[] {
  const inThemes = new Set(result.themes.flatMap((theme) => theme.codes));
  return result.codes.filter((code) => !inThemes.has(code.id));
}

/** An idea code's definition without where its answers are, for a theme made of it. */
export function withoutPlacement(definition: string): string {
  return definition.replace(PLACED, '.');
}

// A theme's answers that carry none of its codes get a code of their own when they are at least this share of it:
// a theme is counted through its codes, and on a 3,000-comment walk survey "Feeling" (211 answers) counted 99.
const OTHER_ANSWERS_SHARE = 0.05;

/**
 * The answers the grouping put in a theme that carry none of its codes (idea codes hold only the answers that say
 * their word), as one code for a researcher to read and code, so that the theme counts the answers it holds.
 */
export function otherAnswers(
  rows: number[],
  themeCodes: InductiveCode[],
  answers: AnswerInput[],
  texts: string[],
): Omit<InductiveCode, 'id' | 'label'> | null {
  const coded = new Set(themeCodes.flatMap((code) => code.members));
  const rest = rows.filter((row) => !coded.has(answers[row]!.id));
  if (rest.length < Math.max(IDEA_LEAST, OTHER_ANSWERS_SHARE * rows.length)) return null;
  return {
    keywords: [],
    definition:
      'Answers the machine grouped under this theme that use none of the words of its other codes: read them to code them, or move them.',
    members: rest.map((row) => answers[row]!.id),
    // Each sentence, as the answers are cut into segments to code.
    segments: rest.flatMap((row) => sentences(texts[row]!).map((text) => ({ row: answers[row]!.id, text }))),
  };
}

/** Where an idea code's answers are: its definition says so, as it marks the idea wherever it is raised. */
type Placement = 'any theme' | 'no theme' | 'this theme' | 'other themes';
const PLACEMENT_TEXT: Record<Placement, (label: string) => string> = {
  'any theme': () => ', in this theme or any other',
  'no theme': () => ', whichever theme their answer is in',
  'this theme': () => ', in this theme',
  'other themes': (label) => `, in themes other than “${label}”`,
};
const PLACED =
  /, (in this theme or any other|whichever theme their answer is in|in this theme|in themes other than “[^”]*”)\.$/;

interface NamedIdea {
  idea: Idea;
  labelling: Labelling;
  placement: Placement;
}

/**
 * The ideas at least IDEA_SHARE of the answers raise (idea-codes.ts), named by the label rules (an idea no phrase
 * names is dropped), each placed under the theme (of `order`) labelled as it is, else the one that carries at least
 * IDEA_HOME_SHARE of its answers, else in no theme.
 */
function ideaCodes(
  rows: number[],
  texts: string[],
  carried: Map<number, number[]>,
  context: LabelContext,
  order: number[],
  /** The themes' labellings, by position in `order`. */
  themeLabels: Labelling[],
): { byTheme: Map<number, NamedIdea[]>; inNoTheme: NamedIdea[] } {
  const minimum = Math.max(IDEA_LEAST, Math.round(IDEA_SHARE * rows.length));
  const found = findIdeas(
    texts.map((text) => ideaStems(text)),
    rows,
    { minimum, maxShare: IDEA_MOST, most: 4 * order.length },
  );
  const ideas = bySense(found, context.answers, minimum);
  const named = labelGroups(
    ideas.map((idea) => idea.rows),
    context,
  );
  const namesTaken = new Set(named.map((labelling) => labelling.label.toLowerCase()));
  const labellings = named.map((labelling, i) => truerIdeaLabel(labelling, ideas[i]!, texts, namesTaken));
  const byTheme = new Map<number, NamedIdea[]>();
  const inNoTheme: NamedIdea[] = [];
  const taken = new Set<string>();
  ideas.forEach((idea, i) => {
    const labelling = labellings[i]!;
    const key = labelling.label.toLowerCase();
    if (labelling.mixed || taken.has(key)) return;
    taken.add(key);
    const counts = new Map<number, number>();
    // Counted in every theme an answer carries, as a theme's members are.
    for (const row of idea.rows) for (const t of carried.get(row) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    // An idea named as a theme is named goes under that theme (a second "Care" elsewhere would read as a double); any
    // other under the theme that holds IDEA_HOME_SHARE of its answers, else in no theme. Under a theme that holds
    // fewer, the theme's code has only the answers in it, and the others are a code in no theme ("Care (other
    // themes)"), which a researcher may merge into it: the theme counts the answers it holds.
    const named = order.find(
      (_, position) => !themeLabels[position]!.mixed && themeLabels[position]!.label.toLowerCase() === key,
    );
    const most = order.reduce((a, b) => ((counts.get(b) ?? 0) > (counts.get(a) ?? 0) ? b : a), order[0]!);
    const under = (t: number, named: NamedIdea) => byTheme.set(t, [...(byTheme.get(t) ?? []), named]);
    const holds = (t: number) => (counts.get(t) ?? 0) >= IDEA_HOME_SHARE * idea.rows.length;
    if (named !== undefined && counts.get(named)) {
      if (holds(named)) under(named, { idea, labelling, placement: 'any theme' });
      else {
        // Most who say it are in other themes: the theme named so codes its own, the rest are a code in no theme.
        const inside = idea.rows.filter((row) => carried.get(row)?.includes(named));
        const outside = idea.rows.filter((row) => !carried.get(row)?.includes(named));
        under(named, { idea: { ...idea, rows: inside }, labelling, placement: 'this theme' });
        if (outside.length >= IDEA_LEAST)
          inNoTheme.push({ idea: { ...idea, rows: outside }, labelling, placement: 'other themes' });
      }
    } else if (holds(most)) under(most, { idea, labelling, placement: 'any theme' });
    else inNoTheme.push({ idea, labelling, placement: 'no theme' });
  });
  return { byTheme, inNoTheme };
}

/**
 * An idea's answers that say its word in the negative ("They didn't listen", "rude, not friendly") apart from those
 * that say it plainly: one code of both would file complaints under praise. The plain part keeps the idea's code;
 * the negated part has one of its own if at least `minimum` answers say it so; a word that is itself a negation
 * ("nothing", "none") is left whole.
 */
function bySense(ideas: Idea[], answers: AnswerWords[], minimum: number): Idea[] {
  return ideas.flatMap((idea) => {
    if (idea.stems.some((word) => NEGATING_STEMS.has(word))) return [idea];
    const saysNegated = (row: number) => {
      const uses = idea.stems.map((word) => negativeUseIn(answers[row]!, [word]));
      return uses.includes(true) && !uses.includes(false);
    };
    const negated = idea.rows.filter(saysNegated);
    if (negated.length === 0) return [idea];
    const aside = new Set(negated);
    const plain = idea.rows.filter((row) => !aside.has(row));
    // The plain part is the idea found; the negated part is an idea of its own only if enough raise it.
    return [
      ...(plain.length >= IDEA_LEAST ? [{ ...idea, rows: plain }] : []),
      ...(negated.length >= minimum ? [{ ...idea, rows: negated }] : []),
    ];
  });
}
const NEGATING_STEMS = new Set(['nothing', 'none', 'never', 'no', 'not'].map(stem));

/** Answers read for how often an idea's phrase is said (evenly spread). */
const IDEA_READ = 200;

/**
 * An idea's label, made true of its answers: the label must say the idea's own word, and be said by at least
 * IDEA_PHRASE_SHARE of its answers: a phrase of several words as written, not its words anywhere in the answer; one
 * in the negative, negated in the same clause ("couldn't ask" counted only where "ask" is negated, not wherever an
 * answer has a "not"). Nor may it be said negated by most who use its words ("nothing could be better" under
 * "Better"). Else the best phrase that is (often the idea's word itself, which all its answers use) and names no
 * other idea; else the label stays.
 */
export function truerIdeaLabel(labelling: Labelling, idea: Idea, texts: string[], namesTaken: Set<string>): Labelling {
  if (labelling.mixed) return labelling;
  const read = evenlySpread(idea.rows, IDEA_READ);
  const share = (count: number) => count / Math.max(1, read.length);
  const saysWord = (phrase: ScoredPhrase) => phrase.content.some((word) => idea.stems.includes(word));
  // Said as written: "food staff" is not said by "Good staff. Good food", though both its words are there.
  const saidBy = (phrase: ScoredPhrase) =>
    phrase.negated
      ? share(negatedUses(texts, read, phrase.content).negated)
      : phrase.content.length > 1
        ? share(read.filter((row) => texts[row]!.toLowerCase().replace(/\s+/g, ' ').includes(phrase.key)).length)
        : phrase.coverage;
  // A name that does not even say the idea's word, with no phrase of that word to take its place ("enough" is in
  // no phrase, being a stop word there; the idea was named "Can't thank"): the word as the answers write it.
  const ownWord = (): Labelling => {
    const spellings = new Map<string, number>();
    for (const row of read)
      for (const word of words(texts[row]!))
        if (idea.stems.includes(stem(word))) spellings.set(word, (spellings.get(word) ?? 0) + 1);
    const written = [...spellings].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!written || namesTaken.has(written)) return labelling;
    const uses = negatedUses(texts, read, idea.stems);
    const mostlyNot = mostlyNegated(uses);
    // A word that only describes ("short") is no idea to code unless most deny it ("not enough"): dropped, as an
    // idea no phrase names is.
    if (!mostlyNot && describesOnly(written)) return { ...labelling, mixed: true };
    return {
      ...labelling,
      label: capitalise(mostlyNot ? `not ${written}` : written),
      coverage: share(mostlyNot ? uses.negated : uses.said),
    };
  };
  const reverses = (phrase: ScoredPhrase) => !phrase.negated && mostlyNegated(negatedUses(texts, read, phrase.content));
  const holds = (phrase: ScoredPhrase) => saysWord(phrase) && saidBy(phrase) >= IDEA_PHRASE_SHARE && !reverses(phrase);
  const chosen = labelling.phrases.find((phrase) => capitalise(phrase.text) === labelling.label);
  if (!chosen || holds(chosen)) return labelling;

  const better = labelling.phrases.find((phrase) => !namesTaken.has(phrase.text.toLowerCase()) && holds(phrase));
  if (!better) return saysWord(chosen) ? labelling : ownWord();
  // A fuller phrase of the idea's word says more than the word when the word only describes ("Long time", not
  // "Long"; "Friendly staff", not "Friendly").
  const bareDescription = better.content.length === 1 && !better.negated && describesOnly(better.text);
  if (bareDescription && saysWord(chosen)) return labelling;
  return { ...labelling, label: capitalise(better.text), coverage: saidBy(better) };
}

/** A code for one idea: the sentences of its answers that raise it. */
function ideaCode(
  idea: Idea,
  labelling: Labelling,
  texts: string[],
  answers: AnswerInput[],
  id: string,
  placement: Placement,
): InductiveCode {
  const segments = idea.rows.flatMap((row) => {
    const all = sentences(texts[row]!);
    const raising = all.filter((sentence) => raises(idea, sentence));
    return (raising.length ? raising : all).map((text) => ({ row: answers[row]!.id, text }));
  });
  const label = labelling.label.toLowerCase();
  const named = labelling.phrases.find((phrase) => phrase.key === label);
  const negated = named?.negated ?? false;
  // Fuller ways of saying the idea ("home visit" for "Visit"), in the same sense; not phrases that merely share
  // its answers, which read as though they meant the same.
  const ways = distinctPhrases(
    labelling.phrases.filter(
      (phrase) =>
        phrase.key !== label &&
        phrase.content.length > 1 &&
        phrase.negated === negated &&
        phrase.content.some((word) => idea.stems.includes(word)),
    ),
    2,
  );
  return {
    id,
    label: labelling.label,
    keywords: labelling.phrases.slice(0, 8).map((phrase) => phrase.text),
    definition: `${whatAnswersSay(
      named?.text ?? label,
      labelling.coverage,
      segments.map((segment) => segment.text),
      idea.stems[0]!,
    )}${
      ways.length ? `, as in “${ways.map((phrase) => phrase.text).join('” or “')}”` : ''
    }${PLACEMENT_TEXT[placement](labelling.label)}.`,
    members: idea.rows.map((row) => answers[row]!.id),
    segments,
  };
}

/**
 * What an idea code's answers say: every one says its word, so where its name is a phrase only some say, the word
 * comes first and the phrase after it with its share ("Answers that say “enough”, 81% of them as “not enough”"),
 * not "“not enough” (81% of them)", which read as though the rest said something else.
 */
export function whatAnswersSay(phrase: string, coverage: number, texts: string[], ideaStem: string): string {
  if (coverage >= 0.95) return `Answers that say “${phrase}”`;
  const forms = new Map<string, number>();
  for (const text of texts)
    for (const word of words(text)) if (stem(word) === ideaStem) forms.set(word, (forms.get(word) ?? 0) + 1);
  const word = [...forms].sort((a, b) => b[1] - a[1])[0]?.[0];
  const share = Math.round(100 * coverage);
  return word && word !== phrase.toLowerCase()
    ? `Answers that say “${word}”, ${share}% of them as “${phrase}”`
    : `Answers that say “${phrase}” (${share}% of them)`;
}

/** Three answers that are typical of a theme and unlike each other (maximal marginal relevance). */
function exemplars(
  segments: Segment[],
  centroid: Float64Array,
  answers: AnswerInput[],
  places: string[],
): { quotes: string[]; quoteIds: string[] } {
  const candidates = segments
    .filter((segment) => answers[segment.row]!.text.length >= 30)
    .map((segment) => ({ segment, relevance: dot(segment.vector, centroid) }))
    .sort((a, b) => b.relevance - a.relevance)
    .slice(0, 60);
  const chosen: Segment[] = [];
  const usedRows = new Set<number>();
  // Answers are often the same words (pasted, or a short reply many gave): each quote is a different text.
  const sameText = (row: number) => answers[row]!.text.toLowerCase().replace(/\s+/g, ' ').trim();
  const usedTexts = new Set<string>();
  while (chosen.length < 3) {
    let best: Segment | null = null;
    let bestScore = -Infinity;
    for (const { segment, relevance } of candidates) {
      if (usedRows.has(segment.row) || usedTexts.has(sameText(segment.row))) continue;
      const redundancy = chosen.reduce((max, other) => Math.max(max, sparseDot(segment.vector, other.vector)), 0);
      const score = relevance - 0.7 * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = segment;
      }
    }
    if (!best) break;
    chosen.push(best);
    usedRows.add(best.row);
    usedTexts.add(sameText(best.row));
  }
  return {
    quotes: chosen.map((segment) => scrubPersonalData(answers[segment.row]!.text.trim(), places)),
    quoteIds: chosen.map((segment) => answers[segment.row]!.id),
  };
}
