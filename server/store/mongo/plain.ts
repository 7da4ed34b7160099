import type { z } from 'zod';
import { checkedRecord } from '../stored-record';

/** A lean document as a plain object with exactly the record schema's fields (absent ones null): no _id, no __v. */
export function plain(schema: z.ZodObject, doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(schema.shape).map((field) => [field, doc[field] ?? null]));
}

/** A lean document as its record, checked against the record's schema; `what` names it if it is not valid. */
export function recordFrom<Schema extends z.ZodObject>(
  schema: Schema,
  doc: unknown,
  what: string | ((value: never) => string),
): z.infer<Schema> {
  return checkedRecord(schema, plain(schema, doc as Record<string, unknown>), what);
}
