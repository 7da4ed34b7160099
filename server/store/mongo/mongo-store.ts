import mongoose from 'mongoose';
import { applyKept, ChainRewriter, patchBack, patchForward } from '../coding-patches';
import { GroupCommit } from '../group-commit';
import type {
  ApiTokenRecord,
  ApiTokenRepository,
  AreaCount,
  Answers,
  JsonObject,
  Distribution,
  NewStoredSurvey,
  CodingDocument,
  CodingAuditEntry,
  CodingChange,
  CodingRepository,
  ReportEdit,
  ReportEditRepository,
  StoredCoding,
  ResponseQuery,
  ResponseRecord,
  SaveOutcome,
  SessionRepository,
  SettingRepository,
  Store,
  StoredSurvey,
  SurveyRepository,
  ResponseRepository,
  SurveySchedule,
  UserRecord,
  UserRepository,
  WhichResponses,
} from '../repository';
import { defineModels, type Models } from './models';
import { answersKey, decideSaveOutcome, isUndo, UNDO_PREFIX } from '../save-outcome';

// Filters built from request input can never smuggle query operators; unknown filter paths are refused.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
// Without a connection a write must fail at once, not wait in a buffer the client never hears about.
mongoose.set('bufferCommands', false);

const DUPLICATE_KEY = 11000;

function plain<T>(doc: Record<string, unknown> | null, fields: readonly string[]): T | null {
  if (!doc) return null;
  return Object.fromEntries(fields.map((field) => [field, doc[field] ?? null])) as T;
}

const surveyFields = [
  'slug', 'title', 'definition', 'distribution', 'analysis', 'report', 'opensAt', 'closesAt', 'closedAt', 'createdAt', 'updatedAt', 'version',
] as const;

class MongoSurveyRepository implements SurveyRepository {
  constructor(private readonly models: Models) {}

  async upsert(survey: NewStoredSurvey, at: string): Promise<StoredSurvey> {
    const doc = await this.models.Survey.findOneAndUpdate(
      { slug: survey.slug },
      {
        $set: { title: survey.title, definition: survey.definition, distribution: survey.distribution, analysis: survey.analysis, report: survey.report, updatedAt: at },
        $setOnInsert: { slug: survey.slug, createdAt: at, opensAt: null, closesAt: null, closedAt: null },
        $inc: { version: 1 },
      },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    return plain<StoredSurvey>(doc as Record<string, unknown>, surveyFields)!;
  }

  async get(slug: string): Promise<StoredSurvey | null> {
    return plain<StoredSurvey>(await this.models.Survey.findOne({ slug }).lean(), surveyFields);
  }

  async version(slug: string): Promise<number | null> {
    const doc = await this.models.Survey.findOne({ slug }, { version: 1 }).lean();
    return doc ? (doc.version as number) : null;
  }

  async list(): Promise<StoredSurvey[]> {
    const docs = await this.models.Survey.find({}).sort({ createdAt: 1, slug: 1 }).lean();
    return docs.map((doc) => plain<StoredSurvey>(doc, surveyFields)!);
  }

  async setSchedule(slug: string, schedule: SurveySchedule, at: string): Promise<StoredSurvey | null> {
    const doc = await this.models.Survey.findOneAndUpdate(
      { slug },
      { $set: { ...schedule, updatedAt: at }, $inc: { version: 1 } },
      { returnDocument: 'after', lean: true },
    );
    return plain<StoredSurvey>(doc as Record<string, unknown> | null, surveyFields);
  }

  async setDistribution(slug: string, distribution: Distribution, at: string): Promise<StoredSurvey | null> {
    const doc = await this.models.Survey.findOneAndUpdate(
      { slug },
      { $set: { distribution, updatedAt: at }, $inc: { version: 1 } },
      { returnDocument: 'after', lean: true },
    );
    return plain<StoredSurvey>(doc as Record<string, unknown> | null, surveyFields);
  }
}

const responseFields = ['surveySlug', 'id', 'data', 'complete', 'submittedAt'] as const;

const dataKeyOf = (response: ResponseRecord) => answersKey(response.data);

class MongoResponseRepository implements ResponseRepository {
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
      await this.models.Response.insertMany(responses.map((response) => ({ ...response, dataKey: dataKeyOf(response) })), { ordered: false, rawResult: true });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ index?: number; code?: number; err?: { index?: number; code?: number; errmsg?: string }; errmsg?: string }> }).writeErrors;
      if (!writeErrors) throw error;
      for (const writeError of writeErrors) failed.set(writeError.index ?? writeError.err?.index ?? -1, { code: writeError.code ?? writeError.err?.code, message: writeError.errmsg ?? writeError.err?.errmsg });
    }
    for (const [index, failure] of [...failed.entries()].sort((a, b) => a[0] - b[0])) {
      if (index < 0) throw new Error('insertMany failed without saying which response');
      results[index] = failure.code === DUPLICATE_KEY ? await this.saveExisting(responses[index]!).catch((error: Error) => error) : new Error(failure.message ?? 'insert failed');
    }
    return results;
  }

  private async saveExisting(response: ResponseRecord): Promise<SaveOutcome> {
    const dataKey = dataKeyOf(response);
    const key = { surveySlug: response.surveySlug, id: response.id };
    const existing = await this.models.Response.findOne(key).lean();
    if (!existing) throw new Error(`response ${response.id} vanished during save`);
    const outcome = decideSaveOutcome({ key: existing.dataKey, complete: existing.complete }, { key: dataKey, complete: response.complete });
    if (outcome !== 'updated') return outcome;
    const result = await this.models.Response.updateOne(
      { ...key, complete: false },
      { $set: { data: response.data, dataKey, complete: response.complete, submittedAt: response.submittedAt } },
    );
    if (result.matchedCount === 1) return 'updated';
    // Another instance completed it between our read and write: judge against what was completed.
    const completed = await this.models.Response.findOne(key).lean();
    return decideSaveOutcome({ key: completed?.dataKey ?? '', complete: true }, { key: dataKey, complete: response.complete });
  }

  async get(surveySlug: string, id: string): Promise<ResponseRecord | null> {
    return plain<ResponseRecord>(await this.models.Response.findOne({ surveySlug, id }).lean(), responseFields);
  }

  async countByAnswer(surveySlug: string, question: string): Promise<AreaCount[]> {
    // A plain field path works on MongoDB and FerretDB alike ($getField is MongoDB-only); survey question names
    // are SurveyJS identifiers, so a name that could read as a path or an operator is refused rather than quoted.
    if (!/^[A-Za-z0-9_][A-Za-z0-9_ -]*$/.test(question)) throw new Error(`question name ${JSON.stringify(question)} cannot be counted`);
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

  async *stream(surveySlug: string, query: ResponseQuery = {}): AsyncIterable<ResponseRecord> {
    const filter = query.includePartial ? { surveySlug } : { surveySlug, complete: true };
    const cursor = this.models.Response.find(filter).sort({ _id: 1 }).lean().cursor({ batchSize: 1000 });
    for await (const doc of cursor) yield plain<ResponseRecord>(doc as Record<string, unknown>, responseFields)!;
  }
}

const savedBefore = (surveySlug: string, before: string, which: WhichResponses) => ({
  surveySlug,
  submittedAt: mongoose.trusted({ $lt: before }),
  ...(which.partialOnly ? { complete: false } : {}),
});

const userFields = ['email', 'role', 'passwordHash', 'createdAt', 'surveys', 'disabled', 'changedAt'] as const;

/** Accounts written before `disabled` and `changedAt` existed read as enabled and changed when created. */
const toUser = (doc: unknown): UserRecord => {
  const user = plain<UserRecord>(doc as Record<string, unknown>, userFields)!;
  return { ...user, disabled: user.disabled ?? false, changedAt: user.changedAt ?? user.createdAt };
};

class MongoUserRepository implements UserRepository {
  constructor(private readonly models: Models) {}

  async put(user: UserRecord): Promise<'created' | 'updated'> {
    const result = await this.models.User.updateOne(
      { email: user.email },
      {
        $set: { role: user.role, passwordHash: user.passwordHash, surveys: user.surveys, disabled: user.disabled, changedAt: user.changedAt },
        $setOnInsert: { email: user.email, createdAt: user.createdAt },
      },
      { upsert: true },
    );
    return result.upsertedCount === 1 ? 'created' : 'updated';
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const doc = await this.models.User.findOne({ email }).lean();
    return doc ? toUser(doc) : null;
  }

  async list(): Promise<UserRecord[]> {
    const docs = await this.models.User.find({}).sort({ email: 1 }).lean();
    return docs.map(toUser);
  }

  async remove(email: string): Promise<boolean> {
    return (await this.models.User.deleteOne({ email })).deletedCount === 1;
  }
}

class MongoSessionRepository implements SessionRepository {
  constructor(private readonly models: Models) {}

  async get(sid: string, now: string): Promise<JsonObject | null> {
    // Our own operators are marked trusted: sanitizeFilter would otherwise neutralise them like a user's.
    const doc = await this.models.Session.findOne({ sid, expiresAt: mongoose.trusted({ $gt: new Date(now) }) }).lean();
    return doc ? JSON.parse(doc.data) : null;
  }

  async set(sid: string, data: JsonObject, expiresAt: string): Promise<void> {
    await this.models.Session.updateOne(
      { sid },
      {
        $set: { data: JSON.stringify(data), expiresAt: new Date(expiresAt), userEmail: (data.user as { email?: string } | undefined)?.email ?? null },
        $setOnInsert: { sid },
      },
      { upsert: true },
    );
  }

  async touch(sid: string, expiresAt: string): Promise<void> {
    await this.models.Session.updateOne({ sid }, { $set: { expiresAt: new Date(expiresAt) } });
  }

  async destroy(sid: string): Promise<void> {
    await this.models.Session.deleteOne({ sid });
  }

  async destroyForUser(email: string): Promise<number> {
    return (await this.models.Session.deleteMany({ userEmail: email })).deletedCount;
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.models.Session.deleteMany({ expiresAt: mongoose.trusted({ $lte: new Date(now) }) });
    return result.deletedCount;
  }
}

const tokenFields = ['id', 'userEmail', 'name', 'hash', 'createdAt', 'expiresAt', 'revokedAt'] as const;

class MongoApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly models: Models) {}

  async add(token: ApiTokenRecord): Promise<void> {
    await this.models.ApiToken.create([token]);
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    return plain<ApiTokenRecord>(await this.models.ApiToken.findOne({ hash }).lean(), tokenFields);
  }

  async list(userEmail?: string): Promise<ApiTokenRecord[]> {
    const docs = await this.models.ApiToken.find(userEmail ? { userEmail } : {}).sort({ createdAt: -1, id: 1 }).lean();
    return docs.map((doc) => plain<ApiTokenRecord>(doc, tokenFields)!);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return (await this.models.ApiToken.updateOne({ id, revokedAt: null }, { $set: { revokedAt: at } })).modifiedCount === 1;
  }
}

class MongoSettingRepository implements SettingRepository {
  constructor(private readonly models: Models) {}

  async getOrInit(key: string, value: string): Promise<string> {
    const doc = await this.models.Setting.findOneAndUpdate(
      { key },
      { $setOnInsert: { key, value } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    return (doc as { value: string }).value;
  }
}

const editFields = ['surveySlug', 'section', 'text', 'editedBy', 'editedAt'] as const;

class MongoReportEditRepository implements ReportEditRepository {
  constructor(private readonly models: Models) {}

  async add(edit: ReportEdit): Promise<void> {
    await this.models.ReportEdit.create([edit]);
  }

  async current(surveySlug: string): Promise<Record<string, ReportEdit>> {
    // One indexed look-up per section: a report has a handful, and $group's $first is MongoDB-only.
    const sections = (await this.models.ReportEdit.distinct('section', { surveySlug })) as string[];
    const latest = await Promise.all(
      sections.map((section) => this.models.ReportEdit.findOne({ surveySlug, section }).sort({ _id: -1 }).lean()),
    );
    return Object.fromEntries(latest.map((doc) => [doc!.section, plain<ReportEdit>(doc as Record<string, unknown>, editFields)!]));
  }

  async history(surveySlug: string, limit: number): Promise<ReportEdit[]> {
    const docs = await this.models.ReportEdit.find({ surveySlug }).sort({ _id: -1 }).limit(limit).lean();
    return docs.map((doc) => plain<ReportEdit>(doc, editFields)!);
  }
}

interface CodingDoc {
  _id: unknown;
  state: string;
  version: number;
  updatedAt: string;
  generation?: number;
}

/**
 * Without multi-document transactions (FerretDB has none; a single MongoDB server neither), a change and its
 * audit entry are kept together by writing the entry first, with both patches: inserting the entry claims the
 * next version (unique index), and anyone who later finds an entry one version ahead of the coding applies it
 * (rolls forward). So the coding never changes without its entry, and an entry is never lost. Purging rewrites
 * the audit into a new generation and switches to it in one update.
 */
class MongoCodingRepository implements CodingRepository {
  constructor(private readonly models: Models) {}

  async get<State extends CodingDocument>(surveySlug: string, question: string): Promise<StoredCoding<State> | null> {
    const doc = await this.current({ surveySlug, question });
    return doc ? { state: JSON.parse(doc.state) as State, version: doc.version, updatedAt: doc.updatedAt } : null;
  }

  async save(state: CodingDocument, expectedVersion: number, change: CodingChange): Promise<boolean> {
    return this.write({ surveySlug: state.surveySlug, question: state.question }, state, expectedVersion, change, null);
  }

  async undo(surveySlug: string, question: string, change: CodingChange): Promise<boolean> {
    const key = { surveySlug, question };
    const doc = await this.current(key);
    if (!doc) return false;
    const entries = await this.models.CodingAudit.find({ ...key, generation: generationOf(doc) }).sort({ version: -1 }).lean();
    const undone = new Set(entries.flatMap((entry) => (entry.undoes === null || entry.undoes === undefined ? [] : [entry.undoes])));
    const last = entries.find((entry) => !isUndo(entry.operation) && !entry.undone && !undone.has(entry.version));
    if (!last || last.beforeState === null || last.beforeState === undefined) return false;
    const before = applyKept(JSON.parse(doc.state) as CodingDocument, last.beforeState);
    return this.write(key, before, doc.version, { ...change, operation: `${UNDO_PREFIX}${change.operation}` }, last.version);
  }

  async history(surveySlug: string, question: string, limit: number): Promise<CodingAuditEntry[]> {
    const doc = await this.current({ surveySlug, question });
    const docs = await this.models.CodingAudit.find({ surveySlug, question, generation: generationOf(doc) }).sort({ version: -1 }).limit(limit).lean();
    return docs.map((entry) => ({ version: entry.version, operation: entry.operation, doneBy: entry.doneBy, doneAt: entry.doneAt }));
  }

  async questions(surveySlug: string): Promise<string[]> {
    const docs = await this.models.Coding.find({ surveySlug }, { question: 1 }).sort({ question: 1 }).lean();
    return docs.map((doc) => doc.question);
  }

  async rewriteAll<State extends CodingDocument>(surveySlug: string, rewrite: (state: State) => State): Promise<void> {
    // The store keeps the documents as JSON; the rewrite is the domain's and takes them as its own type.
    const onDocuments = rewrite as unknown as (state: CodingDocument) => CodingDocument;
    for (const { question } of await this.models.Coding.find({ surveySlug }, { question: 1 }).lean()) {
      // A change made while the new generation was being written makes the switch match nothing: start again.
      while (!(await this.rewriteQuestion({ surveySlug, question }, onDocuments)));
    }
  }

  private async rewriteQuestion(key: { surveySlug: string; question: string }, rewrite: (state: CodingDocument) => CodingDocument): Promise<boolean> {
    const doc = await this.current(key);
    if (!doc) return true;
    const old = generationOf(doc);
    const next = old + 1;
    await this.models.CodingAudit.deleteMany({ ...key, generation: next });
    const chain = new ChainRewriter(JSON.parse(doc.state) as CodingDocument, rewrite);
    const entries = this.models.CodingAudit.find({ ...key, generation: old }).sort({ version: -1 }).lean().cursor();
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
    const doc = (await this.models.Coding.findOne(key).lean()) as CodingDoc | null;
    const pending = await this.models.CodingAudit.findOne({ ...key, generation: generationOf(doc), version: (doc?.version ?? 0) + 1 }).lean();
    if (!pending || pending.forward === null || pending.forward === undefined) return doc;
    const state = applyKept(doc ? (JSON.parse(doc.state) as CodingDocument) : null, pending.forward);
    await this.apply(key, doc, JSON.stringify(state), pending.version, pending.doneAt);
    return (await this.models.Coding.findOne(key).lean()) as CodingDoc | null;
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
    const before = doc ? (JSON.parse(doc.state) as CodingDocument) : null;
    const version = expectedVersion + 1;
    try {
      await this.models.CodingAudit.create([
        { ...key, ...change, version, generation: generationOf(doc), beforeState: patchBack(before, state), forward: patchForward(before, state), undoes },
      ]);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
    await this.apply(key, doc, JSON.stringify(state), version, change.doneAt);
    return true;
  }

  /** Moves the coding from the version read to the next; if someone rolled it forward first, that is the same change. */
  private async apply(key: { surveySlug: string; question: string }, doc: CodingDoc | null, state: string, version: number, at: string): Promise<void> {
    if (doc) {
      await this.models.Coding.updateOne({ _id: doc._id, version: version - 1 }, { $set: { state, version, updatedAt: at } });
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

export async function openMongoStore(uri: string): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    writeConcern: { w: 'majority' },
    serverSelectionTimeoutMS: 5000,
    bufferCommands: false,
    autoIndex: true,
  });
  await connection.asPromise();
  const models = defineModels(connection);
  await Promise.all(Object.values(models).map((model) => model.init()));
  return {
    kind: 'mongodb',
    surveys: new MongoSurveyRepository(models),
    responses: new MongoResponseRepository(models),
    users: new MongoUserRepository(models),
    sessions: new MongoSessionRepository(models),
    apiTokens: new MongoApiTokenRepository(models),
    settings: new MongoSettingRepository(models),
    reportEdits: new MongoReportEditRepository(models),
    codings: new MongoCodingRepository(models),
    async ping() {
      if (!connection.db) throw new Error('MongoDB is not connected');
      await connection.db.admin().ping();
    },
    async close() {
      await connection.close();
    },
  };
}
