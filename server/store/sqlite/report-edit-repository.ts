import { reportEditSchema, type ReportEdit } from '../../kernel/report-records';
import type { ReportEditRepository } from '../repository';
import { checkedRecord } from '../stored-record';
import type { SqliteConnection } from './sqlite-connection';

interface ReportEditRow {
  survey_slug: string;
  section: string;
  text: string;
  edited_by: string;
  edited_at: string;
}

const toEdit = (row: ReportEditRow): ReportEdit =>
  checkedRecord(
    reportEditSchema,
    {
      surveySlug: row.survey_slug,
      section: row.section,
      text: row.text,
      editedBy: row.edited_by,
      editedAt: row.edited_at,
    },
    `report edit of "${row.section}" in survey "${row.survey_slug}"`,
  );

export class SqliteReportEditRepository implements ReportEditRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async add(edit: ReportEdit): Promise<void> {
    this.connection
      .prepare('INSERT INTO report_edits (survey_slug, section, text, edited_by, edited_at) VALUES (?, ?, ?, ?, ?)')
      .run(edit.surveySlug, edit.section, edit.text, edit.editedBy, edit.editedAt);
  }

  async current(surveySlug: string): Promise<Record<string, ReportEdit>> {
    const rows = this.connection
      .prepare(
        `SELECT * FROM report_edits WHERE seq IN (SELECT MAX(seq) FROM report_edits WHERE survey_slug = ? GROUP BY section)`,
      )
      .all(surveySlug) as ReportEditRow[];
    return Object.fromEntries(rows.map((row) => [row.section, toEdit(row)]));
  }

  async history(surveySlug: string, limit: number): Promise<ReportEdit[]> {
    const rows = this.connection
      .prepare('SELECT * FROM report_edits WHERE survey_slug = ? ORDER BY seq DESC LIMIT ?')
      .all(surveySlug, limit) as ReportEditRow[];
    return rows.map(toEdit);
  }
}
