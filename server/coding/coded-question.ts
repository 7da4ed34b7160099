import { NotFoundError, ValidationError } from '../errors';
import { isFreeText } from '../surveys/question-catalogue';
import type { SurveyService } from '../surveys/survey-service';
import type { CodingState } from './coding-state';

/** The survey of a question that can be coded: 404 when the survey has no such question, 400 when it is not free text. */
export async function codableSurvey(surveys: SurveyService, slug: string, question: string) {
  const survey = await surveys.get(slug);
  const info = survey.compiled.questions.get(question);
  if (!info) throw new NotFoundError({ message: `"${question}" is not a question of survey "${slug}"` });
  if (!isFreeText(info))
    throw new ValidationError({
      message: `"${question}" is not a free-text question`,
      details: [{ field: 'question', message: 'must be a comment or text question' }],
    });
  return survey;
}

/** Whether researchers have reviewed a coding: a coding of theirs, or a code they accepted, discarded or made. */
export const researchersReviewed = (state: CodingState): boolean =>
  state.applications.some((application) => application.by !== 'machine') ||
  state.codes.some((code) => code.status !== 'proposed');
