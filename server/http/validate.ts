import type { RequestHandler } from 'express';
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

/** Parses the body with a zod schema; every issue is reported as { field, message } and nothing runs on failure. */
export function validateBody(schema: z.ZodType): RequestHandler {
  return (req, _res, next) => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new ValidationError({ message: 'The request is not valid', details: toFieldIssues(parsed.error) });
    }
    req.body = parsed.data;
    next();
  };
}

/** Parses the query string; Express 5's req.query is read-only, so the result goes to res.locals.query. */
export function validateQuery(schema: z.ZodType): RequestHandler {
  return (req, res, next) => {
    const parsed = schema.safeParse(req.query);
    if (!parsed.success) {
      throw new ValidationError({ message: 'The query is not valid', details: toFieldIssues(parsed.error) });
    }
    res.locals.query = parsed.data;
    next();
  };
}
