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
export function checkedRecord<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string | ((value: never) => string),
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(the record)'}: ${issue.message}`);
    const name = typeof what === 'string' ? what : (what as (value: unknown) => string)(value);
    throw new CorruptRecordError(`The stored ${name} is not valid: ${issues.join('; ')}`);
  }
  return value as z.infer<Schema>;
}

/** JSON text kept in the store, parsed; text that is not JSON names the record it belongs to. */
export function storedJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJson(what, error);
  }
}

export const notJson = (what: string, error: unknown) =>
  new CorruptRecordError(`The stored ${what} is not JSON: ${(error as Error).message}`);
