import { z } from 'zod';

/** A JSON object the store keeps as it is given: a survey definition, settings, a session, a respondent's answers. */
export type JsonObject = Record<string, unknown>;

/**
 * Any JSON object, checked only for being one: its contents belong to whoever reads it (a survey definition is
 * SurveyJS's, answers are checked against the survey when submitted). Checking no deeper keeps reading responses
 * by the million cheap.
 */
export const jsonObjectSchema = z.custom<JsonObject>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'expected a JSON object' },
);
