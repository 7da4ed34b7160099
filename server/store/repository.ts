/**
 * The one storage interface. Every adapter (SQLite, MongoDB) implements it and passes the same contract suite
 * (test/store/repository-contract.ts). Methods return plain objects, never driver or ODM documents.
 */

/** A JSON object the store keeps as it is given: a survey definition, settings, a session. */
export type JsonObject = Record<string, unknown>;
/** A respondent's answers, by question name. */
export type Answers = Record<string, unknown>;

export interface DistributionArea {
  code: string;
  name: string;
  practices: number;
  /** Set when staff correct the number of practices, so re-adding the survey's files keeps their number. */
  correctedBy?: string;
  correctedAt?: string;
}

/** What the public may store of unfinished responses to one survey (see server/responses/partial-limits.ts). */
export interface PartialLimits {
  /** Unfinished responses not saved for this many days are deleted. */
  keepDays: number;
  /** New unfinished responses accepted per minute from one client address (per server instance). */
  perMinute: number;
  /** Unfinished responses held at once: past it, a new one takes the place of the one saved longest ago. */
  total: number;
  /** Largest unfinished response, in KB of JSON. */
  maxAnswerKb: number;
}

export interface Distribution {
  /** The question whose answer names the area (for the CQL/PQL survey: `lmc`). */
  question: string;
  areas: DistributionArea[];
  partials?: PartialLimits;
}

/**
 * A survey as the store keeps it. Its analysis settings and report definition are documents of their own domains
 * (checked there before they are stored): the store keeps them as given. The surveys domain reads them typed.
 */
export interface StoredSurvey {
  slug: string;
  title: string;
  /** The SurveyJS definition. */
  definition: JsonObject;
  distribution: Distribution | null;
  analysis: JsonObject | null;
  report: JsonObject | null;
  opensAt: string | null;
  closesAt: string | null;
  /** Set when staff close the survey by hand. */
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Goes up by one with every change to the survey. */
  version: number;
}

export type NewStoredSurvey = Pick<
  StoredSurvey,
  'slug' | 'title' | 'definition' | 'distribution' | 'analysis' | 'report'
>;
export type SurveySchedule = Pick<StoredSurvey, 'opensAt' | 'closesAt' | 'closedAt'>;

export interface ResponseRecord {
  surveySlug: string;
  id: string;
  data: Answers;
  complete: boolean;
  /** Time of the last accepted save; fixed once the response is complete. */
  submittedAt: string;
}

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

export type Role = 'admin' | 'researcher' | 'viewer';

export interface UserRecord {
  email: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  /** Surveys this user may see; null for all. Admins always see all. */
  surveys: string[] | null;
  /** A disabled account cannot sign in and its sessions end; it stays in the audit trail's history. */
  disabled: boolean;
  /** When role, password, restrictions or status last changed: sessions begun before it end. */
  changedAt: string;
}

export interface UserRepository {
  /** Creates the user or, when the e-mail exists, replaces all but createdAt. Returns whether it was new. */
  put(user: UserRecord): Promise<'created' | 'updated'>;
  findByEmail(email: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  /** Whether there was such a user. */
  remove(email: string): Promise<boolean>;
}

export interface ApiTokenRecord {
  /** Short public id, for listing and revoking; the token itself is never stored. */
  id: string;
  userEmail: string;
  name: string;
  /** sha256 of the token, hex. */
  hash: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
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

export interface ReportEdit {
  surveySlug: string;
  /** background, discussion, conclusion, recommendations, interpretation:<finding number>, or final. */
  section: string;
  text: string;
  editedBy: string;
  editedAt: string;
}

export interface ReportEditRepository {
  add(edit: ReportEdit): Promise<void>;
  /** The latest edit of each section. */
  current(surveySlug: string): Promise<Record<string, ReportEdit>>;
  /** Newest first. */
  history(surveySlug: string, limit: number): Promise<ReportEdit[]>;
}

/**
 * A coding as the store keeps it: a versioned JSON document the coding domain owns (server/coding/coding-state.ts);
 * the store reads only which survey and question it belongs to.
 */
export interface CodingDocument {
  surveySlug: string;
  question: string;
}

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

export interface CodingRepository {
  /** `State`: the document's type as its domain knows it (the store does not check it). */
  get<State extends CodingDocument>(surveySlug: string, question: string): Promise<StoredCoding<State> | null>;
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
  rewriteAll<State extends CodingDocument>(surveySlug: string, rewrite: (state: State) => State): Promise<void>;
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
