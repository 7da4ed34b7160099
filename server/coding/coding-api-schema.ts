import { z } from 'zod';
import {
  applicationSchema,
  codeSchema,
  independentSchema,
  memoSchema,
  reviewStatusSchema,
  segmentSchema,
  settledSchema,
  themeSchema,
} from './coding-record';
import { rerunSummarySchema } from './coding-rerun';
import { reviewOperationSchema } from './review-operations';
import { themeRunViewSchema } from './theme-runs';

/**
 * The coding API's bodies and answers, as zod: the routes check requests with these, the compiler checks their
 * answers against them, and /api/openapi.json shows them.
 */
/** A coded question's address: its survey and its name. */
export const questionParamsSchema = z.object({
  slug: z.string(),
  question: z.string().describe('The name of a free-text question'),
});

export const operationBodySchema = z.strictObject({
  version: z.number().int().min(1),
  operation: reviewOperationSchema,
});

const reviewStatus = reviewStatusSchema;
const settled = settledSchema;

export const codingAnswerSchema = z.object({
  version: z.number(),
  updatedAt: z.string(),
  surveySlug: z.string(),
  question: z.string(),
  independent: independentSchema.optional(),
  segments: z.array(segmentSchema),
  codes: z.array(codeSchema),
  themes: z.array(themeSchema),
  applications: z.array(applicationSchema),
  memos: z.array(memoSchema),
  groups: z.record(z.string(), z.string()).optional().describe("Each coded answer's group, by response id"),
  unassigned: z.array(z.string()).optional(),
  method: z.unknown().optional().describe("How the machine's proposal was made"),
  consensus: z.record(z.string(), settled).optional(),
  history: z.array(z.object({ version: z.number(), operation: z.string(), doneBy: z.string(), doneAt: z.string() })),
});

export const operationAnswerSchema = z.object({
  version: z.number().describe('The new version'),
  code: z.string().optional().describe('After a code-span whose label a code already had: that code'),
  joined: z.literal(true).optional(),
  message: z.string().optional(),
});

export const undoAnswerSchema = z.object({
  undone: z.literal(true),
  operation: z.string().describe('What was undone, as recorded'),
  sentence: z.string().describe('What was undone, in words ("renamed a theme to “Access to data”")'),
  keptBecauseChangedSince: z.number().describe('Parts of it kept because someone changed them since'),
});

const coefficient = z.number().nullable();
export const agreementAnswerSchema = z.object({
  coders: z.array(z.string()).describe('The researchers compared, by e-mail'),
  units: z.number().describe('Answers at least one of them coded'),
  compared: z
    .number()
    .describe('Answers two or more of them coded (accepting or rejecting a code): those the figures compare'),
  percentAgreement: coefficient,
  krippendorffAlpha: coefficient,
  cohenKappa: coefficient.describe('Only for two researchers'),
  perCode: z.record(
    z.string(),
    z.object({
      label: z.string(),
      percentAgreement: coefficient,
      krippendorffAlpha: coefficient,
      cohenKappa: coefficient,
    }),
  ),
  disagreements: z.array(
    z.object({
      answer: z.string(),
      text: z.string(),
      codes: z.record(z.string(), z.array(z.string())),
      uncoded: z
        .array(z.string())
        .describe('The researchers compared who have not coded this answer (no codes, no decision)'),
      given: z.array(z.object({ id: z.string(), label: z.string() })),
      settled: settled.nullable(),
    }),
  ),
});

export const agreementQuerySchema = z.object({
  coders: z.string().optional().describe('comma-separated e-mails'),
});

export const suggestAnswerSchema = z.object({ suggested: z.number().describe('How many were suggested') });

// The staff pages' own JSON, which their scripts read: typed the same way, though not part of the public API.

/** A theme run as its page's script polls it (runModel), or `{ status: 'none' }` when the question has none. */
export const themeRunAnswerSchema = z.union([
  themeRunViewSchema.extend({
    counted: z.boolean(),
    percent: z.number().nullable(),
    phaseText: z.string(),
    running: z.boolean(),
  }),
  z.object({ status: z.literal('none') }),
]);

/** What a script's run (asked for as JSON) replaced and kept; null on a question's first run. */
export const runSummaryAnswerSchema = z.object({ summary: rerunSummarySchema.nullable() });

const screenCode = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  status: reviewStatus,
  themeId: z.string().nullable(),
  mixed: z.boolean().describe("A machine's mixed code: its segments share no phrase; not acceptable as it is"),
  colour: z.string(),
  passages: z.number(),
  people: z.number(),
  waiting: z.number().describe('Suggestions still waiting for a decision'),
  heldBy: z
    .string()
    .nullable()
    .describe("After the reveal, the researcher whose own this is, when it is not the viewer's to change (else null)"),
});
const screenCard = z.object({
  id: z.string(),
  number: z.number(),
  name: z.string(),
  pieces: z.array(z.object({ text: z.string(), codes: z.array(z.string()), suggested: z.array(z.string()) })),
  codes: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      colour: z.string(),
      by: z.array(z.string()).describe('The researchers who gave it on this answer'),
      passages: z
        .array(z.object({ segment: z.string(), words: z.string() }))
        .describe(
          "Where it is on the answer, each passage once; coding independently, the viewer's own only (what Remove takes off)",
        ),
    }),
  ),
  suggestions: z.array(
    z.object({
      segment: z.string(),
      code: z.string(),
      label: z.string(),
      colour: z.string(),
      confidence: z.string().nullable(),
      evidence: z.string(),
      words: z.string(),
    }),
  ),
});

/** The one-screen coding view's data (codingScreenModel) at the coding's version. */
export const screenDataAnswerSchema = z.object({
  version: z.number(),
  independent: z.boolean().describe('Coded independently: each researcher changes only their own coding'),
  codebook: z.object({
    themes: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        definition: z.string(),
        status: reviewStatus,
        mixed: z
          .boolean()
          .describe("A machine's mixed group: no phrase shared by a third of its answers; not acceptable as it is"),
        passages: z.number(),
        people: z.number(),
        waiting: z.number().describe('Passages where one of its codes is suggested, still waiting for a decision'),
        heldBy: z
          .string()
          .nullable()
          .describe(
            "After the reveal, the researcher whose own this is, when it is not the viewer's to change (else null)",
          ),
        codes: z.array(screenCode),
      }),
    ),
    unthemed: z.array(screenCode),
  }),
  answers: z.array(screenCard),
  filters: z.object({
    page: z.number(),
    show: z.enum(['all', 'uncoded', 'suggested', 'unassigned']),
    code: z.string(),
    theme: z.string(),
    role: z.string(),
    area: z.string(),
    roles: z.array(z.string()),
    areas: z.array(z.string()),
  }),
  page: z.number(),
  pages: z.number(),
  matching: z.number(),
  first: z.number(),
  last: z.number(),
  counts: z.object({ answers: z.number(), uncoded: z.number(), suggested: z.number() }),
  memos: z.array(z.object({ text: z.string(), by: z.string(), at: z.string() })),
  suggest: z
    .object({ ready: z.boolean(), learnedFrom: z.number() })
    .describe('Whether "suggest" can learn yet: two codes or more decided on `learnedFrom` answers each'),
});

/** The passages a code is on, with the name of each one's answer (codePassages). */
export const screenPassagesAnswerSchema = z.object({
  passages: z.array(z.object({ segment: z.string(), words: z.string(), answer: z.string(), suggested: z.boolean() })),
});
