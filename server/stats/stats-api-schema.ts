import { z } from 'zod';

/**
 * What GET /api/surveys/:slug/stats and GET /api/compare answer, as zod: the compiler checks the routes' answers
 * against these, and /api/openapi.json shows them. A question's own figures depend on its kind and are described
 * by their common fields; `canvass stats --json` gives the same JSON.
 */
const withheld = z.literal(true).optional().describe('Set when the figure is withheld (disclosure control)');
const count = z.number().optional().describe('Absent when withheld');

const questionFigures = z
  .object({
    type: z.string().describe('The SurveyJS question type'),
    title: z.string(),
    kind: z.enum(['choice', 'multi', 'number', 'text', 'matrix', 'items', 'entries', 'ranking', 'unsupported']),
    answered: count,
    skipped: count,
    notShown: count,
    suppressed: withheld,
  })
  .describe("One question's figures: the fields beyond these depend on its kind");

export const publishedStatsSchema = z.object({
  survey: z.string(),
  title: z.string(),
  generatedAt: z.string(),
  filters: z.object({
    where: z.record(z.string(), z.string()),
    from: z.string().nullable(),
    to: z.string().nullable(),
    includePartial: z.boolean(),
  }),
  groupBy: z
    .object({
      question: z.string(),
      groups: z.array(
        z.object({
          value: z.unknown(),
          label: z.string(),
          respondents: z.number().nullable().optional(),
          suppressed: withheld,
        }),
      ),
    })
    .nullable(),
  suppression: z.object({ rule: z.enum(['minimum-base', 'cell']), threshold: z.number() }).nullable(),
  weighting: z.object({ by: z.string(), designEffect: count, effectiveN: count, suppressed: withheld }).nullable(),
  responses: z
    .object({
      total: count,
      complete: count,
      partial: count,
      analysed: count.describe('Responses the figures are of: complete ones, and partial ones when asked for'),
      practices: z.number().nullable(),
      rate: z.number().nullable().optional().describe('Complete responses as a percentage of practices'),
      firstAt: z
        .string()
        .nullable()
        .optional()
        .describe("The day (YYYY-MM-DD, Scotland's time) the first response analysed was submitted"),
      lastAt: z
        .string()
        .nullable()
        .optional()
        .describe("The day (YYYY-MM-DD, Scotland's time) the last response analysed was submitted"),
      areaQuestion: z.string().nullable(),
      byLmc: z.record(
        z.string(),
        z.object({
          name: z.string(),
          practices: z.number(),
          responses: z.number().nullable().optional().describe('Complete responses from the area'),
          rate: z.number().nullable().optional().describe('Complete responses as a percentage of practices'),
          suppressed: withheld,
        }),
      ),
      suppressed: withheld.describe(
        'Set when the selection has fewer respondents than the threshold: its counts and rate are withheld',
      ),
    })
    .describe('Counts of the responses the filters select'),
  questions: z.record(z.string(), questionFigures),
});

const wave = z.object({ slug: z.string(), title: z.string(), responses: z.number() });
const testName = z.string().nullable().describe('The test the p-value comes from');
const cell = z.object({ count: z.number(), answered: z.number(), percent: z.number() });
const optionChange = z.object({
  value: z.unknown(),
  label: z.string(),
  a: cell,
  b: cell,
  difference: z.object({ points: z.number(), ci95: z.tuple([z.number(), z.number()]).nullable() }),
  p: z.number().nullable(),
  test: testName,
});
const numberChange = z.object({
  a: z.object({ n: z.number(), mean: z.number().nullable() }),
  b: z.object({ n: z.number(), mean: z.number().nullable() }),
  difference: z.number().nullable(),
  p: z.number().nullable(),
  test: testName,
});
const questionChange = z.union([
  z.object({
    kind: z.enum(['choice', 'multi']),
    title: z.string(),
    options: z.array(optionChange),
    groups: z.record(z.string(), z.array(optionChange)).optional(),
  }),
  numberChange.extend({
    kind: z.literal('number'),
    title: z.string(),
    groups: z.record(z.string(), numberChange).optional(),
  }),
]);

export const comparisonSchema = z.object({
  a: wave,
  b: wave,
  by: z.string().nullable(),
  questions: z.record(z.string(), questionChange),
  suppression: z
    .object({ rule: z.literal('minimum-base'), thresholds: z.object({ a: z.number(), b: z.number() }) })
    .optional()
    .describe('Under the publication rule (publish=true)'),
  withheld: z
    .array(z.string())
    .optional()
    .describe('Under the publication rule: questions, or groups of a question (question: group), withheld'),
});
