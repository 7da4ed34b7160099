import { z } from 'zod';

const bandSchema = z.strictObject({
  label: z.string().min(1),
  from: z.number().optional(),
  to: z.number().optional(),
  includeFrom: z.boolean().optional(),
  includeTo: z.boolean().optional(),
});

/** Per-survey analysis settings, kept beside the definition as `<slug>.analysis.json`. */
export const analysisConfigSchema = z.strictObject({
  /** The grouping that published figures are split by (for the CQL/PQL survey: role). */
  groupBy: z.string().optional(),
  /** Named bands for numeric questions, e.g. hours a week: under 1, 1 to 4, over 4 to 8, over 8. */
  bands: z.record(z.string(), z.array(bandSchema).min(1)).optional(),
  /** Practice and place names to scrub, with other personal data, from free text shown outside the coding view. */
  places: z.array(z.string().min(2).max(100)).max(5000).optional(),
  /** Questions to report as Net Promoter Score (0-10 ratings are found without being named here). */
  nps: z.array(z.string()).optional(),
  /** Published figures are withheld for any group with fewer respondents than this (default 10). */
  minimumBase: z.number().int().min(2).max(1000).optional(),
});

export const DEFAULT_MINIMUM_BASE = 10;

/** A survey's minimum base: its own, else the default. */
export const minimumBaseOf = (survey: { analysis?: Pick<AnalysisConfig, 'minimumBase'> | null }) =>
  survey.analysis?.minimumBase ?? DEFAULT_MINIMUM_BASE;

export type AnalysisConfig = z.infer<typeof analysisConfigSchema>;
