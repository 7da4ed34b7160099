import { Model } from 'survey-core';
import type { FieldIssue } from '../errors';
import type { AnalysisConfig } from '../../analysis/analysis-config';
import type { ReportDefinition } from './report-definition';
import type { Distribution } from '../kernel/survey-records';
import { describeQuestions } from './question-catalogue';

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const badName = (name: string) => name.startsWith('$') || name.includes('.') || FORBIDDEN_NAMES.has(name);

/** Names anywhere in the JSON, looked at before survey-core sees them: it cannot load a question named __proto__. */
function forbiddenNames(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => forbiddenNames(item, found));
  else if (value !== null && typeof value === 'object') {
    const name = (value as { name?: unknown }).name;
    if (typeof name === 'string' && badName(name)) found.push(name);
    Object.values(value).forEach((inner) => forbiddenNames(inner, found));
  }
  return found;
}

const NAME_RULE = 'question names must not start with "$", contain "." or be a reserved word';

/** Problems that stop a SurveyJS JSON definition from being hosted; empty when it can be. */
export function checkDefinition(json: unknown): FieldIssue[] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return [{ field: 'definition', message: 'must be a SurveyJS survey JSON object' }];
  }
  const named = forbiddenNames(json);
  if (named.length > 0) return named.map((name) => ({ field: name, message: NAME_RULE }));
  let model: Model;
  try {
    model = new Model(json);
  } catch (error) {
    return [{ field: 'definition', message: `SurveyJS cannot load it: ${(error as Error).message}` }];
  }
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
    if (badName(name)) issues.push({ field: name, message: NAME_RULE });
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

/** The grouping question and every banded question must exist; banded ones must take numbers. */
export function checkAnalysis(json: object, analysis: AnalysisConfig): FieldIssue[] {
  const questions = new Map(describeQuestions(new Model(json)).map((info) => [info.name, info]));
  const issues: FieldIssue[] = [];
  if (analysis.groupBy && !questions.has(analysis.groupBy)) {
    issues.push({ field: 'analysis.groupBy', message: `"${analysis.groupBy}" is not a question in the survey` });
  }
  for (const name of Object.keys(analysis.bands ?? {})) {
    if (!questions.has(name)) issues.push({ field: `analysis.bands.${name}`, message: 'is not a question in the survey' });
  }
  return issues;
}

/** Every question a report definition names must be in the survey. */
export function checkReport(json: object, report: ReportDefinition): FieldIssue[] {
  const names = new Set(describeQuestions(new Model(json)).map((info) => info.name));
  const named = report.findings.flatMap((finding, f) => [
    ...finding.bullets.flatMap((bullet, b) => [bullet.question, bullet.mean].filter(Boolean).map((name) => [`report.findings.${f}.bullets.${b}`, name!])),
    ...(finding.freeText ? [[`report.findings.${f}.freeText`, finding.freeText]] : []),
    ...(finding.chart ?? []).map((item) => [`report.findings.${f}.chart`, item.question]),
  ]);
  if (report.examples) named.push(['report.examples.question', report.examples.question]);
  return named.filter(([, name]) => !names.has(name!)).map(([field, name]) => ({ field: field!, message: `"${name}" is not a question in the survey` }));
}
