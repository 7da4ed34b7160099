/**
 * Normalised mutual information between two labellings of the same items (arithmetic-mean normalisation,
 * scikit-learn's default): 1 when they group the items alike, 0 when one says nothing of the other.
 */
export function normalisedMutualInformation(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
  const n = a.length;
  if (n === 0) return 1;
  const countsA = new Map<string | number, number>();
  const countsB = new Map<string | number, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    countsA.set(a[i]!, (countsA.get(a[i]!) ?? 0) + 1);
    countsB.set(b[i]!, (countsB.get(b[i]!) ?? 0) + 1);
    const key = `${a[i]}\u0000${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const entropy = (counts: Map<string | number, number>) =>
    -[...counts.values()].reduce((sum, count) => sum + (count / n) * Math.log(count / n), 0);
  const labelsA = new Map([...countsA.keys()].map((key) => [String(key), countsA.get(key)!]));
  const labelsB = new Map([...countsB.keys()].map((key) => [String(key), countsB.get(key)!]));
  let mutual = 0;
  for (const [key, count] of joint) {
    const [x, y] = key.split('\u0000') as [string, string];
    mutual += (count / n) * Math.log((count * n) / (labelsA.get(x)! * labelsB.get(y)!));
  }
  const hA = entropy(countsA);
  const hB = entropy(countsB);
  return hA + hB === 0 ? 1 : Math.max(0, (2 * mutual) / (hA + hB));
}

/** Dice's coefficient of two sets: twice what they share over their sizes together. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * How many of the `human` groups a candidate group matches with Dice of at least `threshold`, each candidate
 * matching one human group at most: a maximum bipartite matching, by augmenting paths (Kuhn's algorithm; a few
 * lines for a few dozen groups, where a graph library would be a dependency for one call).
 */
export function matchedOneToOne(
  human: Array<ReadonlySet<string>>,
  candidates: Array<ReadonlySet<string>>,
  threshold: number,
): number {
  const edges = human.map((group) =>
    candidates.flatMap((candidate, j) => (dice(group, candidate) >= threshold ? [j] : [])),
  );
  const owner = new Map<number, number>();
  const augment = (i: number, seen: Set<number>): boolean =>
    edges[i]!.some((j) => {
      if (seen.has(j)) return false;
      seen.add(j);
      if (owner.get(j) === undefined || augment(owner.get(j)!, seen)) {
        owner.set(j, i);
        return true;
      }
      return false;
    });
  return human.filter((_, i) => augment(i, new Set())).length;
}
