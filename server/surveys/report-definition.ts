import { z } from 'zod';

/**
 * One bullet of a key finding: a sentence whose {placeholders} are filled from the statistics.
 * - `question` + `group`: {<option value>} is that option's percentage (e.g. {yes}, {dont_know}).
 * - `mean` + `group`: {mean} is the mean of a numeric question or rating scale, {nps} its Net Promoter Score.
 * `decimals` is how many decimal places {mean} and {nps} get; percentages always follow the report's one rounding
 * rule (one decimal place, analysis/stats-format.ts), whatever it says.
 */
const bulletSchema = z.strictObject({
  question: z.string().optional(),
  mean: z.string().optional(),
  group: z.string().optional(),
  decimals: z.number().int().min(0).max(2).default(0),
  text: z.string().min(1),
  /** How the base of a mean is described, e.g. "who gave their hours"; by default, who answered the question. */
  who: z.string().optional(),
});

const findingSchema = z.strictObject({
  heading: z.string().min(1),
  bullets: z.array(bulletSchema).default([]),
  /** A free-text question whose themes and quotes belong under this finding. */
  freeText: z.string().optional(),
  /** A Likert matrix shown as a diverging bar chart, with a bullet per statement on its top two answers. */
  likert: z.string().optional(),
  /** Yes/no questions charted by group with 95% intervals, each with a short label for the axis. */
  chart: z.array(z.strictObject({ question: z.string(), label: z.string().min(1).max(40) })).optional(),
  interpretation: z.string().default(''),
});

export const reportDefinitionSchema = z.strictObject({
  title: z.string().min(1),
  subtitle: z.string().optional(),
  organisations: z.string().optional(),
  /** How groups are named in sentences, e.g. { "cql": { "singular": "CQL", "plural": "CQLs" } }. */
  groupNames: z.record(z.string(), z.strictObject({ singular: z.string(), plural: z.string() })).default({}),
  /** The grouping in sentences such as "By role: ..."; by default the grouping question's title. */
  groupLabel: z.string().optional(),
  /** An example after "questions shown only to some respondents", e.g. "for example to CQLs". */
  conditionalExample: z.string().optional(),
  /** Caption of the chart of the first banded numeric question by group; by default its title and the grouping. */
  bandsCaption: z.string().optional(),
  /** What numeric answers are called in the methods, e.g. "hours"; by default "numbers and rating scales". */
  numbersLabel: z.string().optional(),
  /** Abbreviations the report uses, spelled out in a list of their own after the background ("HSCP": "Health …"). */
  abbreviations: z.record(z.string().min(1).max(20), z.string().min(1).max(200)).default({}),
  /** Who was asked and how, opening the "Survey distribution and response" section. */
  distributionSentence: z.string().optional(),
  findings: z.array(findingSchema).default([]),
  /**
   * An earlier wave of the same survey: findings then say "up from 54% in 2024" where the change is
   * significant (p < 0.05), and charted questions get a chart of both waves.
   */
  previousWave: z.strictObject({ survey: z.string().min(1), label: z.string().min(1).max(40), thisLabel: z.string().min(1).max(40) }).optional(),
  examples: z.strictObject({ question: z.string(), heading: z.string(), intro: z.string().default(''), quotes: z.number().int().min(0).max(20).default(5) }).optional(),
  /** Starting text of the sections staff edit before publishing. */
  narrative: z
    .strictObject({
      background: z.string().default(''),
      discussion: z.string().default(''),
      conclusion: z.string().default(''),
      recommendations: z.array(z.string()).default([]),
    })
    .default({ background: '', discussion: '', conclusion: '', recommendations: [] }),
});

export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;
export type ReportFinding = ReportDefinition['findings'][number];
export type ReportFindingInput = z.input<typeof findingSchema>;
export type ReportBullet = ReportFinding['bullets'][number];
