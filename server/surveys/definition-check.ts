import { Model } from 'survey-core';
import type { FieldIssue } from '../errors';
import type { Distribution } from '../store/repository';
import { describeQuestions } from './question-catalogue';

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Problems that stop a SurveyJS JSON definition from being hosted; empty when it can be. */
export function checkDefinition(json: unknown): FieldIssue[] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return [{ field: 'definition', message: 'must be a SurveyJS survey JSON object' }];
  }
  const model = new Model(json);
  const issues: FieldIssue[] = (model.jsonErrors ?? []).map((error: { message: string }) => ({
    field: 'definition',
    message: error.message,
  }));
  const questions = describeQuestions(model);
  if (questions.length === 0) issues.push({ field: 'definition', message: 'has no question that takes an answer' });
  const seen = new Set<string>();
  for (const { name } of questions) {
    if (seen.has(name)) issues.push({ field: name, message: 'is used by more than one question' });
    seen.add(name);
    if (name.startsWith('$') || name.includes('.') || FORBIDDEN_NAMES.has(name)) {
      issues.push({ field: name, message: 'question names must not start with "$", contain "." or be a reserved word' });
    }
  }
  return issues;
}

/** The distribution question must exist and offer every area code as a choice. */
export function checkDistribution(json: object, distribution: Distribution): FieldIssue[] {
  const question = describeQuestions(new Model(json)).find((info) => info.name === distribution.question);
  if (!question) return [{ field: 'question', message: `"${distribution.question}" is not a question in the survey` }];
  const codes = new Set(question.choices.map((choice) => String(choice.value)));
  return distribution.areas
    .filter((area) => !codes.has(area.code))
    .map((area) => ({ field: `areas.${area.code}`, message: `is not a choice of "${distribution.question}"` }));
}
