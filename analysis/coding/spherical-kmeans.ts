import { packRows, type PackedRows, type SparseVector } from './tfidf';

export interface Clustering {
  /** Cluster of each vector, or -1 for an empty vector. */
  assignments: Int32Array;
  /** Unit-length centroids, dense. */
  centroids: Float64Array[];
}

/**
 * k-means on the unit sphere (cosine similarity) for sparse TF-IDF vectors, seeded by k-means++ from a seeded
 * generator so results repeat. Hand-written: the maintained k-means packages for JavaScript take dense
 * matrices, which at 10,000 answers by 10,000 terms would not fit in memory.
 */
export function sphericalKmeans(
  vectors: SparseVector[],
  dimension: number,
  k: number,
  { iterations = 25, seed = 1, restarts = 1 } = {},
): Clustering {
  // Several starts, keeping the tightest (as scikit-learn's n_init): k-means++ seeding varies run to run.
  let best: (Clustering & { cohesion: number }) | null = null;
  for (let run = 0; run < restarts; run += 1) {
    const result = singleRun(vectors, dimension, k, iterations, seed + run * 7919);
    if (!best || result.cohesion > best.cohesion) best = result;
  }
  return best!;
}

function singleRun(
  vectors: SparseVector[],
  dimension: number,
  k: number,
  iterations: number,
  seed: number,
): Clustering & { cohesion: number } {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const usable = vectors.map((vector, i) => (vector.indices.length > 0 ? i : -1)).filter((i) => i >= 0);
  // Nothing to seed from: every vector is empty, so every one is -1 (k-means++ would pick a vector that is not there).
  if (usable.length === 0) return { assignments: new Int32Array(vectors.length).fill(-1), centroids: [], cohesion: 0 };
  const clusters = Math.max(1, Math.min(k, usable.length));
  const toDense = (vector: SparseVector) => {
    const dense = new Float64Array(dimension);
    vector.indices.forEach((index, j) => (dense[index] = vector.values[j]!));
    return dense;
  };
  // k-means++: each next seed drawn with probability rising with its distance from the seeds so far.
  const centroids: Float64Array[] = [];
  if (usable.length > 0) centroids.push(toDense(vectors[usable[Math.floor(random() * usable.length)]!]!));
  const best = new Float64Array(vectors.length).fill(-1);
  while (centroids.length < clusters) {
    const latest = centroids[centroids.length - 1]!;
    let total = 0;
    const distance = usable.map((i) => {
      best[i] = Math.max(best[i]!, dot(vectors[i]!, latest));
      const d = Math.max(0, 1 - best[i]!);
      total += d;
      return d;
    });
    let pick = random() * total;
    let chosen = usable[usable.length - 1]!;
    for (let u = 0; u < usable.length; u += 1) {
      pick -= distance[u]!;
      if (pick <= 0) {
        chosen = usable[u]!;
        break;
      }
    }
    centroids.push(toDense(vectors[chosen]!));
  }
  // The centroids term by term (all clusters' weights for one term side by side), and the vectors in flat
  // arrays: each vector's similarity to every centroid is then one pass over its terms through memory read in
  // order, where a dense array per centroid had every term of every vector reach into k far-apart arrays. The
  // sums are taken in the same order as one dot product per centroid would, so the results are the same.
  const rows = packRows(vectors);
  // Only terms some vector has can be non-zero in a centroid: the per-iteration work over terms visits those
  // alone (a sample of 1,000 answers uses a fraction of the vocabulary), in the same order, skipping only zeros.
  const terms = usedTerms(rows, usable, dimension);
  const byTerm = new Float64Array(dimension * clusters);
  centroids.forEach((centroid, c) => terms.forEach((term) => (byTerm[term * clusters + c] = centroid[term]!)));
  const similarities = new Float64Array(clusters);
  const similaritiesOf = (i: number) =>
    similaritiesTo(rows.starts[i]!, rows.starts[i + 1]!, rows.indices, rows.values, byTerm, clusters, similarities);
  const assignments = new Int32Array(vectors.length).fill(-1);
  const sums = new Float64Array(dimension * clusters);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    let moved = 0;
    for (const i of usable) {
      const similarity = similaritiesOf(i);
      let bestCluster = 0;
      for (let c = 1; c < clusters; c += 1) if (similarity[c]! > similarity[bestCluster]!) bestCluster = c;
      if (assignments[i] !== bestCluster) moved += 1;
      assignments[i] = bestCluster;
    }
    for (const term of terms) sums.fill(0, term * clusters, (term + 1) * clusters);
    for (const i of usable) {
      const cluster = assignments[i]!;
      for (let j = rows.starts[i]!; j < rows.starts[i + 1]!; j += 1)
        sums[rows.indices[j]! * clusters + cluster]! += rows.values[j]!;
    }
    const norms = new Float64Array(clusters);
    for (const term of terms) {
      for (let c = 0; c < clusters; c += 1) norms[c]! += sums[term * clusters + c]! * sums[term * clusters + c]!;
    }
    for (let c = 0; c < clusters; c += 1) {
      const norm = Math.sqrt(norms[c]!);
      if (norm > 0) for (const term of terms) byTerm[term * clusters + c] = sums[term * clusters + c]! / norm;
    }
    // Stop once almost nothing moves: the last few reassignments change no figure a researcher would see.
    if (moved <= Math.floor(usable.length / 1000)) break;
  }
  let cohesion = 0;
  for (const i of usable) cohesion += similaritiesOf(i)[assignments[i]!]!;
  const dense = centroids.map((_, c) => {
    const centroid = new Float64Array(dimension);
    for (const term of terms) centroid[term] = byTerm[term * clusters + c]!;
    return centroid;
  });
  return { assignments, centroids: dense, cohesion };
}

/** One vector's (entries from..to of the flat arrays) similarity to every centroid, into `out`. */
function similaritiesTo(
  from: number,
  to: number,
  indices: Int32Array,
  values: Float64Array,
  byTerm: Float64Array,
  clusters: number,
  out: Float64Array,
): Float64Array {
  out.fill(0);
  for (let j = from; j < to; j += 1) {
    const base = indices[j]! * clusters;
    const value = values[j]!;
    for (let c = 0; c < clusters; c += 1) out[c]! += value * byTerm[base + c]!;
  }
  return out;
}

/** The terms that the usable vectors have, in ascending order. */
function usedTerms(rows: PackedRows, usable: number[], dimension: number): Int32Array {
  const used = new Uint8Array(dimension);
  for (const i of usable) for (let j = rows.starts[i]!; j < rows.starts[i + 1]!; j += 1) used[rows.indices[j]!] = 1;
  const terms: number[] = [];
  used.forEach((flag, term) => flag && terms.push(term));
  return Int32Array.from(terms);
}

/** A sparse vector's dot product with a dense one (a centroid): its cosine when both are unit length. */
export function dot(vector: SparseVector, centroid: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < vector.indices.length; j += 1) sum += vector.values[j]! * centroid[vector.indices[j]!]!;
  return sum;
}
