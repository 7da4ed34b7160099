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
