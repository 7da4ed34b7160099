import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses an input with its zod schema, typed as what the schema gives; every issue is reported as { field, message }. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, message);
  return parsed.data;
}

/** A request's body (a form or JSON) parsed with its schema; nothing runs on failure. */
export const parseBody = <S extends z.ZodType>(schema: S, req: { body?: unknown }): z.output<S> =>
  parseInput(schema, req.body ?? {}, 'The request is not valid');

/** A request's query string parsed with its schema (Express 5's req.query is read-only, so it is returned). */
export const parseQuery = <S extends z.ZodType>(schema: S, req: { query: unknown }): z.output<S> =>
  parseInput(schema, req.query, 'The query is not valid');
