import { z } from 'zod';
import { jsonObjectSchema, type JsonObject } from './json';

/** A respondent's answers, by question name. */
export type Answers = JsonObject;

/** One response as the store keeps it; the answers are checked against the survey when submitted, not when read. */
export const responseRecordSchema = z.object({
  surveySlug: z.string(),
  id: z.string(),
  data: jsonObjectSchema,
  complete: z.boolean(),
  /** Time of the last accepted save; fixed once the response is complete. */
  submittedAt: z.string(),
});
export type ResponseRecord = z.infer<typeof responseRecordSchema>;
