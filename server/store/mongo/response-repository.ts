import mongoose from 'mongoose';
import { z } from 'zod';
import { checkedRecord } from '../stored-record';
import { GroupCommit } from '../group-commit';
import { answersKey, decideSaveOutcome } from '../save-outcome';
import { recordFrom } from './plain';
import { responseRecordSchema, type ResponseRecord } from '../../kernel/response-records';
import type { AreaCount, ResponseQuery, ResponseRepository, SaveOutcome, WhichResponses } from '../repository';
import { DUPLICATE_KEY, type Models } from './models';

const nameOf = (response: { id: unknown; surveySlug: unknown }) =>
  `response ${JSON.stringify(response.id)} of survey ${JSON.stringify(response.surveySlug)}`;
/** Read by the million when analysis streams a survey: the record's name is built only for an error. */
const toResponse = (doc: unknown): ResponseRecord => recordFrom(responseRecordSchema, doc, nameOf);

const idSchema = z.object({ id: z.string() });

const dataKeyOf = (response: ResponseRecord) => answersKey(response.data);

export class MongoResponseRepository implements ResponseRepository {
  private readonly commits = new GroupCommit<ResponseRecord, SaveOutcome>((responses) => this.saveBatch(responses));

  constructor(private readonly models: Models) {}

  /** Acknowledged once the batch it joined is written with the connection's write concern. */
  async save(response: ResponseRecord): Promise<SaveOutcome> {
    return this.commits.submit(response);
  }

  /**
   * New responses of a batch go in one unordered insertMany (one write-concern wait); those whose id is already
   * there (a partial being completed, a retry) are then settled one by one, in the order they came.
   */
  private async saveBatch(responses: ResponseRecord[]): Promise<Array<SaveOutcome | Error>> {
    const results: Array<SaveOutcome | Error> = responses.map(() => 'created');
    const failed = new Map<number, { code?: number; message?: string }>();
    try {
      await this.models.Response.insertMany(
        responses.map((response) => ({ ...response, dataKey: dataKeyOf(response) })),
        { ordered: false, rawResult: true },
      );
    } catch (error) {
      const writeErrors = (
        error as {
          writeErrors?: Array<{
            index?: number;
            code?: number;
            err?: { index?: number; code?: number; errmsg?: string };
            errmsg?: string;
          }>;
        }
      ).writeErrors;
      if (!writeErrors) throw error;
      for (const writeError of writeErrors)
        failed.set(writeError.index ?? writeError.err?.index ?? -1, {
          code: writeError.code ?? writeError.err?.code,
          message: writeError.errmsg ?? writeError.err?.errmsg,
        });
    }
    for (const [index, failure] of [...failed.entries()].sort((a, b) => a[0] - b[0])) {
      if (index < 0) throw new Error('insertMany failed without saying which response');
      results[index] =
        failure.code === DUPLICATE_KEY
          ? await this.saveExisting(responses[index]!).catch((error: Error) => error)
          : new Error(failure.message ?? 'insert failed');
    }
    return results;
  }

  private async saveExisting(response: ResponseRecord): Promise<SaveOutcome> {
    const dataKey = dataKeyOf(response);
    const key = { surveySlug: response.surveySlug, id: response.id };
    const existing = await this.models.Response.findOne(key).lean();
    if (!existing) throw new Error(`response ${response.id} vanished during save`);
    const outcome = decideSaveOutcome(
      { key: existing.dataKey, complete: existing.complete },
      { key: dataKey, complete: response.complete },
    );
    if (outcome !== 'updated') return outcome;
    const result = await this.models.Response.updateOne(
      { ...key, complete: false },
      { $set: { data: response.data, dataKey, complete: response.complete, submittedAt: response.submittedAt } },
    );
    if (result.matchedCount === 1) return 'updated';
    // Another instance completed it between our read and write: judge against what was completed.
    const completed = await this.models.Response.findOne(key).lean();
    return decideSaveOutcome(
      { key: completed?.dataKey ?? '', complete: true },
      { key: dataKey, complete: response.complete },
    );
  }

  async get(surveySlug: string, id: string): Promise<ResponseRecord | null> {
    const doc = await this.models.Response.findOne({ surveySlug, id }).lean();
    return doc ? toResponse(doc) : null;
  }

  async countByAnswer(surveySlug: string, question: string): Promise<AreaCount[]> {
    // A plain field path works on MongoDB and FerretDB alike ($getField is MongoDB-only); survey question names
    // are SurveyJS identifiers, so a name that could read as a path or an operator is refused rather than quoted.
    if (!/^[A-Za-z0-9_][A-Za-z0-9_ -]*$/.test(question))
      throw new Error(`question name ${JSON.stringify(question)} cannot be counted`);
    // Grouped by answer and completeness with a plain $sum ($cond is MongoDB-only), then folded per answer.
    const rows = await this.models.Response.aggregate<{ _id: { value: unknown; complete: boolean }; count: number }>([
      { $match: { surveySlug } },
      { $group: { _id: { value: `$data.${question}`, complete: '$complete' }, count: { $sum: 1 } } },
    ]);
    const counts = new Map<string | null, AreaCount>();
    for (const { _id, count } of rows) {
      const value = _id.value === null || _id.value === undefined ? null : String(_id.value);
      const area = counts.get(value) ?? { value, complete: 0, partial: 0 };
      if (_id.complete) area.complete += count;
      else area.partial += count;
      counts.set(value, area);
    }
    return [...counts.values()].sort((a, b) => (a.value ?? '').localeCompare(b.value ?? ''));
  }

  async countBefore(surveySlug: string, before: string, which: WhichResponses = {}): Promise<number> {
    return this.models.Response.countDocuments(savedBefore(surveySlug, before, which));
  }

  async deleteBefore(surveySlug: string, before: string, which: WhichResponses = {}): Promise<number> {
    const result = await this.models.Response.deleteMany(savedBefore(surveySlug, before, which));
    return result.deletedCount;
  }

  async oldestPartial(surveySlug: string): Promise<string | null> {
    const doc = await this.models.Response.findOne({ surveySlug, complete: false })
      .sort({ submittedAt: 1, _id: 1 })
      .select({ id: 1 })
      .lean();
    return doc ? checkedRecord(idSchema, doc, 'unfinished response').id : null;
  }

  async removePartial(surveySlug: string, id: string): Promise<boolean> {
    return (await this.models.Response.deleteOne({ surveySlug, id, complete: false })).deletedCount === 1;
  }

  async *stream(surveySlug: string, query: ResponseQuery = {}): AsyncIterable<ResponseRecord> {
    const filter = query.includePartial ? { surveySlug } : { surveySlug, complete: true };
    const cursor = this.models.Response.find(filter).sort({ _id: 1 }).lean().cursor({ batchSize: 1000 });
    for await (const doc of cursor) yield toResponse(doc);
  }
}

const savedBefore = (surveySlug: string, before: string, which: WhichResponses) => ({
  surveySlug,
  submittedAt: mongoose.trusted({ $lt: before }),
  ...(which.partialOnly ? { complete: false } : {}),
});
