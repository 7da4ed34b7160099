import type { SqliteConnection } from './sqlite-connection';
import {
  storedSurveySchema,
  type Distribution,
  type NewStoredSurvey,
  type StoredSurvey,
  type SurveySchedule,
} from '../../kernel/survey-records';
import type { SurveyRepository } from '../repository';
import { checkedRecord, storedJson } from '../stored-record';

interface SurveyRow {
  slug: string;
  title: string;
  definition: string;
  distribution: string | null;
  analysis: string | null;
  report: string | null;
  opens_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

function toRecord(row: SurveyRow): StoredSurvey {
  const what = `survey "${row.slug}"`;
  const json = (text: string | null, field: string) => (text ? storedJson(text, `${what} (${field})`) : null);
  return checkedRecord(
    storedSurveySchema,
    {
      slug: row.slug,
      title: row.title,
      definition: json(row.definition, 'definition'),
      distribution: json(row.distribution, 'distribution'),
      analysis: json(row.analysis, 'analysis'),
      report: json(row.report, 'report'),
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      closedAt: row.closed_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    },
    what,
  );
}

export class SqliteSurveyRepository implements SurveyRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async upsert(survey: NewStoredSurvey, at: string): Promise<StoredSurvey> {
    this.connection
      .prepare(
        `INSERT INTO surveys (slug, title, definition, distribution, analysis, report, created_at, updated_at)
         VALUES (@slug, @title, @definition, @distribution, @analysis, @report, @at, @at)
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, definition = excluded.definition,
           distribution = excluded.distribution, analysis = excluded.analysis, report = excluded.report,
           updated_at = excluded.updated_at,
           version = surveys.version + 1`,
      )
      .run({
        slug: survey.slug,
        title: survey.title,
        definition: JSON.stringify(survey.definition),
        distribution: survey.distribution ? JSON.stringify(survey.distribution) : null,
        analysis: survey.analysis ? JSON.stringify(survey.analysis) : null,
        report: survey.report ? JSON.stringify(survey.report) : null,
        at,
      });
    const stored = await this.get(survey.slug);
    if (!stored) throw new Error(`survey "${survey.slug}" was not there after it was stored`);
    return stored;
  }

  async get(slug: string): Promise<StoredSurvey | null> {
    const row = this.connection.prepare('SELECT * FROM surveys WHERE slug = ?').get(slug) as SurveyRow | undefined;
    return row ? toRecord(row) : null;
  }

  async version(slug: string): Promise<number | null> {
    const row = this.connection.prepare('SELECT version FROM surveys WHERE slug = ?').get(slug) as
      { version: number } | undefined;
    return row ? row.version : null;
  }

  async list(): Promise<StoredSurvey[]> {
    const rows = this.connection.prepare('SELECT * FROM surveys ORDER BY created_at, slug').all() as SurveyRow[];
    return rows.map(toRecord);
  }

  async setSchedule(slug: string, schedule: SurveySchedule, at: string): Promise<StoredSurvey | null> {
    this.connection
      .prepare(
        'UPDATE surveys SET opens_at = ?, closes_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE slug = ?',
      )
      .run(schedule.opensAt, schedule.closesAt, schedule.closedAt, at, slug);
    return this.get(slug);
  }

  async setDistribution(slug: string, distribution: Distribution, at: string): Promise<StoredSurvey | null> {
    this.connection
      .prepare('UPDATE surveys SET distribution = ?, updated_at = ?, version = version + 1 WHERE slug = ?')
      .run(JSON.stringify(distribution), at, slug);
    return this.get(slug);
  }
}
