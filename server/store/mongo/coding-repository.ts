import mongoose from 'mongoose';
import { z } from 'zod';
import { checkedRecord } from '../stored-record';
import { applyKept, ChainRewriter, codingName, patchBack, patchForward, storedCoding } from '../coding-patches';
import { isUndo, UNDO_PREFIX } from '../save-outcome';
import type { CodingAuditEntry, CodingChange, CodingDocument, StoredCoding } from '../../kernel/coding-records';
import type { CodingRepository } from '../repository';
import { DUPLICATE_KEY, type Models } from './models';

/** A coding as this adapter keeps it: the document as JSON text, its version, and the audit generation it is on. */
const codingDocSchema = z.object({
  _id: z.unknown(),
  state: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  generation: z.number().optional(),
});
type CodingDoc = z.infer<typeof codingDocSchema>;

const codingDoc = (doc: unknown, key: { surveySlug: string; question: string }): CodingDoc | null =>
  doc ? checkedRecord(codingDocSchema, doc, codingName(key)) : null;

/**
 * Without multi-document transactions (FerretDB has none; a single MongoDB server neither), a change and its
 * audit entry are kept together by writing the entry first, with both patches: inserting the entry claims the
 * next version (unique index), and anyone who later finds an entry one version ahead of the coding applies it
 * (rolls forward). So the coding never changes without its entry, and an entry is never lost. Purging rewrites
 * the audit into a new generation and switches to it in one update.
 */
export class MongoCodingRepository implements CodingRepository {
  constructor(private readonly models: Models) {}

  async get(surveySlug: string, question: string): Promise<StoredCoding | null> {
    const doc = await this.current({ surveySlug, question });
    if (!doc) return null;
    // The store checks the envelope (survey and question); the rest of the document is the coding domain's.
    const state = storedCoding(doc.state, codingName({ surveySlug, question }));
    return { state, version: doc.version, updatedAt: doc.updatedAt };
  }

  async save(state: CodingDocument, expectedVersion: number, change: CodingChange): Promise<boolean> {
    return this.write({ surveySlug: state.surveySlug, question: state.question }, state, expectedVersion, change, null);
  }

  async undo(surveySlug: string, question: string, change: CodingChange): Promise<boolean> {
    const key = { surveySlug, question };
    const doc = await this.current(key);
    if (!doc) return false;
    const entries = await this.models.CodingAudit.find({ ...key, generation: generationOf(doc) })
      .sort({ version: -1 })
      .lean();
    const undone = new Set(
      entries.flatMap((entry) => (entry.undoes === null || entry.undoes === undefined ? [] : [entry.undoes])),
    );
    const last = entries.find((entry) => !isUndo(entry.operation) && !entry.undone && !undone.has(entry.version));
    if (!last || last.beforeState === null || last.beforeState === undefined) return false;
    const before = applyKept(storedCoding(doc.state, codingName(key)), last.beforeState);
    return this.write(
      key,
      before,
      doc.version,
      { ...change, operation: `${UNDO_PREFIX}${change.operation}` },
      last.version,
    );
  }

  async history(surveySlug: string, question: string, limit: number): Promise<CodingAuditEntry[]> {
    const doc = await this.current({ surveySlug, question });
    const docs = await this.models.CodingAudit.find({ surveySlug, question, generation: generationOf(doc) })
      .sort({ version: -1 })
      .limit(limit)
      .lean();
    return docs.map((entry) => ({
      version: entry.version,
      operation: entry.operation,
      doneBy: entry.doneBy,
      doneAt: entry.doneAt,
    }));
  }

  async questions(surveySlug: string): Promise<string[]> {
    const docs = await this.models.Coding.find({ surveySlug }, { question: 1 }).sort({ question: 1 }).lean();
    return docs.map((doc) => doc.question);
  }

  async rewriteAll(surveySlug: string, rewrite: (state: CodingDocument) => CodingDocument): Promise<void> {
    // The store keeps the documents as JSON; the rewrite is the domain's and takes them as its own type.
    const onDocuments = rewrite as unknown as (state: CodingDocument) => CodingDocument;
    for (const { question } of await this.models.Coding.find({ surveySlug }, { question: 1 }).lean()) {
      // A change made while the new generation was being written makes the switch match nothing: start again.
      while (!(await this.rewriteQuestion({ surveySlug, question }, onDocuments)));
    }
  }

  private async rewriteQuestion(
    key: { surveySlug: string; question: string },
    rewrite: (state: CodingDocument) => CodingDocument,
  ): Promise<boolean> {
    const doc = await this.current(key);
    if (!doc) return true;
    const old = generationOf(doc);
    const next = old + 1;
    await this.models.CodingAudit.deleteMany({ ...key, generation: next });
    const chain = new ChainRewriter(storedCoding(doc.state, codingName(key)), rewrite);
    const entries = this.models.CodingAudit.find({ ...key, generation: old })
      .sort({ version: -1 })
      .lean()
      .cursor();
    for await (const entry of entries) {
      const { back, forward } = chain.next(entry.beforeState ?? null);
      const { _id, ...rest } = entry;
      await this.models.CodingAudit.create([{ ...rest, generation: next, beforeState: back, forward }]);
      if (entry.beforeState === null || entry.beforeState === undefined) break;
    }
    const switched = await this.models.Coding.updateOne(
      { _id: doc._id, version: doc.version, generation: doc.generation ?? mongoose.trusted({ $exists: false }) },
      { $set: { state: JSON.stringify(chain.rewrittenCurrent), generation: next } },
    );
    if (switched.modifiedCount !== 1 && switched.matchedCount !== 1) return false;
    await this.models.CodingAudit.deleteMany({ ...key, generation: old });
    return true;
  }

  /** The coding with any change whose audit entry is written but not yet applied rolled forward. */
  private async current(key: { surveySlug: string; question: string }): Promise<CodingDoc | null> {
    const doc = codingDoc(await this.models.Coding.findOne(key).lean(), key);
    const pending = await this.models.CodingAudit.findOne({
      ...key,
      generation: generationOf(doc),
      version: (doc?.version ?? 0) + 1,
    }).lean();
    if (!pending || pending.forward === null || pending.forward === undefined) return doc;
    const state = applyKept(doc ? storedCoding(doc.state, codingName(key)) : null, pending.forward);
    await this.apply(key, doc, JSON.stringify(state), pending.version, pending.doneAt);
    return codingDoc(await this.models.Coding.findOne(key).lean(), key);
  }

  private async write(
    key: { surveySlug: string; question: string },
    state: CodingDocument,
    expectedVersion: number,
    change: CodingChange,
    undoes: number | null,
  ): Promise<boolean> {
    const doc = await this.current(key);
    if ((doc?.version ?? 0) !== expectedVersion) return false;
    const before = doc ? storedCoding(doc.state, codingName(key)) : null;
    const version = expectedVersion + 1;
    try {
      await this.models.CodingAudit.create([
        {
          ...key,
          ...change,
          version,
          generation: generationOf(doc),
          beforeState: patchBack(before, state),
          forward: patchForward(before, state),
          undoes,
        },
      ]);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
    await this.apply(key, doc, JSON.stringify(state), version, change.doneAt);
    return true;
  }

  /** Moves the coding from the version read to the next; if someone rolled it forward first, that is the same change. */
  private async apply(
    key: { surveySlug: string; question: string },
    doc: CodingDoc | null,
    state: string,
    version: number,
    at: string,
  ): Promise<void> {
    if (doc) {
      await this.models.Coding.updateOne(
        { _id: doc._id, version: version - 1 },
        { $set: { state, version, updatedAt: at } },
      );
      return;
    }
    try {
      await this.models.Coding.create([{ ...key, state, version, updatedAt: at, generation: 0 }]);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }
}

const generationOf = (doc: CodingDoc | null) => doc?.generation ?? 0;
