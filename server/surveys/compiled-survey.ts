import { Model } from 'survey-core';
import type { FieldIssue } from '../errors';
import type { Answers } from '../store/repository';
import { describeQuestions, type QuestionInfo } from './question-catalogue';

const MESSAGES: Record<string, string> = {
  required: 'An answer is required.',
  requirenumeric: 'must be a number',
};

/**
 * A SurveyJS definition ready to check answers on the server with survey-core itself, so that required
 * questions, visibleIf conditions, choices and validators mean exactly what they mean in the browser.
 */
export class CompiledSurvey {
  readonly questions: ReadonlyMap<string, QuestionInfo>;
  /**
   * One model per survey, reused: building a model costs ~7 ms, re-filling it ~1 ms. Safe because a check runs
   * synchronously from setting the data to reading the errors, so no two requests share it at once.
   */
  private readonly model: Model;

  constructor(readonly definition: Answers) {
    this.model = new Model(definition);
    this.questions = new Map(describeQuestions(this.model).map((info) => [info.name, info]));
  }

  /** Every problem with a set of answers; empty when they may be stored. Partial answers skip "required". */
  check(data: Answers, complete: boolean): FieldIssue[] {
    const issues: FieldIssue[] = [];
    for (const [name, value] of Object.entries(data)) {
      const info = this.questions.get(name);
      if (!info) {
        issues.push({ field: name, message: 'is not a question in this survey' });
        continue;
      }
      const parsed = info.value.safeParse(value);
      if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ field: name, message: issue.message })));
    }
    if (issues.length > 0) return issues;
    return this.checkWithModel(data, complete);
  }

  private checkWithModel(data: Answers, complete: boolean): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const model = this.model;
    model.data = data;
    const shown = model.getAllQuestions(true);
    const shownNames = new Set(shown.map((question) => question.getValueName()));
    for (const name of Object.keys(data)) {
      const base = name.endsWith('-Comment') ? name.slice(0, -'-Comment'.length) : name;
      if (!shownNames.has(base)) issues.push({ field: name, message: 'was not shown to this respondent, so it cannot be answered' });
    }
    for (const question of shown) {
      question.validate(true);
      for (const error of question.errors) {
        const type = error.getErrorType();
        if (type === 'required' && !complete) continue;
        issues.push({ field: question.getValueName(), message: error.text || MESSAGES[type] || type });
      }
    }
    model.clear(true, true);
    return issues;
  }
}
