import { Model, type Question } from 'survey-core';
import { isEmpty } from '../../analysis/tallies';
import { VisibilityOracle } from '../../analysis/visibility';
import { ValidationError, type FieldIssue } from '../errors';
import type { JsonObject } from '../kernel/json';
import type { Answers } from '../kernel/response-records';
import { describeQuestions, type QuestionInfo } from './question-catalogue';

const MESSAGES: Record<string, string> = {
  required: 'An answer is required.',
  requirenumeric: 'must be a number',
};

/** Validators survey-core can run on one value (and the other answers) outside a filled-in model. */
const STANDALONE_VALIDATORS = new Set(['numericvalidator', 'textvalidator', 'answercountvalidator', 'regexvalidator', 'emailvalidator']);
const SIMPLE_TYPES = new Set(['text', 'comment', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'boolean', 'rating', 'imagepicker']);
/** Logic that only a filled-in model applies correctly. */
const MODEL_ONLY_KEYS = new Set(['requiredIf', 'choicesVisibleIf', 'choicesEnableIf', 'choicesByUrl', 'validators']);

interface SimpleQuestion {
  name: string;
  question: Question;
  required: boolean;
  validators: Question['validators'];
  min?: number;
  max?: number;
  /** The survey's own words for a number out of range: its numeric validator's text, when it has one. */
  rangeText?: string;
}

/** A numeric validator's own text, which the survey means for its range too (survey-page.js shows it there). */
function numericText(question: Question): string | undefined {
  const text = question.validators.find((validator) => validator.getType() === 'numericvalidator')?.text;
  return text ? text : undefined;
}


/** Whether the definition holds logic (beyond visibleIf and standalone validators) that needs a full model. */
function needsFullModel(model: Model, json: unknown): boolean {
  const questions = model.getAllQuestions(false);
  if (questions.some((q) => !SIMPLE_TYPES.has(q.getType()))) return true;
  if (questions.some((q) => q.validators.some((v) => !STANDALONE_VALIDATORS.has(v.getType())))) return true;
  const walk = (value: unknown, inChoices: boolean): boolean => {
    if (Array.isArray(value)) return value.some((item) => walk(item, inChoices));
    if (value === null || typeof value !== 'object') return false;
    return Object.entries(value).some(([key, inner]) => {
      if (key === 'validators') return false;
      if (MODEL_ONLY_KEYS.has(key) || (inChoices && key === 'visibleIf')) return true;
      return walk(inner, key === 'choices');
    });
  };
  return walk(json, false);
}

/**
 * A SurveyJS definition ready to check answers on the server with survey-core itself, so that required
 * questions, visibleIf conditions, choices, ranges and validators mean what they mean in the browser.
 *
 * Filling a whole model costs 1-3 ms a request, too slow for a busy survey. For surveys whose logic is
 * visibleIf conditions and standalone validators (the CQL/PQL survey and most others), visibility comes
 * from survey-core once per combination of the answers the conditions read, and validators run on their
 * own; anything else (matrices, dynamic panels, requiredIf...) is checked on a filled-in model.
 */
export class CompiledSurvey {
  readonly questions: ReadonlyMap<string, QuestionInfo>;
  private readonly model: Model;
  private readonly fullModelOnly: boolean;
  private readonly simple: SimpleQuestion[];
  private readonly oracle: VisibilityOracle;

  constructor(readonly definition: JsonObject) {
    this.model = new Model(definition);
    // survey-core's own range check would otherwise say "The value should not be greater than 80".
    for (const question of this.model.getAllQuestions(false)) {
      const text = numericText(question);
      if (text && 'maxErrorText' in question) Object.assign(question, { minErrorText: text, maxErrorText: text });
    }
    this.questions = new Map(describeQuestions(this.model).map((info) => [info.name, info]));
    this.fullModelOnly = needsFullModel(this.model, definition);
    this.simple = this.model.getAllQuestions(false).map((question) => {
      const q = question as unknown as { inputType?: string; min?: unknown; max?: unknown };
      const numeric = q.inputType === 'number' || q.inputType === 'range';
      return {
        name: question.getValueName(),
        question,
        required: question.isRequired,
        // Read once: survey-core's property getters cost more than the check itself on every submission.
        validators: [...question.validators],
        min: numeric && typeof q.min === 'number' ? q.min : undefined,
        max: numeric && typeof q.max === 'number' ? q.max : undefined,
        rangeText: numericText(question),
      };
    });
    this.oracle = new VisibilityOracle(definition, this.simple.map((q) => q.name));
  }

  /** Every problem with a set of answers; empty when they may be stored. Partial answers skip "required". */
  check(data: Answers, complete: boolean, { fullModel = false } = {}): FieldIssue[] {
    const issues: FieldIssue[] = [];
    for (const [name, value] of Object.entries(data)) {
      const info = this.questions.get(name);
      if (!info) {
        issues.push({ field: name, message: 'is not a question in this survey' });
        continue;
      }
      const parsed = info.value.safeParse(value);
      if (!parsed.success) issues.push(...ValidationError.fieldIssues(parsed.error, { field: name }));
    }
    if (issues.length > 0) return issues;
    return fullModel || this.fullModelOnly ? this.checkWithModel(data, complete) : this.checkStandalone(data, complete);
  }

  private checkStandalone(data: Answers, complete: boolean): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const shown = this.oracle.shown(data);
    const shownNames = new Set(this.simple.filter((_, i) => shown[i]).map((q) => q.name));
    this.reportHiddenAnswers(data, shownNames, issues);
    this.simple.forEach((q, i) => {
      if (!shown[i]) return;
      const value = data[q.name];
      if (isEmpty(value)) {
        if (q.required && complete) issues.push({ field: q.name, message: MESSAGES.required! });
        return;
      }
      if (q.min !== undefined && (value as number) < q.min) issues.push({ field: q.name, message: q.rangeText ?? `The value should not be less than ${q.min}` });
      else if (q.max !== undefined && (value as number) > q.max) issues.push({ field: q.name, message: q.rangeText ?? `The value should not be greater than ${q.max}` });
      else {
        for (const validator of q.validators) {
          const result = validator.validate(value, q.name, {});
          if (result?.error) issues.push({ field: q.name, message: result.error.text || validator.getType() });
        }
      }
    });
    return issues;
  }

  private checkWithModel(data: Answers, complete: boolean): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const model = this.model;
    model.data = data;
    const shown = model.getAllQuestions(true);
    this.reportHiddenAnswers(data, new Set(shown.map((question) => question.getValueName())), issues);
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

  private reportHiddenAnswers(data: Answers, shownNames: ReadonlySet<string>, issues: FieldIssue[]): void {
    for (const name of Object.keys(data)) {
      const base = name.endsWith('-Comment') ? name.slice(0, -'-Comment'.length) : name;
      if (!shownNames.has(base)) issues.push({ field: name, message: 'was not shown to this respondent, so it cannot be answered' });
    }
  }
}
