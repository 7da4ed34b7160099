import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { seededRandom } from './nmf';
import type { SparseVector } from './tfidf';

/**
 * Latent semantic analysis: a rank-d truncated SVD of sparse TF-IDF rows by the randomised range finder of
 * Halko, Martinsson and Tropp (2011), as scikit-learn's TruncatedSVD does. Answers that share no word but share
 * the company their words keep come out close. Only the sparse products are written here; the dense
 * factorisations (QR, symmetric eigen-decomposition) are ml-matrix's.
 */
export function lsa(
  rows: SparseVector[],
  terms: number,
  dimensions: number,
  { powerIterations = 3, seed = 1 } = {},
): Float64Array[] {
  const n = rows.length;
  const d = Math.max(1, Math.min(dimensions, n - 1, terms - 1));
  const width = Math.min(d + 10, n, terms);
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  // Y = X Ω, Ω terms × width.
  let omega = Matrix.zeros(terms, width);
  for (let i = 0; i < terms; i += 1) for (let j = 0; j < width; j += 1) omega.set(i, j, gaussian());
  const times = (right: Matrix) => {
    const columns = right.columns;
    const dense = right.to1DArray();
    const out = new Float64Array(n * columns);
    rows.forEach((row, r) => {
      for (let j = 0; j < row.indices.length; j += 1) {
        const value = row.values[j]!;
        const offset = row.indices[j]! * columns;
        for (let c = 0; c < columns; c += 1) out[r * columns + c]! += value * dense[offset + c]!;
      }
    });
    return Matrix.from1DArray(n, columns, out);
  };
  const transposeTimes = (left: Matrix) => {
    const columns = left.columns;
    const dense = left.to1DArray();
    const out = new Float64Array(terms * columns);
    rows.forEach((row, r) => {
      for (let j = 0; j < row.indices.length; j += 1) {
        const value = row.values[j]!;
        const offset = row.indices[j]! * columns;
        for (let c = 0; c < columns; c += 1) out[offset + c]! += value * dense[r * columns + c]!;
      }
    });
    return Matrix.from1DArray(terms, columns, out);
  };
  let Q = new QrDecomposition(times(omega)).orthogonalMatrix;
  for (let i = 0; i < powerIterations; i += 1) {
    omega = new QrDecomposition(transposeTimes(Q)).orthogonalMatrix;
    Q = new QrDecomposition(times(omega)).orthogonalMatrix;
  }
  // B = Qᵀ X (width × terms); the left singular vectors of B come from the eigenvectors of B Bᵀ.
  const Bt = transposeTimes(Q);
  const BBt = Bt.transpose().mmul(Bt);
  const eigen = new EigenvalueDecomposition(BBt, { assumeSymmetric: true });
  const values = eigen.realEigenvalues;
  const order = values
    .map((_, i) => i)
    .sort((a, b) => values[b]! - values[a]!)
    .slice(0, d);
  const U = Q.mmul(eigen.eigenvectorMatrix);
  // Row coordinates U Σ, unit length, so cosine is a dot product.
  return Array.from({ length: n }, (_, r) => {
    const point = new Float64Array(order.length);
    let norm = 0;
    order.forEach((column, c) => {
      point[c] = U.get(r, column) * Math.sqrt(Math.max(values[column]!, 0));
      norm += point[c]! * point[c]!;
    });
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < point.length; c += 1) point[c]! /= norm;
    return point;
  });
}
