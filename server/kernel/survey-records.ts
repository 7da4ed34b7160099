import { z } from 'zod';
import { jsonObjectSchema } from './json';

export const distributionAreaSchema = z.object({
  code: z.string(),
  name: z.string(),
  practices: z.number(),
  /** Set when staff correct the number of practices, so re-adding the survey's files keeps their number. */
  correctedBy: z.string().optional(),
  correctedAt: z.string().optional(),
});
export type DistributionArea = z.infer<typeof distributionAreaSchema>;

/** What the public may store of unfinished responses to one survey (see server/responses/partial-limits.ts). */
export const partialLimitsRecordSchema = z.object({
  /** Unfinished responses not saved for this many days are deleted. */
  keepDays: z.number(),
  /** New unfinished responses accepted per minute from one client address (per server instance). */
  perMinute: z.number(),
  /** Unfinished responses held at once: past it, a new one takes the place of the one saved longest ago. */
  total: z.number(),
  /** Largest unfinished response, in KB of JSON. */
  maxAnswerKb: z.number(),
});
export type PartialLimits = z.infer<typeof partialLimitsRecordSchema>;

export const distributionRecordSchema = z.object({
  /** The question whose answer names the area (for the CQL/PQL survey: `lmc`). */
  question: z.string(),
  areas: z.array(distributionAreaSchema),
  partials: partialLimitsRecordSchema.optional(),
});
export type Distribution = z.infer<typeof distributionRecordSchema>;

/**
 * A survey as the store keeps it. Its analysis settings and report definition are documents of their own domains
 * (checked there before they are stored): the store keeps them as given. The surveys domain reads them typed.
 */
export const storedSurveySchema = z.object({
  slug: z.string(),
  title: z.string(),
  /** The SurveyJS definition. */
  definition: jsonObjectSchema,
  distribution: distributionRecordSchema.nullable(),
  analysis: jsonObjectSchema.nullable(),
  report: jsonObjectSchema.nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  /** Set when staff close the survey by hand. */
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Goes up by one with every change to the survey. */
  version: z.number(),
});
export type StoredSurvey = z.infer<typeof storedSurveySchema>;

export type NewStoredSurvey = Pick<
  StoredSurvey,
  'slug' | 'title' | 'definition' | 'distribution' | 'analysis' | 'report'
>;
export type SurveySchedule = Pick<StoredSurvey, 'opensAt' | 'closesAt' | 'closedAt'>;
