import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses the body with a zod schema; every issue is reported as { field, message } and nothing runs on failure. */
export function validateBody(schema: z.ZodType): RequestHandler {
  return (req, _res, next) => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'The request is not valid');
    req.body = parsed.data;
    next();
  };
}

/** Parses the query string; Express 5's req.query is read-only, so the result goes to res.locals.query. */
export function validateQuery(schema: z.ZodType): RequestHandler {
  return (req, res, next) => {
    const parsed = schema.safeParse(req.query);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'The query is not valid');
    res.locals.query = parsed.data;
    next();
  };
}
