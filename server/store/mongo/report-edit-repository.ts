import { recordFrom } from './plain';
import { reportEditSchema, type ReportEdit } from '../../kernel/report-records';
import type { ReportEditRepository } from '../repository';
import type { Models } from './models';

const toEdit = (doc: { surveySlug?: unknown; section?: unknown }): ReportEdit =>
  recordFrom(
    reportEditSchema,
    doc,
    `report edit of ${JSON.stringify(doc.section)} in survey ${JSON.stringify(doc.surveySlug)}`,
  );

export class MongoReportEditRepository implements ReportEditRepository {
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
    return Object.fromEntries(latest.map((doc) => [doc!.section, toEdit(doc!)]));
  }

  async history(surveySlug: string, limit: number): Promise<ReportEdit[]> {
    const docs = await this.models.ReportEdit.find({ surveySlug }).sort({ _id: -1 }).limit(limit).lean();
    return docs.map(toEdit);
  }
}
