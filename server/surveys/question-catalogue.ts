import { Model, type Question } from 'survey-core';
import { z } from 'zod';

/** What the server needs to know of one answerable question, derived once from a SurveyJS definition. */
export interface QuestionInfo {
  name: string;
  type: string;
  title: string;
  /** For choice questions: the allowed values with their labels. */
  choices: Array<{ value: unknown; text: string }>;
  value: z.ZodType;
}

const DEFAULT_TEXT_LIMIT = 10_000;
const NUMERIC_INPUT_TYPES = new Set(['number', 'range']);
const SINGLE_CHOICE = new Set(['radiogroup', 'dropdown', 'imagepicker']);
const MULTI_CHOICE = new Set(['checkbox', 'tagbox', 'ranking']);
// An expression's computed value is sent with the answers (the survey page sends every visible value), so it is accepted.
const NO_VALUE = new Set(['html', 'image']);

interface ChoiceQuestion extends Question {
  choices: Array<{ value: unknown; text: string }>;
  showOtherItem?: boolean;
  showNoneItem?: boolean;
  otherItem?: { value: unknown };
  noneItem?: { value: unknown };
}

function choiceValues(question: ChoiceQuestion): unknown[] {
  const values = question.choices.map((choice) => choice.value);
  if (question.showOtherItem && question.otherItem) values.push(question.otherItem.value);
  if (question.showNoneItem && question.noneItem) values.push(question.noneItem.value);
  return values;
}

function oneOf(values: unknown[]): z.ZodType {
  const allowed = new Set(values);
  const listed = values.map(String).join(', ');
  const message = `must be one of: ${listed}`;
  return z
    .union([z.string(), z.number(), z.boolean()], { error: message })
    .refine((value) => allowed.has(value), { message });
}

function textLimit(question: Question): number {
  const limit = (question as unknown as { maxLength?: number }).maxLength;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_TEXT_LIMIT;
}

/** A message set on z.string() applies to every issue: the limit gets its own, or "too long" reads "must be text". */
function limitedText(question: Question): z.ZodType {
  const limit = textLimit(question);
  return z.string({ error: 'must be text' }).max(limit, { error: `must be at most ${limit} characters` });
}

function valueSchemaFor(question: Question): z.ZodType | null {
  const type = question.getType();
  if (NO_VALUE.has(type)) return null;
  if (type === 'text') {
    const inputType = (question as unknown as { inputType?: string }).inputType ?? 'text';
    if (NUMERIC_INPUT_TYPES.has(inputType)) return z.number({ error: 'must be a number' }).finite();
    return limitedText(question);
  }
  if (type === 'comment') return limitedText(question);
  if (SINGLE_CHOICE.has(type)) return oneOf(choiceValues(question as ChoiceQuestion));
  if (MULTI_CHOICE.has(type)) {
    const values = choiceValues(question as ChoiceQuestion);
    return z
      .array(oneOf(values), { error: 'must be a list of choices' })
      .max(values.length)
      .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a choice' });
  }
  if (type === 'boolean') {
    const q = question as unknown as { valueTrue?: unknown; valueFalse?: unknown };
    if (q.valueTrue !== undefined || q.valueFalse !== undefined) return oneOf([q.valueTrue ?? true, q.valueFalse ?? false]);
    return z.boolean({ error: 'must be true or false' });
  }
  if (type === 'rating') return z.union([z.number(), z.string().max(200)]);
  // Matrices, dynamic panels, multiple text and the like: any JSON value, checked further by survey-core.
  return z.json();
}

function hasCommentArea(question: Question): boolean {
  const q = question as unknown as { showOtherItem?: boolean; showCommentArea?: boolean; hasComment?: boolean };
  return Boolean(q.showOtherItem || q.showCommentArea || q.hasComment);
}

export function describeQuestions(model: Model): QuestionInfo[] {
  const infos: QuestionInfo[] = [];
  for (const question of model.getAllQuestions(false)) {
    const value = valueSchemaFor(question);
    if (!value) continue;
    const name = question.getValueName();
    const choices = 'choices' in question ? (question as ChoiceQuestion).choices.map((c) => ({ value: c.value, text: c.text })) : [];
    infos.push({ name, type: question.getType(), title: question.title, choices, value });
    if (hasCommentArea(question)) {
      infos.push({ name: `${name}-Comment`, type: 'comment', title: `${question.title} (comment)`, choices: [], value: z.string().max(DEFAULT_TEXT_LIMIT) });
    }
  }
  return infos;
}

/** A question whose answers are free text (a comment, or a text box that is not a number). */
export function isFreeText(info: QuestionInfo): boolean {
  return info.type === 'comment' || (info.type === 'text' && info.value.safeParse('text').success);
}
