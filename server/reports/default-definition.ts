import { Model } from 'survey-core';
import { statsQuestions } from '../../analysis/stats-questions';
import type { SurveyRecord } from '../surveys/survey-record';
import { reportDefinitionSchema, type ReportDefinition, type ReportFindingInput } from '../surveys/report-definition';

/**
 * A sensible report for a survey without a report definition: one finding per single-choice question, in
 * survey order, saying what share gave each answer, and free-text questions as findings of their own.
 */
export function defaultReportDefinition(record: SurveyRecord): ReportDefinition {
  const questions = statsQuestions(new Model(record.definition), { nps: record.analysis?.nps }).filter(
    (q) => q.name !== record.distribution?.question,
  );
  const findings = questions.flatMap((question): ReportFindingInput[] => {
    if (
      question.kind === 'choice' &&
      question.options.length > 0 &&
      question.options.every((option) => !String(option.value).includes('}'))
    ) {
      const parts = question.options.map((option) => `{${String(option.value)}} answered "${option.label}"`);
      const bullets = [{ question: question.name, text: `Of those who answered, ${parts.join(', ')}.` }];
      // An ordered scale also gets its mean, and a 0-10 likelihood to recommend its Net Promoter Score.
      if (question.scale)
        bullets.push({ mean: question.name, decimals: 1, text: 'The mean answer was {mean}.' } as never);
      if (question.scale?.nps)
        bullets.push({ mean: question.name, decimals: 1, text: 'The Net Promoter Score was {nps}.' } as never);
      return [{ heading: question.title, bullets }];
    }
    if (question.kind === 'matrix') return [{ heading: question.title, likert: question.name }];
    if (question.kind === 'text') return [{ heading: question.title, freeText: question.name }];
    return [];
  });
  return reportDefinitionSchema.parse({ title: record.title, findings });
}
