import { Model, type Question } from 'survey-core';

export type StatsKind = 'choice' | 'multi' | 'number' | 'text';

export interface StatsQuestion {
  name: string;
  title: string;
  type: string;
  kind: StatsKind;
  options: Array<{ value: unknown; label: string }>;
}

const CHOICE = new Set(['radiogroup', 'dropdown', 'imagepicker', 'rating', 'boolean']);
const MULTI = new Set(['checkbox', 'tagbox']);

function kindOf(question: Question): StatsKind | null {
  const type = question.getType();
  if (CHOICE.has(type)) return 'choice';
  if (MULTI.has(type)) return 'multi';
  if (type === 'comment') return 'text';
  if (type === 'text') {
    const inputType = (question as unknown as { inputType?: string }).inputType;
    return inputType === 'number' || inputType === 'range' ? 'number' : 'text';
  }
  return null;
}

function optionsOf(question: Question): StatsQuestion['options'] {
  const q = question as unknown as {
    choices?: Array<{ value: unknown; text: string }>;
    visibleRateValues?: Array<{ value: unknown; text: string }>;
    labelTrue?: string;
    labelFalse?: string;
    valueTrue?: unknown;
    valueFalse?: unknown;
    showOtherItem?: boolean;
    showNoneItem?: boolean;
    otherItem?: { value: unknown; text: string };
    noneItem?: { value: unknown; text: string };
  };
  const type = question.getType();
  if (type === 'boolean') {
    return [
      { value: q.valueTrue ?? true, label: q.labelTrue || 'Yes' },
      { value: q.valueFalse ?? false, label: q.labelFalse || 'No' },
    ];
  }
  if (type === 'rating') return (q.visibleRateValues ?? []).map((item) => ({ value: item.value, label: String(item.text) }));
  const items = [...(q.choices ?? [])];
  if (q.showOtherItem && q.otherItem) items.push(q.otherItem);
  if (q.showNoneItem && q.noneItem) items.push(q.noneItem);
  return items.map((item) => ({ value: item.value, label: String(item.text) }));
}

/** The questions statistics are given for, in survey order, from any SurveyJS definition. */
export function statsQuestions(model: Model): StatsQuestion[] {
  const result: StatsQuestion[] = [];
  for (const question of model.getAllQuestions(false)) {
    const kind = kindOf(question);
    if (!kind) continue;
    result.push({
      name: question.getValueName(),
      title: question.title,
      type: question.getType() === 'text' && kind === 'number' ? 'number' : question.getType(),
      kind,
      options: kind === 'choice' || kind === 'multi' ? optionsOf(question) : [],
    });
  }
  return result;
}
