import type { ProgressCallback } from '../progress';
import { normalisedMutualInformation } from './cluster-agreement';

const SAMPLE = 1000;
// Random starts per number of themes: three where clustering is costly (1,000 answers), up to twenty on small sets,
// where it is cheap and a few starts' agreement is noise. On two sets of about 65 hand-coded survey answers, three
// starts chose 7 themes for one set (every start converging alike), which then matched 4 of its 9 human themes one
// to one. Over eight seeds, twenty starts (rather than ten) matched on average 8.75, 6.5 and 7.5 of the nine human
// themes of the two survey sets and of 145 NHS comments, against 8.4, 6.1 and 6.9 (bench/themes-dev.ts).
const SEEDS = { least: 3, most: 20, work: 2000 };
// At least one group per 150 answers (up to 20 groups): stability favours coarse groupings, and a random set of
// 3,000 NHS comments whose curve peaked at 14 groups came out with six grab-bags among them, which merged into one
// mixed theme of a quarter of the answers; from 20 groups, 10% of its answers were in mixed themes and agreement
// with the human coding rose (NMI ratio 1.32 to 1.34). The six other sets tried already chose 20 or more.
const ANSWERS_PER_GROUP = 150;
const FLOOR_MOST = 20;

/**
 * How many candidate themes: the number whose grouping repeats best when the clustering starts from different
 * random seeds (mean pairwise NMI of three to twenty runs, on an even sample of at most 1,000 answers), as stability
 * analysis of topic models does (Greene, O'Callaghan and Cunningham 2014). Candidates run from log2 of the
 * number of answers (at least 4: more answers say more distinct things, and two or three groups repeat
 * trivially; and at least one per ANSWERS_PER_GROUP answers, up to FLOOR_MOST) to one theme per five answers, at
 * most 30. Of the numbers within `tolerance` of the most stable, the
 * largest (with no tolerance, ties go to the smaller number).
 */
export function chooseThemeCount<T>(
  items: T[],
  cluster: (sample: T[], k: number, seed: number) => ArrayLike<number>,
  seed = 1,
  onProgress?: ProgressCallback,
  /** How far under the most stable a larger number may be and still be chosen (0: the most stable, ties smaller). */
  tolerance = 0,
): { k: number; curve: Array<{ k: number; stability: number }> } {
  const sample = evenSample(items, SAMPLE);
  const most = Math.min(30, Math.floor(items.length / 5));
  const least = Math.min(
    Math.max(
      4,
      Math.round(Math.log2(items.length)),
      Math.min(FLOOR_MOST, Math.round(items.length / ANSWERS_PER_GROUP)),
    ),
    most,
  );
  if (most < 2) return { k: Math.max(1, Math.min(2, sample.length)), curve: [] };
  const curve: Array<{ k: number; stability: number }> = [];
  const counts = candidates(least, most);
  const seeds = Math.max(SEEDS.least, Math.min(SEEDS.most, Math.floor(SEEDS.work / sample.length)));
  for (const k of counts) {
    onProgress?.('choosing the number of themes', curve.length, counts.length);
    const runs = Array.from({ length: seeds }, (_, run) => cluster(sample, k, seed + 101 * run));
    let total = 0;
    let pairs = 0;
    for (let a = 0; a < runs.length; a += 1) {
      for (let b = a + 1; b < runs.length; b += 1) {
        total += normalisedMutualInformation(runs[a]!, runs[b]!);
        pairs += 1;
      }
    }
    curve.push({ k, stability: total / pairs });
  }
  onProgress?.('choosing the number of themes', curve.length, counts.length);
  const best = curve.reduce((a, b) => (b.stability > a.stability + 1e-9 ? b : a));
  if (tolerance <= 0) return { k: best.k, curve };
  const stable = curve.filter((c) => c.stability >= best.stability - tolerance);
  return { k: stable[stable.length - 1]!.k, curve };
}

function candidates(least: number, most: number): number[] {
  const list: number[] = [];
  for (let k = least; k <= most; k += k < 8 ? 1 : k < 14 ? 2 : 3) list.push(k);
  return list;
}

function evenSample<T>(items: T[], size: number): T[] {
  if (items.length <= size) return items;
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]!);
}
