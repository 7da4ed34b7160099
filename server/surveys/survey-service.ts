import fs from 'node:fs';
import path from 'node:path';
import { ForbiddenError, GoneError, NotFoundError, ValidationError, type FieldIssue } from '../errors';
import type { Distribution } from '../kernel/survey-records';
import type { SurveyRepository } from '../store/repository';
import { surveyRecordFrom, type SurveyRecord } from './survey-record';
import { CompiledSurvey } from './compiled-survey';
import { z } from 'zod';
import { analysisConfigSchema } from '../../analysis/analysis-config';
import { reportDefinitionSchema } from './report-definition';
import { checkAnalysis, checkDefinition, checkDistribution, checkReport } from './definition-check';
import { distributionSchema, slugSchema } from './survey-schema';
import { surveyStatus, type SurveyStatus } from './survey-status';

export interface LiveSurvey {
  record: SurveyRecord;
  compiled: CompiledSurvey;
  status: SurveyStatus;
}

export interface SurveyFile {
  file: string;
  slug?: string;
  distributionFile?: string;
  analysisFile?: string;
  reportFile?: string;
}

const DISTRIBUTION_SUFFIX = '.distribution.json';
const ANALYSIS_SUFFIX = '.analysis.json';
const REPORT_SUFFIX = '.report.json';
// Files beside a survey that describe it; a codebook is read by the coding tools, not stored with the survey.
const isCompanion = (name: string) => [DISTRIBUTION_SUFFIX, ANALYSIS_SUFFIX, REPORT_SUFFIX, '.codebook.json'].some((suffix) => name.endsWith(suffix));

/** The file given, or `<survey>.<suffix>` beside the survey file when there is one. */
function companion(file: string, suffix: string, given: string | undefined): string | undefined {
  const sibling = file.replace(/\.json$/i, suffix);
  return given ?? (fs.existsSync(sibling) ? sibling : undefined);
}

function parseCompanion<T>(file: string | undefined, field: string, schema: z.ZodType<T>, issues: FieldIssue[]): T | null {
  if (!file || issues.length > 0) return null;
  const parsed = schema.safeParse(readJson(file, field));
  if (parsed.success) return parsed.data;
  issues.push(...ValidationError.fieldIssues(parsed.error, { under: field }));
  return null;
}

function readJson(file: string, field: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ValidationError({ message: `Cannot read ${file}`, details: [{ field, message: (error as Error).message }] });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError({ message: `${file} is not valid JSON`, details: [{ field, message: (error as Error).message }] });
  }
}

export class SurveyService {
  /**
   * Surveys as last read, with their compiled checks, keyed by slug. Each use asks the store for the version
   * only, so a change made on any instance is seen at once, and the definition is parsed once per version.
   */
  private readonly cache = new Map<string, { record: SurveyRecord; compiled: CompiledSurvey }>();

  constructor(
    private readonly repository: SurveyRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listWithStatus(): Promise<Array<{ record: SurveyRecord; status: SurveyStatus }>> {
    const now = this.now();
    return (await this.repository.list()).map(surveyRecordFrom).map((record) => ({ record, status: surveyStatus(record, now) }));
  }

  async get(slug: string): Promise<LiveSurvey> {
    const cached = this.cache.get(slug);
    const version = await this.repository.version(slug);
    if (version === null) throw new NotFoundError({ message: `There is no survey "${slug}"` });
    if (cached && cached.record.version === version) return { ...cached, status: surveyStatus(cached.record, this.now()) };
    const stored = await this.repository.get(slug);
    if (!stored) throw new NotFoundError({ message: `There is no survey "${slug}"` });
    const record = surveyRecordFrom(stored);
    const compiled = new CompiledSurvey(record.definition);
    this.cache.set(slug, { record, compiled });
    return { record, compiled, status: surveyStatus(record, this.now()) };
  }

  /** Whether the store holds this survey (a cheap look-up: its version only). */
  async exists(slug: string): Promise<boolean> {
    return (await this.repository.version(slug)) !== null;
  }

  /** The survey, if it is taking responses now; otherwise the error a respondent should see. */
  async getAcceptingResponses(slug: string): Promise<LiveSurvey> {
    const survey = await this.get(slug);
    if (survey.status === 'closed') throw new GoneError({ message: 'This survey has closed and no longer accepts responses.' });
    if (survey.status === 'scheduled') throw new ForbiddenError({ message: 'This survey is not open yet.' });
    return survey;
  }

  /** Validates a SurveyJS JSON file (and its optional distribution file) and stores it, replacing the definition. */
  async addFromFile({ file, slug, distributionFile, analysisFile, reportFile }: SurveyFile): Promise<SurveyRecord> {
    const definition = readJson(file, 'definition');
    const surveySlug = slug ?? path.basename(file).replace(/\.json$/i, '');
    const slugCheck = slugSchema.safeParse(surveySlug);
    const issues: FieldIssue[] = slugCheck.success ? [] : [{ field: 'slug', message: slugCheck.error.issues[0]!.message }];
    issues.push(...checkDefinition(definition));
    const distribution = parseCompanion(companion(file, DISTRIBUTION_SUFFIX, distributionFile), 'distribution', distributionSchema, issues);
    if (distribution) issues.push(...checkDistribution(definition as object, distribution));
    const analysis = parseCompanion(companion(file, ANALYSIS_SUFFIX, analysisFile), 'analysis', analysisConfigSchema, issues);
    if (analysis) issues.push(...checkAnalysis(definition as object, analysis));
    const report = parseCompanion(companion(file, REPORT_SUFFIX, reportFile), 'report', reportDefinitionSchema, issues);
    if (report) issues.push(...checkReport(definition as object, report));
    if (issues.length > 0) throw new ValidationError({ message: `${file} is not a survey Canvass can host`, details: issues });
    const existing = await this.repository.get(surveySlug);
    const json = definition as Record<string, unknown>;
    const stored = await this.repository.upsert(
      {
        slug: surveySlug,
        title: typeof json.title === 'string' && json.title ? json.title : surveySlug,
        definition: json,
        distribution: distribution ? keepCorrectedPractices(distribution, existing?.distribution) : (existing?.distribution ?? null),
        analysis: analysis ?? existing?.analysis ?? null,
        report: report ?? existing?.report ?? null,
      },
      this.now().toISOString(),
    );
    return surveyRecordFrom(stored);
  }

  /** Adds every survey shipped in a folder that the store does not hold yet; returns the slugs added. */
  async addBundled(folder: string): Promise<string[]> {
    const added: string[] = [];
    const files = fs.readdirSync(folder).filter((name) => name.endsWith('.json') && !isCompanion(name));
    for (const name of files.sort()) {
      const slug = name.replace(/\.json$/, '');
      if (await this.repository.get(slug)) continue;
      await this.addFromFile({ file: path.join(folder, name), slug });
      added.push(slug);
    }
    return added;
  }

  async setSchedule(slug: string, change: { opensAt: string | null; closesAt: string | null; action: 'save' | 'close' | 'reopen' }) {
    const { record } = await this.get(slug);
    const at = this.now().toISOString();
    if (change.opensAt && change.closesAt && change.opensAt >= change.closesAt) {
      throw new ValidationError({
        message: 'The closing date must come after the opening date',
        details: [{ field: 'closesAt', message: 'must be after the opening date' }],
      });
    }
    const closedAt = change.action === 'close' ? at : change.action === 'reopen' ? null : record.closedAt;
    // Reopening a survey whose closing date has passed would leave it closed: clear that date too.
    const closesAt = change.action === 'reopen' && change.closesAt && change.closesAt <= at ? null : change.closesAt;
    return surveyRecordFrom((await this.repository.setSchedule(slug, { opensAt: change.opensAt, closesAt, closedAt }, at))!);
  }

  /** Staff corrections are marked with who made them and when, and survive re-adding the survey's files. */
  async setPractices(slug: string, practices: Record<string, number>, by: string) {
    const { record } = await this.get(slug);
    if (!record.distribution) throw new NotFoundError({ message: `Survey "${slug}" has no distribution list` });
    const unknown = Object.keys(practices).filter((code) => !record.distribution!.areas.some((area) => area.code === code));
    if (unknown.length > 0) {
      throw new ValidationError({
        message: 'Unknown areas',
        details: unknown.map((code) => ({ field: `practices_${code}`, message: 'is not an area of this survey' })),
      });
    }
    const at = this.now().toISOString();
    const areas = record.distribution.areas.map((area) => {
      const given = practices[area.code];
      return given === undefined || given === area.practices ? area : { ...area, practices: given, correctedBy: by, correctedAt: at };
    });
    return surveyRecordFrom((await this.repository.setDistribution(slug, { ...record.distribution, areas }, at))!);
  }

}

/** Practice numbers that staff corrected in the app stay as corrected when the distribution file comes again. */
function keepCorrectedPractices(fromFile: Distribution, stored: Distribution | null | undefined): Distribution {
  const corrected = new Map((stored?.areas ?? []).filter((area) => area.correctedBy).map((area) => [area.code, area]));
  return {
    ...fromFile,
    areas: fromFile.areas.map((area) => {
      const kept = corrected.get(area.code);
      return kept ? { ...area, practices: kept.practices, correctedBy: kept.correctedBy, correctedAt: kept.correctedAt } : area;
    }),
  };
}
