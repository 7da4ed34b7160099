/**
 * npm run bench:themes
 * Candidate themes measured as a researcher would judge them, on development sets built at run time from the
 * human-coded NHS comments (../shared/data/nhs-fft-phase1/text_data.csv, read in place, never copied) and on the
 * hand-coded survey answers in test/fixtures/resources-answers.json:
 * - small ideas found: of the human sub-codes that 50 or more of the first 3,000 comments carry, how many have a
 *   candidate theme or code with Dice >= 0.4 (target 7 in 10);
 * - labels grounded: share of themes not marked mixed whose label's content words all occur in at least a third
 *   of the theme's answers (target >= 80%); share marked mixed (target <= 20%); share left unassigned (<= ~10%);
 * - one candidate per idea on survey-sized sets: human themes matched one to one (maximum matching over pairs
 *   with Dice >= 0.5) by candidate themes, on the 66 survey answers (target 7 of 9), on a second set of 65 written
 *   apart from them, and on a set of 150 NHS comments sampled evenly from nine sub-codes;
 * - NMI with the human sub-codes and labels against TF-IDF + k-means (scikit-learn) at the same k (target 1.5x),
 *   with the unassigned answers as one cluster of their own and, for comparison, placed in their nearest theme.
 * Prints every theme of the 3,000-comment run with --themes, for reading.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { dice, matchedOneToOne, normalisedMutualInformation } from '../analysis/coding/cluster-agreement';
import { inPlainSense } from '../analysis/coding/phrase-labels';
import { AnswerSpace } from '../analysis/coding/representation';
import { dot } from '../analysis/coding/spherical-kmeans';
import { codesInNoTheme, discoverThemes, type InductiveOptions, type InductiveResult } from '../analysis/coding/themes';
import { isStopWord, stem, words } from '../analysis/text';
import { learnVocabulary, nhsCommentsFile } from './nhs-comments';

const DATA = nhsCommentsFile();
const SURVEY_CODES = [
  'Food',
  'Time spent waiting for first appt/referral/service',
  'Nothing to improve',
  'Staffing levels',
  'Cleanliness',
  'Medication ',
  'Listening',
  'Parking/transport',
  'Amount/clarity of information',
];

/** Content words of a label (stems), the grounding rule's unit. */
const contentStems = (label: string) => [
  ...new Set(
    words(label.replace(/^Mixed:.*/, ''))
      .filter((w) => !isStopWord(w) && !['not', 'no', 'never', 'nothing'].includes(w))
      .map(stem),
  ),
];

function grounded(result: InductiveResult, textOf: Map<string, string>) {
  const shown = result.themes.filter((theme) => !(theme as { mixed?: boolean }).mixed);
  const ok = shown.filter((theme) => {
    const wanted = contentStems(theme.label);
    if (wanted.length === 0) return false;
    const covered = theme.members.filter((id) => {
      // Read as the product reads answers: "Everything was fine" says "everything was good" (phrase-labels.ts).
      const have = new Set(words(inPlainSense(textOf.get(id)!)).map(stem));
      return wanted.every((w) => have.has(w));
    }).length;
    return covered >= theme.members.length / 3;
  });
  return { grounded: ok.length, shown: shown.length, mixed: result.themes.length - shown.length };
}

function smallIdeas(result: InductiveResult, ids: string[], codes: string[]) {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  const big = [...counts].filter(([, n]) => n >= 50).map(([code]) => code);
  const groups = [...result.themes.map((t) => new Set(t.members)), ...result.codes.map((c) => new Set(c.members))];
  const found = big.map((code) => {
    const human = new Set(ids.filter((_, i) => codes[i] === code));
    return { code, n: human.size, best: Math.max(...groups.map((g) => dice(g, human))) };
  });
  return found;
}

/**
 * TF-IDF + k-means (scikit-learn, n_init=10) at k clusters: NMI with each truth for random_state 0, as the target is
 * stated, and the mean over random_state 0 to 4, since one run moves by up to 0.02 between neighbouring k.
 */
function baselineNmi(
  texts: string[],
  k: number,
  truths: Record<string, string[]>,
): Record<string, { first: number; mean: number }> | null {
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-themes-'));
    fs.writeFileSync(path.join(dir, 'in.json'), JSON.stringify({ texts, k, truths }));
    const script = `import json,sys\nfrom sklearn.feature_extraction.text import TfidfVectorizer\nfrom sklearn.cluster import KMeans\nfrom sklearn.metrics import normalized_mutual_info_score as n\nd=json.load(open(sys.argv[1]))\nX=TfidfVectorizer(ngram_range=(1,2),sublinear_tf=True,min_df=2).fit_transform(d['texts'])\nps=[KMeans(n_clusters=d['k'],n_init=10,random_state=r).fit_predict(X) for r in range(5)]\nprint(json.dumps({t:{'first':n(v,ps[0]),'mean':sum(n(v,p) for p in ps)/5} for t,v in d['truths'].items()}))`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, path.join(dir, 'in.json')], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    return JSON.parse(out);
  } catch {
    return null;
  }
}

/** Each answer's main theme, an unassigned one placed in the theme whose members' centre is nearest to it. */
function nearestTheme(result: InductiveResult, answers: Array<{ id: string; text: string }>): string[] {
  const space = new AnswerSpace(answers.map((a) => a.text));
  const rowOf = new Map(answers.map((a, row) => [a.id, row]));
  const centres = result.themes.map((theme) => {
    const centre = new Float64Array(space.dimension);
    for (const id of theme.members) {
      const vector = space.answerVectors[rowOf.get(id)!]!;
      vector.indices.forEach((index, j) => (centre[index]! += vector.values[j]!));
    }
    const norm = Math.sqrt(centre.reduce((sum, x) => sum + x * x, 0)) || 1;
    return centre.map((x) => x / norm);
  });
  return answers.map((a, row) => {
    const theme = result.assignments[a.id]!.theme;
    if (theme !== null) return theme;
    const vector = space.answerVectors[row]!;
    if (vector.indices.length === 0 || centres.length === 0) return 'none';
    const best = centres.reduce((b, centre, t) => (dot(vector, centre) > dot(vector, centres[b]!) ? t : b), 0);
    return result.themes[best]!.id;
  });
}

function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed * 7919 + 1;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function main() {
  const rows = parse(fs.readFileSync(DATA, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const size = 3000;
  // --sample N: a different development set, 3,000 comments drawn at random with seed N (the first 3,000, all
  // from one trust, without), to check that a gain tuned on one set holds on another.
  const sampleSeed = Number(process.argv[process.argv.indexOf('--sample') + 1] ?? 0);
  const sample = process.argv.includes('--sample') ? shuffled(rows, sampleSeed).slice(0, size) : rows.slice(0, size);
  const answers = sample.map((row, i) => ({ id: String(i), text: row.feedback ?? '' }));
  const textOf = new Map(answers.map((a) => [a.id, a.text]));
  // Word meaning learned beforehand, as the shipped vocabulary is, but on the comments outside the set measured:
  // held-out answers meet a vocabulary learned without them (--no-vocabulary: none, as before it shipped).
  const vocabularyWithout = (inSet: Set<Record<string, string>>) =>
    process.argv.includes('--no-vocabulary')
      ? null
      : {
          vectors: learnVocabulary(rows.filter((row) => !inSet.has(row)).map((row) => row.feedback ?? '')).vectors,
          source: `the ${(rows.length - inSet.size).toLocaleString('en-GB')} NHS comments outside this set`,
        };
  const vocabulary = vocabularyWithout(new Set(sample));
  let started = performance.now();
  const result = discoverThemes(answers, { vocabulary });
  const seconds = (performance.now() - started) / 1000;
  const ideas = smallIdeas(
    result,
    answers.map((a) => a.id),
    sample.map((row) => row.subcategory!),
  );
  const g = grounded(result, textOf);
  const unassigned = answers.filter((a) => result.assignments[a.id]!.theme === null).length;
  // Answers whose main theme is mixed: what a reader finds in no idea.
  const mixedIds = new Set(result.themes.filter((t) => (t as { mixed?: boolean }).mixed).map((t) => t.id));
  const inMixed = answers.filter((a) => mixedIds.has(result.assignments[a.id]!.theme ?? '')).length;
  console.log(
    `3,000 NHS comments${process.argv.includes('--sample') ? ` (random sample, seed ${sampleSeed})` : ''}: ${result.themes.length} themes, ${result.codes.length} codes, ${seconds.toFixed(1)} s (${result.method.representation}; word meaning ${result.method.wordMeaning})`,
  );
  console.log(
    `  number of themes: ${result.method.themeCount}; stability ${result.method.stability.map((s) => `k=${s.k} ${s.stability.toFixed(2)}`).join(', ')}`,
  );
  console.log(
    `  human sub-codes carried by >= 50 comments with a theme or code at Dice >= 0.4: ${ideas.filter((i) => i.best >= 0.4).length} of ${ideas.length}`,
  );
  for (const idea of ideas)
    console.log(`    ${idea.code.padEnd(52)} ${String(idea.n).padStart(4)}  best Dice ${idea.best.toFixed(2)}`);
  // The framework's nine broad labels, read the same way (the issue's "human labels" may mean either level).
  const broad = smallIdeas(
    result,
    answers.map((a) => a.id),
    sample.map((row) => row.label!),
  );
  console.log(
    `  human labels (broad) carried by >= 50 comments with a theme or code at Dice >= 0.4: ${broad.filter((i) => i.best >= 0.4).length} of ${broad.length}`,
  );
  for (const idea of broad)
    console.log(`    ${idea.code.padEnd(52)} ${String(idea.n).padStart(4)}  best Dice ${idea.best.toFixed(2)}`);
  console.log(
    `  labels grounded: ${g.grounded} of ${g.shown} themes not marked mixed (${((100 * g.grounded) / Math.max(1, g.shown)).toFixed(0)}%); mixed ${g.mixed} of ${result.themes.length} (${((100 * g.mixed) / result.themes.length).toFixed(0)}%); unassigned ${unassigned} (${((100 * unassigned) / size).toFixed(1)}%)`,
  );
  const ours = answers.map((a) => result.assignments[a.id]!.theme ?? 'none');
  const truths = { label: sample.map((r) => r.label!), code: sample.map((r) => r.code!) };
  const base = baselineNmi(
    answers.map((a) => a.text),
    result.themes.length,
    truths,
  );
  // Two readings of the unassigned answers: as one cluster of their own (as the product leaves them), and placed
  // in their nearest theme (by the centre of its members in the same answer space), so that the reader sees how
  // much of the gap to the baseline is the leftovers.
  const nearest = nearestTheme(result, answers);
  const ratios: string[] = [];
  for (const target of ['label', 'code'] as const) {
    const nmi = normalisedMutualInformation(truths[target], ours);
    const placed = normalisedMutualInformation(truths[target], nearest);
    console.log(
      `  NMI with human ${target}: unassigned as a cluster ${nmi.toFixed(3)}, placed in nearest theme ${placed.toFixed(3)}${base ? `; TF-IDF + k-means at k=${result.themes.length} ${base[target]!.first.toFixed(3)}, ratio ${(nmi / base[target]!.first).toFixed(2)} / ${(placed / base[target]!.first).toFixed(2)} (target >= 1.5); mean of five baseline starts ${base[target]!.mean.toFixed(3)}, ratio ${(nmi / base[target]!.mean).toFixed(2)}` : ''}`,
    );
    if (base)
      ratios.push(
        `${target} ${(nmi / base[target]!.first).toFixed(2)}/${(placed / base[target]!.first).toFixed(2)} (${nmi.toFixed(3)} vs ${base[target]!.first.toFixed(3)}; ${(nmi / base[target]!.mean).toFixed(2)} against five starts' mean ${base[target]!.mean.toFixed(3)})`,
      );
  }
  // A theme is counted through its codes: how far that count strays from the answers grouped under it.
  const codeOf = new Map(result.codes.map((code) => [code.id, code]));
  const reach = result.themes.map((theme) => new Set(theme.codes.flatMap((id) => codeOf.get(id)!.members)).size);
  const grouped = result.themes.map((theme) => theme.members.length);
  const inNoTheme = codesInNoTheme(result).length;
  console.log(
    `  counted through codes: themes reach ${reach.reduce((a, b) => a + b, 0)} answers against ${grouped.reduce((a, b) => a + b, 0)} grouped (largest ratio ${Math.max(...reach.map((r, i) => r / grouped[i]!)).toFixed(2)}); ${inNoTheme} of ${result.codes.length} codes in no theme`,
  );
  console.log(
    `  summary: found ${ideas.filter((i) => i.best >= 0.4).length}/${ideas.length} sub-codes, ${broad.filter((i) => i.best >= 0.4).length}/${broad.length} labels; grounded ${g.grounded}/${g.shown}; mixed ${g.mixed}/${result.themes.length} holding ${((100 * inMixed) / size).toFixed(0)}% of answers; unassigned ${((100 * unassigned) / size).toFixed(1)}%; NMI ratio (unassigned as a cluster/placed) ${ratios.join(', ')}`,
  );

  // Survey-sized sets: one candidate per idea.
  const resources = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '..', 'test', 'fixtures', 'resources-answers.json'), 'utf8'),
  ) as {
    themes: Record<string, string>;
    answers: Array<{ id: string; text: string; themes: string[] }>;
  };
  const survey = (
    name: string,
    set: Array<{ id: string; text: string; themes: string[] }>,
    humanThemes: string[],
    vocabulary: InductiveOptions['vocabulary'],
  ) => {
    started = performance.now();
    const res = discoverThemes(
      set.map(({ id, text }) => ({ id, text })),
      { vocabulary },
    );
    const human = humanThemes.map((t) => new Set(set.filter((a) => a.themes.includes(t)).map((a) => a.id)));
    const matched = matchedOneToOne(
      human,
      res.themes.map((t) => new Set(t.members)),
      0.5,
    );
    const anyMatch = human.filter((h) => res.themes.some((t) => dice(h, new Set(t.members)) >= 0.5)).length;
    const gg = grounded(res, new Map(set.map((a) => [a.id, a.text])));
    const un = set.filter((a) => res.assignments[a.id]!.theme === null).length;
    console.log(
      `${name}: ${set.length} answers, ${humanThemes.length} human themes, ${res.themes.length} candidates; matched one to one (Dice >= 0.5): ${matched} of ${humanThemes.length} (any match ${anyMatch}); grounded ${gg.grounded}/${gg.shown}, mixed ${gg.mixed}, unassigned ${un}; ${((performance.now() - started) / 1000).toFixed(2)} s; word meaning: ${(res.method as { wordMeaning?: string }).wordMeaning ?? res.method.representation}`,
    );
    return res;
  };
  const surveyRes = survey(
    'survey answers (test/fixtures/resources-answers.json)',
    resources.answers,
    Object.keys(resources.themes),
    // Survey answers are not NHS comments: the shipped vocabulary as it is (or none).
    process.argv.includes('--no-vocabulary') ? null : undefined,
  );
  // A second set of survey answers to the same question, written apart from the first (terser, four with no theme).
  const second = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '..', 'test', 'fixtures', 'resources-answers-2.json'), 'utf8'),
  ) as typeof resources;
  survey(
    'second survey set (test/fixtures/resources-answers-2.json)',
    second.answers,
    Object.keys(second.themes),
    process.argv.includes('--no-vocabulary') ? null : undefined,
  );
  const nhsSurvey: Array<{ id: string; text: string; themes: string[] }> = [];
  const nhsSurveyRows = new Set<Record<string, string>>();
  for (const code of SURVEY_CODES) {
    const carrying = rows
      .map((row, i) => ({ row, i }))
      .filter(({ row }) => row.subcategory === code && (row.feedback ?? '').trim().length > 3);
    // Each comment once: "Parking/transport" has only nine, which were taken twice each to make up 17.
    const taking = Math.min(17, carrying.length);
    const step = carrying.length / taking;
    for (let j = 0; j < taking; j += 1) {
      const { row, i } = carrying[Math.floor(j * step)]!;
      nhsSurvey.push({ id: `n${i}`, text: row.feedback!, themes: [code] });
      nhsSurveyRows.add(row);
    }
  }
  const nhsRes = survey(
    `NHS comments, nine sub-codes (${nhsSurvey.length} answers)`,
    nhsSurvey,
    SURVEY_CODES,
    vocabularyWithout(nhsSurveyRows),
  );

  if (process.argv.includes('--themes')) {
    for (const [name, res] of [
      ['3,000 NHS comments', result],
      ['survey answers', surveyRes],
      ['NHS nine sub-codes', nhsRes],
    ] as const) {
      console.log(`\n==== ${name}`);
      for (const theme of res.themes) {
        const t = theme as typeof theme & { mixed?: boolean; mergedFrom?: string[]; labelCoverage?: number };
        console.log(
          `\n[${theme.id}] ${theme.label} — ${theme.members.length} answers${t.mixed ? ' (MIXED)' : ''}${t.labelCoverage !== undefined ? `, label covers ${(100 * t.labelCoverage).toFixed(0)}%` : ''}${t.mergedFrom?.length ? `; merged from ${t.mergedFrom.join(' | ')}` : ''}`,
        );
        console.log(`  ${theme.definition}`);
        for (const code of res.codes.filter((c) => theme.codes.includes(c.id)))
          console.log(`  code ${code.label} (${code.members.length})`);
        for (const quote of theme.quotes) console.log(`  > ${quote.slice(0, 160)}`);
      }
      const loose = codesInNoTheme(res);
      if (loose.length)
        console.log(`\ncodes in no theme: ${loose.map((code) => `${code.label} (${code.members.length})`).join('; ')}`);
    }
  }
}

main();
