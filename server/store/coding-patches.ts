import { applyPatch, compare } from 'fast-json-patch';
import { codingDocumentSchema, type CodingDocument } from '../kernel/coding-records';
import { checkedRecord, storedJson } from './stored-record';

/** A coding's JSON as stored, checked to be a coding of a survey's question; `what` names it in an error. */
export function storedCoding(text: string, what: string): CodingDocument {
  return checkedRecord(codingDocumentSchema, storedJson(text, what), what);
}

export const codingName = (key: { surveySlug: string; question: string }) =>
  `coding of question "${key.question}" in survey "${key.surveySlug}"`;

/**
 * The coding audit keeps, for each change, a JSON Patch (RFC 6902) that takes the state after it back to the
 * state before (and, on MongoDB, one that takes it forward), not a full copy of the coding: a click that
 * accepts one code stores a few dozen bytes, not every answer again. Entries written before patches were kept
 * hold a full copy; both read back the same.
 */
export function patchBack(before: CodingDocument | null, after: CodingDocument): string | null {
  return before ? JSON.stringify(compare(after, before)) : null;
}

/** From `before` (null: nothing yet) to `after`: a patch, or the whole state when there was nothing before. */
export function patchForward(before: CodingDocument | null, after: CodingDocument): string {
  return JSON.stringify(before ? compare(before, after) : after);
}

/** Applies what the audit kept (a patch, or a full copy) to a state, giving the state at the other end. */
export function applyKept(state: CodingDocument | null, kept: string): CodingDocument {
  const parsed = storedJson(kept, 'coding audit entry');
  if (!Array.isArray(parsed)) return checkedRecord(codingDocumentSchema, parsed, 'coding audit entry');
  const patched: unknown = applyPatch(structuredClone(state), parsed, false, false).newDocument;
  return checkedRecord(codingDocumentSchema, patched, 'coding audit entry');
}

/**
 * Rewrites a question's current state and audit chain through `rewrite`, as purging needs: walking the audit
 * newest first, each earlier state is rebuilt from the one after it, rewritten, and its patches recomputed
 * between rewritten states, so no earlier state keeps what was purged. Holds two states at a time, not the
 * history. Each adapter walks its own entries (SQLite inside one transaction, MongoDB into a new generation).
 */
export class ChainRewriter {
  readonly rewrittenCurrent: CodingDocument;
  private after: CodingDocument | null;
  private rewrittenAfter: CodingDocument | null;

  constructor(
    current: CodingDocument,
    private readonly rewrite: (state: CodingDocument) => CodingDocument,
  ) {
    this.after = current;
    this.rewrittenCurrent = rewrite(current);
    this.rewrittenAfter = this.rewrittenCurrent;
  }

  /** The patches to keep for the next older entry, given what it kept before (its patch back, or null). */
  next(back: string | null): { back: string | null; forward: string } {
    if (!this.after || !this.rewrittenAfter)
      throw new Error('The coding audit continues past the change that created the coding');
    const before = back === null ? null : applyKept(this.after, back);
    const rewrittenBefore = before && this.rewrite(before);
    const patches = {
      back: patchBack(rewrittenBefore, this.rewrittenAfter),
      forward: patchForward(rewrittenBefore, this.rewrittenAfter),
    };
    this.after = before;
    this.rewrittenAfter = rewrittenBefore;
    return patches;
  }
}
