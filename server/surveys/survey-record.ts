import { analysisConfigSchema, type AnalysisConfig } from '../../analysis/analysis-config';
import { reportDefinitionSchema, type ReportDefinition } from './report-definition';
import type { PartialLimits, StoredSurvey } from '../kernel/survey-records';
import { checkedRecord } from '../store/stored-record';
import { DEFAULT_PARTIAL_LIMITS } from './survey-schema';

/** A survey as the rest of the platform reads it: the stored survey with its settings and report definition typed. */
export interface SurveyRecord extends Omit<StoredSurvey, 'analysis' | 'report'> {
  /** Analysis settings (grouping, numeric bands); see analysis/analysis-config.ts. */
  analysis: AnalysisConfig | null;
  /** Which questions form which finding of the report, and the report's starting narrative. */
  report: ReportDefinition | null;
}

export type NewSurvey = Pick<SurveyRecord, 'slug' | 'title' | 'definition' | 'distribution' | 'analysis' | 'report'>;

/**
 * The stored survey read as its domains know it: its analysis settings and report definition checked against
 * their schemas (SurveyService checked them before storing them; a document changed since is named in the error).
 */
export function surveyRecordFrom(stored: StoredSurvey): SurveyRecord {
  const of = (what: string) => `${what} of survey "${stored.slug}"`;
  return {
    ...stored,
    analysis: stored.analysis && checkedRecord(analysisConfigSchema, stored.analysis, of('analysis settings')),
    report: stored.report && checkedRecord(reportDefinitionSchema, stored.report, of('report definition')),
  };
}

/** How many unfinished responses the survey holds, for how long: its distribution file's, or the defaults. */
export const partialLimitsOf = (survey: Pick<SurveyRecord, 'distribution'>): PartialLimits => survey.distribution?.partials ?? DEFAULT_PARTIAL_LIMITS;
