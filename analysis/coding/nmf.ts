import type { SparseVector } from './tfidf';

/** X ≈ W H with W (rows × k) and H (k × terms) non-negative; W[row] says how much of each topic a text carries. */
export interface Factorisation {
  k: number;
  /** rows × k, row-major. */
  W: Float64Array;
  /** k × terms, row-major. */
  H: Float64Array;
  /** How many iterations were run (fewer than asked when the tolerance stopped them). */
  iterations: number;
}

export interface NmfOptions {
  iterations?: number;
  seed?: number;
  /**
   * Stop once an iteration lowers the squared reconstruction error by less than this share of it (0: run every
   * iteration).
   */
  tolerance?: number;
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/**
 * Non-negative matrix factorisation of sparse TF-IDF rows by hierarchical alternating least squares (Cichocki
 * and Phan 2009), the method scikit-learn's NMF calls coordinate descent. A topic is a weighted set of words and
 * a text can carry several, which is how people code answers. Hand-written: the JavaScript NMF packages take
 * dense matrices (10,000 answers by 10,000 terms would not fit) or use plain multiplicative updates, which
 * converge far more slowly.
 */
export function nmf(
  rows: SparseVector[],
  terms: number,
  k: number,
  { iterations = 60, seed = 1, tolerance = 0 }: NmfOptions = {},
): Factorisation {
  const n = rows.length;
  const random = seededRandom(seed);
  const W = new Float64Array(n * k);
  const H = new Float64Array(k * terms);
  // Random start scaled to the data (as scikit-learn's init='random'): sqrt(mean(X) / k).
  let total = 0;
  // ||X||², for the reconstruction error the tolerance reads.
  let squaredNorm = 0;
  for (const row of rows) {
    for (const value of row.values) {
      total += value;
      squaredNorm += value * value;
    }
  }
  const scale = Math.sqrt(total / Math.max(1, n * terms) / k) || 0.01;
  for (let i = 0; i < W.length; i += 1) W[i] = scale * random() * 2;
  for (let i = 0; i < H.length; i += 1) H[i] = scale * random() * 2;
  let lastError = Infinity;

  const XHt = new Float64Array(n * k);
  const HHt = new Float64Array(k * k);
  const XtW = new Float64Array(terms * k);
  const WtW = new Float64Array(k * k);
  let done = 0;
  for (; done < iterations; done += 1) {
    // W step: XHᵀ (sparse rows times Hᵀ) and HHᵀ, then one pass over W's columns.
    XHt.fill(0);
    rows.forEach((row, r) => {
      for (let j = 0; j < row.indices.length; j += 1) {
        const term = row.indices[j]!;
        const value = row.values[j]!;
        for (let t = 0; t < k; t += 1) XHt[r * k + t]! += value * H[t * terms + term]!;
      }
    });
    gram(H, k, terms, HHt);
    if (tolerance > 0 && done > 0) {
      // ||X - WH||² = ||X||² - 2 tr(Wᵀ X Hᵀ) + tr(WᵀW HHᵀ), from the products this iteration needs anyway (WᵀW is the
      // last H step's, for the W it left unchanged).
      let error = squaredNorm;
      for (let i = 0; i < n * k; i += 1) error -= 2 * W[i]! * XHt[i]!;
      for (let i = 0; i < k * k; i += 1) error += WtW[i]! * HHt[i]!;
      if (lastError - error < tolerance * lastError) break;
      lastError = error;
    }
    for (let t = 0; t < k; t += 1) {
      const diagonal = HHt[t * k + t]! || 1e-12;
      for (let r = 0; r < n; r += 1) {
        let product = 0;
        for (let s = 0; s < k; s += 1) product += W[r * k + s]! * HHt[s * k + t]!;
        const next = W[r * k + t]! + (XHt[r * k + t]! - product) / diagonal;
        W[r * k + t] = next > 1e-16 ? next : 1e-16;
      }
    }
    // H step: XᵀW and WᵀW, then one pass over H's rows.
    XtW.fill(0);
    rows.forEach((row, r) => {
      for (let j = 0; j < row.indices.length; j += 1) {
        const term = row.indices[j]!;
        const value = row.values[j]!;
        for (let t = 0; t < k; t += 1) XtW[term * k + t]! += value * W[r * k + t]!;
      }
    });
    gramOfRows(W, n, k, WtW);
    for (let t = 0; t < k; t += 1) {
      const diagonal = WtW[t * k + t]! || 1e-12;
      for (let v = 0; v < terms; v += 1) {
        let product = 0;
        for (let s = 0; s < k; s += 1) product += WtW[t * k + s]! * H[s * terms + v]!;
        const next = H[t * terms + v]! + (XtW[v * k + t]! - product) / diagonal;
        H[t * terms + v] = next > 1e-16 ? next : 1e-16;
      }
    }
  }
  return { k, W, H, iterations: done };
}

/** A Aᵀ for A of k rows of length m, row-major. */
function gram(A: Float64Array, k: number, m: number, out: Float64Array): void {
  for (let a = 0; a < k; a += 1) {
    for (let b = a; b < k; b += 1) {
      let sum = 0;
      for (let v = 0; v < m; v += 1) sum += A[a * m + v]! * A[b * m + v]!;
      out[a * k + b] = sum;
      out[b * k + a] = sum;
    }
  }
}

/** Aᵀ A for A of n rows of length k, row-major. */
function gramOfRows(A: Float64Array, n: number, k: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < n; r += 1) {
    for (let a = 0; a < k; a += 1) {
      const x = A[r * k + a]!;
      if (x === 0) continue;
      for (let b = a; b < k; b += 1) out[a * k + b]! += x * A[r * k + b]!;
    }
  }
  for (let a = 0; a < k; a += 1) for (let b = 0; b < a; b += 1) out[a * k + b] = out[b * k + a]!;
}

/** The topic weights of one new text under fixed topics H: a few HALS passes on its row alone. */
export function project(
  row: SparseVector,
  H: Float64Array,
  k: number,
  terms: number,
  HHt?: Float64Array,
): Float64Array {
  const gramH =
    HHt ??
    (() => {
      const out = new Float64Array(k * k);
      gram(H, k, terms, out);
      return out;
    })();
  const xh = new Float64Array(k);
  for (let j = 0; j < row.indices.length; j += 1) {
    for (let t = 0; t < k; t += 1) xh[t]! += row.values[j]! * H[t * terms + row.indices[j]!]!;
  }
  const w = new Float64Array(k).fill(0.01);
  for (let pass = 0; pass < 30; pass += 1) {
    for (let t = 0; t < k; t += 1) {
      let product = 0;
      for (let s = 0; s < k; s += 1) product += w[s]! * gramH[s * k + t]!;
      const next = w[t]! + (xh[t]! - product) / (gramH[t * k + t]! || 1e-12);
      w[t] = next > 0 ? next : 0;
    }
  }
  return w;
}
