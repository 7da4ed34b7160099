/** A lean document as a plain object with exactly the record's fields (absent ones null): no _id, no __v. */
export function plain<T>(doc: Record<string, unknown> | null, fields: readonly string[]): T | null {
  if (!doc) return null;
  return Object.fromEntries(fields.map((field) => [field, doc[field] ?? null])) as T;
}
