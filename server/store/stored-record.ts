import type { z } from 'zod';

/**
 * A stored document that does not have the shape of its record (edited by hand, written by a broken version, or
 * damaged): named, so that the person reading the log knows which one to look at, instead of a wrong type
 * travelling on until something fails far away.
 */
export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';
}

/**
 * Checks a document read from the store against its record schema (server/kernel/) and returns it as read, so its
 * keys keep the order they were stored in (JSON outputs show them). The schemas transform nothing.
 */
export function checkedRecord<Schema extends z.ZodType>(schema: Schema, value: unknown, what: Name): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(the record)'}: ${issue.message}`);
    throw new CorruptRecordError(`The stored ${nameOf(what)} is not valid: ${issues.join('; ')}`);
  }
  return value as z.infer<Schema>;
}

/** JSON text kept in the store, parsed; text that is not JSON names the record it belongs to. */
export function storedJson(text: string, what: Name): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptRecordError(`The stored ${nameOf(what)} is not JSON: ${(error as Error).message}`);
  }
}

/** How an error names the record; a function when it is read by the million (named only when one is corrupt). */
export type Name = string | (() => string);
const nameOf = (what: Name) => (typeof what === 'string' ? what : what());
