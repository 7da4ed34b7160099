import type { SurveyRecord } from './survey-record';

export type SurveyStatus = 'open' | 'scheduled' | 'closed';

export function surveyStatus(survey: Pick<SurveyRecord, 'opensAt' | 'closesAt' | 'closedAt'>, now: Date): SurveyStatus {
  if (survey.closedAt) return 'closed';
  if (survey.closesAt && now >= new Date(survey.closesAt)) return 'closed';
  if (survey.opensAt && now < new Date(survey.opensAt)) return 'scheduled';
  return 'open';
}
