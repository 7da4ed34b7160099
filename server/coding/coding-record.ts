import { z } from 'zod';
import type { InductiveResult } from '../../analysis/coding/themes';
import type { CodingDocument } from '../kernel/coding-records';
import { CorruptRecordError } from '../store/stored-record';
import type { CodingState } from './coding-state';

/**
 * The coding document as zod: the store keeps it opaque (it checks only the envelope, survey and question), so the
 * coding domain checks the rest where it reads it. The API's answers (coding-api-schema.ts) show the same parts.
 */
const privateTo = z.string().optional().describe("Coded independently: its author's alone until the reveal");
export const reviewStatusSchema = z.enum(['proposed', 'accepted', 'discarded']);

export const segmentSchema = z.object({
  id: z.string(),
  responseId: z.string(),
  text: z.string(),
  start: z.number().describe('UTF-16 code units into the answer'),
  end: z.number(),
  privateTo,
});
export const codeSchema = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  keywords: z.array(z.string()),
  source: z.enum(['inductive', 'codebook', 'researcher']),
  themeId: z.string().nullable(),
  parentId: z.string().nullable(),
  status: reviewStatusSchema,
  /** The machine found no phrase its segments share (labelled "Mixed: …"). */
  mixed: z.boolean().optional(),
  privateTo,
  reviewedBy: z.string().optional(),
});
export const themeSchema = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  definedBy: z.string().optional(),
  reviewedBy: z.string().optional(),
  status: reviewStatusSchema,
  proposedQuotes: z.array(z.string()),
  chosenQuotes: z.array(z.string()),
  mixed: z.boolean().optional(),
  labelCoverage: z.number().optional(),
  mergedFrom: z.array(z.string()).optional(),
  privateTo,
  releasedCodes: z
    .array(z.string())
    .optional()
    .describe('Discarded by a researcher: the codes it held then, which restore-theme brings back'),
  mergedIntoId: z.string().optional().describe('Merged by a researcher: the theme it joined'),
});
export const applicationSchema = z.object({
  segmentId: z.string(),
  codeId: z.string(),
  origin: z.enum(['machine', 'researcher']).optional(),
  by: z.string().describe('"machine" or the e-mail of the researcher'),
  status: z.enum(['suggested', 'accepted', 'rejected']),
  confidence: z.number().nullable(),
  evidence: z.array(z.string()),
  suggestedFor: z.string().optional(),
});
export const memoSchema = z.object({ id: z.string(), text: z.string(), by: z.string(), at: z.string(), privateTo });
export const settledSchema = z.object({ codes: z.array(z.string()), by: z.string(), at: z.string() });
export const independentSchema = z.object({ startedAt: z.string(), revealed: z.boolean() });

const partChange = z.object({
  part: z.enum(['codes', 'themes', 'segments', 'applications', 'memos', 'consensus', 'settings']),
  key: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
const undoEntry = z.object({
  version: z.number(),
  by: z.string(),
  operation: z.string(),
  changes: z.array(partChange),
  undoes: z.number().optional(),
  undone: z.boolean().optional(),
});
type InductiveMethod = InductiveResult['method'];

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

/**
 * Typed against CodingState, so the two cannot drift apart. Every part is checked in full except each segment and
 * code application, which are checked to be objects only: a coding of ten thousand answers holds tens of thousands
 * of each, and checking them in full took as long as reading the JSON (30-180 ms on a 31,000-segment coding, against
 * 10-25 ms this way), on every read.
 */
const codingStateSchema: z.ZodType<CodingState> = z.object({
  surveySlug: z.string(),
  question: z.string(),
  independent: independentSchema.optional(),
  segments: z.array(z.custom<z.infer<typeof segmentSchema>>(isObject)),
  codes: z.array(codeSchema),
  themes: z.array(themeSchema),
  applications: z.array(z.custom<z.infer<typeof applicationSchema>>(isObject)),
  memos: z.array(memoSchema),
  groups: z.record(z.string(), z.string()).optional(),
  unassigned: z.array(z.string()).optional(),
  // How the machine's proposal was made: written and read by analysis/coding/themes.ts, shown as it is.
  method: z.custom<InductiveMethod>(isObject).optional(),
  consensus: z.record(z.string(), settledSchema).optional(),
  undoLog: z.array(undoEntry).optional(),
});

function assertCodingState(document: CodingDocument): asserts document is CodingState {
  const result = codingStateSchema.safeParse(document);
  if (result.success) return;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(the record)'}: ${issue.message}`);
  throw new CorruptRecordError(
    `The stored coding of question "${document.question}" in survey "${document.surveySlug}" is not valid: ${issues.join('; ')}`,
  );
}

/** A stored coding document checked as a coding, returned as read (its keys in the order they were stored). */
export function codingStateFrom(document: CodingDocument): CodingState {
  assertCodingState(document);
  return document;
}
