import { z } from 'zod';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 8;

const responseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters from A-Z, a-z, 0-9, "-" and "_"');

function keyProblem(key: string): string | null {
  if (FORBIDDEN_KEYS.has(key)) return `"${key}" is not allowed as a key`;
  if (key.startsWith('$')) return 'keys must not start with "$"';
  if (key.includes('.')) return 'keys must not contain "."';
  return null;
}

/**
 * SurveyJS answers: a JSON object whose keys, at every depth, could not be read as query operators or
 * prototype paths by any store or by JavaScript itself.
 */
const answersSchema = z
  .unknown()
  // On the raw value: z.record silently drops a "__proto__" key, and a dropped key must be refused, not ignored.
  .superRefine((answers, ctx) => {
    const visit = (value: unknown, path: PropertyKey[]): void => {
      if (path.length > MAX_DEPTH) {
        ctx.addIssue({ code: 'custom', path, message: `is nested more than ${MAX_DEPTH} levels deep` });
        return;
      }
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
      else if (value !== null && typeof value === 'object') {
        for (const key of Object.keys(value)) {
          const problem = keyProblem(key);
          if (problem) ctx.addIssue({ code: 'custom', path: [...path, key], message: problem });
          else visit((value as Record<string, unknown>)[key], [...path, key]);
        }
      }
    };
    if (answers !== null && typeof answers === 'object' && !Array.isArray(answers)) visit(answers, []);
  })
  .pipe(z.record(z.string(), z.json(), { error: 'must be an object of answers keyed by question name' }));

export const submissionSchema = z.strictObject({
  id: responseIdSchema,
  data: answersSchema,
  complete: z.boolean({ error: 'must be true or false' }),
});

export type Submission = z.infer<typeof submissionSchema>;

/** A row of `canvass import`: the same envelope, complete unless the row says otherwise. */
export const importRowSchema = submissionSchema.extend({ complete: submissionSchema.shape.complete.default(true) });
