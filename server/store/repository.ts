/**
 * The one storage interface. Every adapter (SQLite, MongoDB) implements it and passes the same contract suite
 * (test/store/repository-contract.ts). Methods return plain objects, never driver or ODM documents, each checked
 * against its record schema as it is read (stored-record.ts). The records are the domains' own, kept in the shared
 * kernel (server/kernel/) that both the store and the domains may import: the store imports no domain.
 */
import type { CodingAuditEntry, CodingChange, CodingDocument, StoredCoding } from '../kernel/coding-records';
import type { JsonObject } from '../kernel/json';
import type { ReportEdit } from '../kernel/report-records';
import type { ResponseRecord } from '../kernel/response-records';
import type { Distribution, NewStoredSurvey, StoredSurvey, SurveySchedule } from '../kernel/survey-records';
import type { ApiTokenRecord, UserRecord } from '../kernel/user-records';

export type SaveOutcome = 'created' | 'updated' | 'unchanged' | 'conflict';

export interface AreaCount {
  /** The answer to the distribution question, null when it was not answered. */
  value: string | null;
  complete: number;
  partial: number;
}

export interface ResponseQuery {
  includePartial?: boolean;
}

export interface SurveyRepository {
  /** Adds a survey, or replaces the definition and distribution of an existing one (schedule is kept). */
  upsert(survey: NewStoredSurvey, at: string): Promise<StoredSurvey>;
  get(slug: string): Promise<StoredSurvey | null>;
  /** The survey's version alone: a cheap check that a cached copy is current. */
  version(slug: string): Promise<number | null>;
  list(): Promise<StoredSurvey[]>;
  setSchedule(slug: string, schedule: SurveySchedule, at: string): Promise<StoredSurvey | null>;
  setDistribution(slug: string, distribution: Distribution, at: string): Promise<StoredSurvey | null>;
}

export interface WhichResponses {
  partialOnly?: boolean;
}

export interface ResponseRepository {
  /**
   * Stores a response under (survey, id): created when new; updated while it is partial; unchanged when a
   * complete response comes again with the same data; conflict when a complete one comes with other data.
   * Atomic: two instances saving the same id at once cannot both create it.
   */
  save(response: ResponseRecord): Promise<SaveOutcome>;
  get(surveySlug: string, id: string): Promise<ResponseRecord | null>;
  countByAnswer(surveySlug: string, question: string): Promise<AreaCount[]>;
  /** How many responses (complete or partial, or only partial) were last saved before a time. */
  countBefore(surveySlug: string, before: string, which?: WhichResponses): Promise<number>;
  /** Deletes the responses (or only the partial ones) last saved before a time; returns how many. */
  deleteBefore(surveySlug: string, before: string, which?: WhichResponses): Promise<number>;
  /** The id of the unfinished response saved longest ago, or null when there is none. */
  oldestPartial(surveySlug: string): Promise<string | null>;
  /** Deletes one response if it is still unfinished; whether it did. */
  removePartial(surveySlug: string, id: string): Promise<boolean>;
  /** Streams responses in a stable order without loading them all at once. */
  stream(surveySlug: string, query?: ResponseQuery): AsyncIterable<ResponseRecord>;
}

export interface UserRepository {
  /** Creates the user or, when the e-mail exists, replaces all but createdAt. Returns whether it was new. */
  put(user: UserRecord): Promise<'created' | 'updated'>;
  findByEmail(email: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  /** Whether there was such a user. */
  remove(email: string): Promise<boolean>;
}

export interface ApiTokenRepository {
  add(token: ApiTokenRecord): Promise<void>;
  findByHash(hash: string): Promise<ApiTokenRecord | null>;
  /** Every token, or one user's, newest first. */
  list(userEmail?: string): Promise<ApiTokenRecord[]>;
  /** Whether there was such a token not yet revoked. */
  revoke(id: string, at: string): Promise<boolean>;
  /** Revokes every live token of a user; returns how many. */
  revokeForUser(userEmail: string, at: string): Promise<number>;
  /** Deletes every token of a user, revoked or not; returns how many. */
  removeForUser(userEmail: string): Promise<number>;
}

export interface SessionRepository {
  get(sid: string, now: string): Promise<JsonObject | null>;
  set(sid: string, data: JsonObject, expiresAt: string): Promise<void>;
  touch(sid: string, expiresAt: string): Promise<void>;
  destroy(sid: string): Promise<void>;
  /** Ends every session signed in as this user; returns how many. */
  destroyForUser(email: string): Promise<number>;
  purgeExpired(now: string): Promise<number>;
}

export interface SettingRepository {
  /** Returns the stored value, storing `value` first when there is none (first writer wins across instances). */
  getOrInit(key: string, value: string): Promise<string>;
}

export interface ReportEditRepository {
  add(edit: ReportEdit): Promise<void>;
  /** The latest edit of each section. */
  current(surveySlug: string): Promise<Record<string, ReportEdit>>;
  /** Newest first. */
  history(surveySlug: string, limit: number): Promise<ReportEdit[]>;
}

export interface CodingRepository {
  /** The document as stored: the store checks its envelope only; the coding domain checks the rest. */
  get(surveySlug: string, question: string): Promise<StoredCoding | null>;
  /**
   * Saves a new state if the stored version is still `expectedVersion` (0 for none yet); the change and the
   * state before it go to the audit trail. Returns false, saving nothing, when someone else saved first.
   */
  save(state: CodingDocument, expectedVersion: number, change: CodingChange): Promise<boolean>;
  /** Puts back the state before the latest change, recording the undo itself; false when there is nothing to undo. */
  undo(surveySlug: string, question: string, change: CodingChange): Promise<boolean>;
  history(surveySlug: string, question: string, limit: number): Promise<CodingAuditEntry[]>;
  /** The questions of a survey that have coding. */
  questions(surveySlug: string): Promise<string[]>;
  /**
   * Rewrites the current state and every earlier state kept in the audit trail of each coded question of a
   * survey through `rewrite` (for purging: taking out the answers of deleted responses). Versions stay.
   */
  rewriteAll(surveySlug: string, rewrite: (state: CodingDocument) => CodingDocument): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  readonly surveys: SurveyRepository;
  readonly responses: ResponseRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly settings: SettingRepository;
  readonly reportEdits: ReportEditRepository;
  readonly codings: CodingRepository;
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * After a purge: leaves no copy of deleted data in the store's own files, as far as the store can. SQLite:
   * checkpoints the WAL into the database and truncates it, rebuilds the file (VACUUM) and truncates the WAL again;
   * `complete` is false when another connection kept the WAL from being truncated. MongoDB: nothing the
   * application can do (the server's journal and oplog age out on their own; see docs/security.md).
   */
  reclaim(): Promise<{ complete: boolean }>;
  close(): Promise<void>;
}
