import { z } from 'zod';
import { reviewOperationSchema } from './review-operations';

/**
 * The coding API's bodies and answers, as zod: the routes check requests with these, the compiler checks their
 * answers against them, and /api/openapi.json shows them.
 */
export const operationBodySchema = z.strictObject({
  version: z.number().int().min(1),
  operation: reviewOperationSchema,
});

const privateTo = z.string().optional().describe("Coded independently: its author's alone until the reveal");
const reviewStatus = z.enum(['proposed', 'accepted', 'discarded']);

const segment = z.object({
  id: z.string(),
  responseId: z.string(),
  text: z.string(),
  start: z.number().describe('UTF-16 code units into the answer'),
  end: z.number(),
  privateTo,
});
const code = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  keywords: z.array(z.string()),
  source: z.enum(['inductive', 'codebook', 'researcher']),
  themeId: z.string().nullable(),
  parentId: z.string().nullable(),
  status: reviewStatus,
  privateTo,
});
const theme = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  definedBy: z.string().optional(),
  status: reviewStatus,
  proposedQuotes: z.array(z.string()),
  chosenQuotes: z.array(z.string()),
  mixed: z.boolean().optional(),
  labelCoverage: z.number().optional(),
  mergedFrom: z.array(z.string()).optional(),
  privateTo,
});
const application = z.object({
  segmentId: z.string(),
  codeId: z.string(),
  origin: z.enum(['machine', 'researcher']).optional(),
  by: z.string().describe('"machine" or the e-mail of the researcher'),
  status: z.enum(['suggested', 'accepted', 'rejected']),
  confidence: z.number().nullable(),
  evidence: z.array(z.string()),
  suggestedFor: z.string().optional(),
});
const memo = z.object({ id: z.string(), text: z.string(), by: z.string(), at: z.string(), privateTo });
const settled = z.object({ codes: z.array(z.string()), by: z.string(), at: z.string() });

export const codingAnswerSchema = z.object({
  version: z.number(),
  updatedAt: z.string(),
  surveySlug: z.string(),
  question: z.string(),
  independent: z.object({ startedAt: z.string(), revealed: z.boolean() }).optional(),
  segments: z.array(segment),
  codes: z.array(code),
  themes: z.array(theme),
  applications: z.array(application),
  memos: z.array(memo),
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
  operation: z.string().describe('What was undone'),
  keptBecauseChangedSince: z.number().describe('Parts of it kept because someone changed them since'),
});

const coefficient = z.number().nullable();
export const agreementAnswerSchema = z.object({
  coders: z.array(z.string()).describe('The researchers compared, by e-mail'),
  units: z.number().describe('Answers at least one of them coded'),
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
      given: z.array(z.object({ id: z.string(), label: z.string() })),
      settled: settled.nullable(),
    }),
  ),
});

export const agreementQuerySchema = z.object({
  coders: z.string().optional().describe('comma-separated e-mails'),
});

export const suggestAnswerSchema = z.object({ suggested: z.number().describe('How many were suggested') });
