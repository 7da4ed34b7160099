import { Schema, type Connection } from 'mongoose';

const options = { versionKey: false, minimize: false, strict: 'throw', strictQuery: true } as const;

export function defineModels(connection: Connection) {
  const Survey = connection.model(
    'Survey',
    new Schema(
      {
        slug: { type: String, required: true, unique: true },
        title: { type: String, required: true },
        definition: { type: Schema.Types.Mixed, required: true },
        distribution: { type: Schema.Types.Mixed, default: null },
        analysis: { type: Schema.Types.Mixed, default: null },
        report: { type: Schema.Types.Mixed, default: null },
        opensAt: { type: String, default: null },
        closesAt: { type: String, default: null },
        closedAt: { type: String, default: null },
        createdAt: { type: String, required: true },
        updatedAt: { type: String, required: true },
        version: { type: Number, required: true, default: 1 },
      },
      { ...options, collection: 'surveys' },
    ),
  );

  const responseSchema = new Schema(
    {
      surveySlug: { type: String, required: true },
      id: { type: String, required: true, match: /^[A-Za-z0-9_-]{1,64}$/ },
      data: { type: Schema.Types.Mixed, required: true },
      /** sha256 of the canonical JSON of data: compares resubmissions without reading keys in order. */
      dataKey: { type: String, required: true },
      complete: { type: Boolean, required: true },
      submittedAt: { type: String, required: true },
    },
    { ...options, collection: 'responses' },
  );
  responseSchema.index({ surveySlug: 1, id: 1 }, { unique: true });
  responseSchema.index({ surveySlug: 1, complete: 1, _id: 1 });
  // The unfinished response saved longest ago, found at once when a survey at its cap takes a new one.
  responseSchema.index({ surveySlug: 1, complete: 1, submittedAt: 1 });
  const Response = connection.model('Response', responseSchema);

  const User = connection.model(
    'User',
    new Schema(
      {
        email: { type: String, required: true, unique: true },
        role: { type: String, required: true, enum: ['admin', 'researcher', 'viewer'] },
        passwordHash: { type: String, required: true },
        createdAt: { type: String, required: true },
        surveys: { type: [String], default: null },
        disabled: { type: Boolean, default: false },
        changedAt: { type: String },
      },
      { ...options, collection: 'users' },
    ),
  );

  const sessionSchema = new Schema(
    {
      sid: { type: String, required: true, unique: true },
      userEmail: { type: String, default: null, index: true },
      data: { type: String, required: true },
      expiresAt: { type: Date, required: true },
    },
    { ...options, collection: 'sessions' },
  );
  // Expired sessions are removed by purgeExpired, as on SQLite; a TTL index would be MongoDB-only (FerretDB lacks it).
  sessionSchema.index({ expiresAt: 1 });
  const Session = connection.model('Session', sessionSchema);

  const ApiToken = connection.model(
    'ApiToken',
    new Schema(
      {
        id: { type: String, required: true, unique: true },
        userEmail: { type: String, required: true, index: true },
        name: { type: String, required: true },
        hash: { type: String, required: true, unique: true },
        createdAt: { type: String, required: true },
        expiresAt: { type: String, default: null },
        revokedAt: { type: String, default: null },
      },
      { ...options, collection: 'api_tokens' },
    ),
  );

  const Setting = connection.model(
    'Setting',
    new Schema(
      { key: { type: String, required: true, unique: true }, value: { type: String, required: true } },
      { ...options, collection: 'settings' },
    ),
  );

  const reportEditSchema = new Schema(
    {
      surveySlug: { type: String, required: true },
      section: { type: String, required: true },
      text: { type: String, required: true },
      editedBy: { type: String, required: true },
      editedAt: { type: String, required: true },
    },
    { ...options, collection: 'report_edits' },
  );
  reportEditSchema.index({ surveySlug: 1, section: 1, _id: -1 });
  const ReportEdit = connection.model('ReportEdit', reportEditSchema);

  const codingSchema = new Schema(
    {
      surveySlug: { type: String, required: true },
      question: { type: String, required: true },
      state: { type: String, required: true },
      version: { type: Number, required: true },
      updatedAt: { type: String, required: true },
      /** Which generation of audit entries belongs to this state; purging writes a new one and switches. */
      generation: { type: Number, default: 0 },
    },
    { ...options, collection: 'codings' },
  );
  codingSchema.index({ surveySlug: 1, question: 1 }, { unique: true });
  const Coding = connection.model('Coding', codingSchema);

  const codingAuditSchema = new Schema(
    {
      surveySlug: { type: String, required: true },
      question: { type: String, required: true },
      version: { type: Number, required: true },
      operation: { type: String, required: true },
      doneBy: { type: String, required: true },
      doneAt: { type: String, required: true },
      generation: { type: Number, default: 0 },
      /** Patch back to the state before (null for the change that created the coding). */
      beforeState: { type: String, default: null },
      /** Patch from the state before to the state after: the entry is written first, so a change is never half made. */
      forward: { type: String, default: null },
      /** The version of the change this entry undoes. */
      undoes: { type: Number, default: null },
      undone: { type: Boolean, default: false },
    },
    { ...options, collection: 'coding_audit' },
  );
  // One entry per version: inserting it is how a writer claims the next version.
  codingAuditSchema.index({ surveySlug: 1, question: 1, generation: 1, version: 1 }, { unique: true });
  const CodingAudit = connection.model('CodingAudit', codingAuditSchema);

  return { Survey, Response, User, Session, ApiToken, Setting, ReportEdit, Coding, CodingAudit };
}

export type Models = ReturnType<typeof defineModels>;

/** MongoDB's error code for a write refused by a unique index. */
export const DUPLICATE_KEY = 11000;
