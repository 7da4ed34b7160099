import type { AnalysisConfig } from '../../analysis/analysis-config';
import type { ReportDefinition } from './report-definition';
import type { PartialLimits, StoredSurvey } from '../kernel/survey-records';
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
 * The stored survey read as its domains know it. Both documents were checked by their schemas (analysisConfigSchema,
 * reportDefinitionSchema) in SurveyService before they were stored, and only SurveyService writes them.
 */
export const surveyRecordFrom = (stored: StoredSurvey): SurveyRecord => stored as SurveyRecord;

/** How many unfinished responses the survey holds, for how long: its distribution file's, or the defaults. */
export const partialLimitsOf = (survey: Pick<SurveyRecord, 'distribution'>): PartialLimits => survey.distribution?.partials ?? DEFAULT_PARTIAL_LIMITS;
