import { recordFrom } from './plain';
import {
  storedSurveySchema,
  type Distribution,
  type NewStoredSurvey,
  type StoredSurvey,
  type SurveySchedule,
} from '../../kernel/survey-records';
import type { SurveyRepository } from '../repository';
import type { Models } from './models';
import { CorruptRecordError } from '../stored-record';

const toSurvey = (doc: { slug?: unknown }): StoredSurvey =>
  recordFrom(storedSurveySchema, doc, `survey ${JSON.stringify(doc.slug)}`);

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
    return toSurvey(doc as { slug?: unknown });
  }

  async get(slug: string): Promise<StoredSurvey | null> {
    const doc = await this.models.Survey.findOne({ slug }).lean();
    return doc ? toSurvey(doc) : null;
  }

  async version(slug: string): Promise<number | null> {
    const doc = await this.models.Survey.findOne({ slug }, { version: 1 }).lean();
    if (!doc) return null;
    if (typeof doc.version !== 'number') throw new CorruptRecordError(`The stored survey "${slug}" has no version`);
    return doc.version;
  }

  async list(): Promise<StoredSurvey[]> {
    const docs = await this.models.Survey.find({}).sort({ createdAt: 1, slug: 1 }).lean();
    return docs.map(toSurvey);
  }

  async setSchedule(slug: string, schedule: SurveySchedule, at: string): Promise<StoredSurvey | null> {
    const doc = await this.models.Survey.findOneAndUpdate(
      { slug },
      { $set: { ...schedule, updatedAt: at }, $inc: { version: 1 } },
      { returnDocument: 'after', lean: true },
    );
    return doc ? toSurvey(doc as { slug?: unknown }) : null;
  }

  async setDistribution(slug: string, distribution: Distribution, at: string): Promise<StoredSurvey | null> {
    const doc = await this.models.Survey.findOneAndUpdate(
      { slug },
      { $set: { distribution, updatedAt: at }, $inc: { version: 1 } },
      { returnDocument: 'after', lean: true },
    );
    return doc ? toSurvey(doc as { slug?: unknown }) : null;
  }
}
