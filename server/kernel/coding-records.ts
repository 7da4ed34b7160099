import { z } from 'zod';

/**
 * A coding as the store keeps it: a versioned JSON document the coding domain owns (server/coding/coding-state.ts);
 * the store checks and reads only which survey and question it belongs to, and keeps the rest as it is given.
 */
export interface CodingDocument {
  surveySlug: string;
  question: string;
}
export const codingDocumentSchema: z.ZodType<CodingDocument> = z.looseObject({
  surveySlug: z.string(),
  question: z.string(),
});

export interface StoredCoding<State extends CodingDocument = CodingDocument> {
  state: State;
  version: number;
  updatedAt: string;
}

export interface CodingChange {
  operation: string;
  doneBy: string;
  doneAt: string;
}

export interface CodingAuditEntry extends CodingChange {
  version: number;
}
