import type { SparseVector } from './tfidf';

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
    const perLabel = new Map(this.labels.map((label) => [label, labelSets.filter((set) => set.includes(label)).length]));
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
    for (const label of this.labels) {
      const w = new Float64Array(this.dimension);
      let bias = 0;
      const alpha = new Float64Array(n);
      const y = labelSets.map((set) => (set.includes(label) ? 1 : -1));
      const order = Array.from({ length: n }, (_, i) => i);
      for (let iteration = 0; iteration < (this.options.iterations ?? 15); iteration += 1) {
        for (let i = n - 1; i > 0; i -= 1) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        for (const i of order) {
          const vector = vectors[i]!;
          const diagonal = 1 / (2 * c * exampleWeights[i]!);
          let score = bias;
          for (let k = 0; k < vector.indices.length; k += 1) score += w[vector.indices[k]!]! * vector.values[k]!;
          const gradient = y[i]! * score - 1 + diagonal * alpha[i]!;
          const previous = alpha[i]!;
          const next = Math.max(0, previous - gradient / (squaredNorms[i]! + diagonal));
          const change = (next - previous) * y[i]!;
          if (change === 0) continue;
          alpha[i] = next;
          for (let k = 0; k < vector.indices.length; k += 1) w[vector.indices[k]!]! += change * vector.values[k]!;
          bias += change;
        }
      }
      this.weights.push(w);
      this.biases.push(bias);
    }
    return this;
  }

  /** The decision value of every label for one vector, in the order of `labels`. */
  scores(vector: SparseVector): number[] {
    return this.weights.map((w, l) => {
      let score = this.biases[l]!;
      for (let k = 0; k < vector.indices.length; k += 1) score += w[vector.indices[k]!]! * vector.values[k]!;
      return score;
    });
  }
}
