import type { SparseVector } from './tfidf';

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
export function sphericalKmeans(vectors: SparseVector[], dimension: number, k: number, { iterations = 25, seed = 1, restarts = 1 } = {}): Clustering {
  // Several starts, keeping the tightest (as scikit-learn's n_init): k-means++ seeding varies run to run.
  let best: (Clustering & { cohesion: number }) | null = null;
  for (let run = 0; run < restarts; run += 1) {
    const result = singleRun(vectors, dimension, k, iterations, seed + run * 7919);
    if (!best || result.cohesion > best.cohesion) best = result;
  }
  return best!;
}

function singleRun(vectors: SparseVector[], dimension: number, k: number, iterations: number, seed: number): Clustering & { cohesion: number } {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const usable = vectors.map((vector, i) => (vector.indices.length > 0 ? i : -1)).filter((i) => i >= 0);
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
  const assignments = new Int32Array(vectors.length).fill(-1);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    let moved = 0;
    for (const i of usable) {
      let bestCluster = 0;
      let bestSimilarity = -Infinity;
      centroids.forEach((centroid, c) => {
        const similarity = dot(vectors[i]!, centroid);
        if (similarity > bestSimilarity) {
          bestSimilarity = similarity;
          bestCluster = c;
        }
      });
      if (assignments[i] !== bestCluster) moved += 1;
      assignments[i] = bestCluster;
    }
    const sums = centroids.map(() => new Float64Array(dimension));
    for (const i of usable) {
      const vector = vectors[i]!;
      const sum = sums[assignments[i]!]!;
      vector.indices.forEach((index, j) => (sum[index]! += vector.values[j]!));
    }
    sums.forEach((sum, c) => {
      const norm = Math.sqrt(sum.reduce((acc, value) => acc + value * value, 0));
      if (norm > 0) centroids[c] = sum.map((value) => value / norm);
    });
    // Stop once almost nothing moves: the last few reassignments change no figure a researcher would see.
    if (moved <= Math.floor(usable.length / 1000)) break;
  }
  let cohesion = 0;
  for (const i of usable) cohesion += dot(vectors[i]!, centroids[assignments[i]!]!);
  return { assignments, centroids, cohesion };
}

/** A sparse vector's dot product with a dense one (a centroid): its cosine when both are unit length. */
export function dot(vector: SparseVector, centroid: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < vector.indices.length; j += 1) sum += vector.values[j]! * centroid[vector.indices[j]!]!;
  return sum;
}
