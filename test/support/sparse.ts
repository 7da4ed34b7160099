import type { SparseVector } from '../../analysis/coding/tfidf';

/** Dense rows as the sparse vectors the coding algorithms take (zeros left out). */
export function sparseRows(dense: number[][]): SparseVector[] {
  return dense.map((row) => {
    const indices = row.flatMap((value, j) => (value !== 0 ? [j] : []));
    return { indices: Int32Array.from(indices), values: Float32Array.from(indices.map((j) => row[j]!)) };
  });
}

/** A sparse vector back to a dense row of the given length. */
export function denseRow(vector: SparseVector, length: number): number[] {
  const row = new Array<number>(length).fill(0);
  vector.indices.forEach((index, j) => (row[index] = vector.values[j]!));
  return row;
}
