import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors';

/**
 * Answers sit under `data` in a submission but are reported by question name, as respondents and
 * staff know them (`hours_per_week`, not `data.hours_per_week`).
 */
function fieldName(path: PropertyKey[]): string {
  const parts = path.length > 1 && path[0] === 'data' ? path.slice(1) : path;
  return parts.map(String).join('.') || 'body';
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: fieldName(issue.path), message: issue.message }));
}

/** Parses an input with its zod schema, typed as what the schema gives; every issue is reported as { field, message }. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError({ message, details: toFieldIssues(parsed.error) });
  return parsed.data;
}

/** A request's body (a form or JSON) parsed with its schema; nothing runs on failure. */
export const parseBody = <S extends z.ZodType>(schema: S, req: { body?: unknown }): z.output<S> =>
  parseInput(schema, req.body ?? {}, 'The request is not valid');

/** A request's query string parsed with its schema (Express 5's req.query is read-only, so it is returned). */
export const parseQuery = <S extends z.ZodType>(schema: S, req: { query: unknown }): z.output<S> =>
  parseInput(schema, req.query, 'The query is not valid');
