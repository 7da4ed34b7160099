import { packRows, type PackedRows, type SparseVector } from './tfidf';

export interface SvmOptions {
  /** Regularisation: larger fits the training data more closely. */
  c?: number;
  iterations?: number;
  /** Weigh each example by n / (classes x examples of its class), so rare codes count as much as common ones. */
  balanced?: boolean;
  seed?: number;
}

/**
 * One-vs-rest linear SVM (squared hinge loss, L2 regularisation) trained by dual coordinate descent, the
 * method of LIBLINEAR behind scikit-learn's LinearSVC (Hsieh et al. 2008). Hand-written: no maintained
 * JavaScript package trains linear models on sparse vectors; labels may overlap (multi-label coding).
 */
export class LinearSvm {
  private weights: Float64Array[] = [];
  private biases: number[] = [];
  labels: string[] = [];

  constructor(
    private readonly dimension: number,
    private readonly options: SvmOptions = {},
  ) {}

  fit(vectors: SparseVector[], labelSets: string[][]): this {
    this.labels = [...new Set(labelSets.flat())].sort();
    const c = this.options.c ?? 1;
    const n = vectors.length;
    const perLabel = new Map(
      this.labels.map((label) => [label, labelSets.filter((set) => set.includes(label)).length]),
    );
    const weightOf = (set: string[]) =>
      this.options.balanced && set.length > 0
        ? Math.max(...set.map((label) => n / (this.labels.length * perLabel.get(label)!)))
        : 1;
    const exampleWeights = labelSets.map(weightOf);
    // Squared norms, with the bias as one more feature of value 1.
    const squaredNorms = vectors.map((vector) => vector.values.reduce((sum, value) => sum + value * value, 0) + 1);
    let state = this.options.seed ?? 1;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    this.weights = [];
    this.biases = [];
    const diagonal = Float64Array.from(exampleWeights, (weight) => 1 / (2 * c * weight));
    const packed = packRows(vectors);
    for (const label of this.labels) {
      const y = Int8Array.from(labelSets, (set) => (set.includes(label) ? 1 : -1));
      const { w, bias } = dualCoordinateDescent(
        packed,
        y,
        diagonal,
        squaredNorms,
        this.dimension,
        this.options.iterations ?? 15,
        random,
      );
      this.weights.push(w);
      this.biases.push(bias);
    }
    return this;
  }

  /** The decision value of every label for one vector, in the order of `labels`. */
  scores(vector: SparseVector): number[] {
    return this.evidence(vector).map((score, l) => score + this.biases[l]!);
  }

  /** What the vector's own features add to each label's decision value, the bias left out. */
  evidence(vector: SparseVector): number[] {
    return this.weights.map((w) => {
      let score = 0;
      for (let k = 0; k < vector.indices.length; k += 1) score += w[vector.indices[k]!]! * vector.values[k]!;
      return score;
    });
  }
}

/**
 * One label's weights and bias by dual coordinate descent for the L2-regularised squared hinge loss: each pass
 * visits every example once in a fresh random order and moves its dual variable to the best value it can take.
 */
function dualCoordinateDescent(
  rows: PackedRows,
  y: Int8Array,
  diagonal: Float64Array,
  squaredNorms: number[],
  dimension: number,
  passes: number,
  random: () => number,
) {
  const { starts, indices, values } = rows;
  const n = starts.length - 1;
  const w = new Float64Array(dimension);
  let bias = 0;
  const alpha = new Float64Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let pass = 0; pass < passes; pass += 1) {
    for (let s = n - 1; s > 0; s -= 1) {
      const t = Math.floor(random() * (s + 1));
      const swap = order[s]!;
      order[s] = order[t]!;
      order[t] = swap;
    }
    for (let s = 0; s < n; s += 1) {
      const i = order[s]!;
      const from = starts[i]!;
      const to = starts[i + 1]!;
      let score = bias;
      for (let k = from; k < to; k += 1) score += w[indices[k]!]! * values[k]!;
      const gradient = y[i]! * score - 1 + diagonal[i]! * alpha[i]!;
      const previous = alpha[i]!;
      const next = Math.max(0, previous - gradient / (squaredNorms[i]! + diagonal[i]!));
      const change = (next - previous) * y[i]!;
      if (change === 0) continue;
      alpha[i] = next;
      for (let k = from; k < to; k += 1) w[indices[k]!]! += change * values[k]!;
      bias += change;
    }
  }
  return { w, bias };
}
