import { plain } from './plain';
import type { Distribution, NewStoredSurvey, StoredSurvey, SurveyRepository, SurveySchedule } from '../repository';
import type { Models } from './models';

const surveyFields = [
  'slug',
  'title',
  'definition',
  'distribution',
  'analysis',
  'report',
  'opensAt',
  'closesAt',
  'closedAt',
  'createdAt',
  'updatedAt',
  'version',
] as const;

export class MongoSurveyRepository implements SurveyRepository {
  constructor(private readonly models: Models) {}

  async upsert(survey: NewStoredSurvey, at: string): Promise<StoredSurvey> {
    const doc = await this.models.Survey.findOneAndUpdate(
      { slug: survey.slug },
      {
        $set: {
          title: survey.title,
          definition: survey.definition,
          distribution: survey.distribution,
          analysis: survey.analysis,
          report: survey.report,
          updatedAt: at,
        },
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
