import { Model, type Question } from 'survey-core';

/**
 * How a question's answers are summarised. Parts: `matrix` (one choice question per row, the value an object
 * keyed by row), `items` (multiple text, or a matrix of text cells: one question per item), `entries` (dynamic
 * panels and dynamic matrices: the same questions answered once per entry), `unsupported` (signatures, files:
 * only how many answered).
 */
export type StatsKind =
  'choice' | 'multi' | 'number' | 'text' | 'matrix' | 'ranking' | 'items' | 'entries' | 'unsupported';

export interface StatsOption {
  value: unknown;
  label: string;
}

export interface StatsQuestion {
  /** The answer's key in the response (for a part: in its parent's value). */
  name: string;
  title: string;
  type: string;
  kind: StatsKind;
  options: StatsOption[];
  /** Whose visibility decides whether this was shown (a question's "-Comment" box goes with the question). */
  shownWith?: string;
  /** Choice questions whose values are all numbers form an ordered scale; `nps` for 0-10 likelihood to recommend. */
  scale?: { nps: boolean };
  /** The parts of a matrix (rows), multiple text (items), dynamic panel or matrix (its questions). */
  parts?: StatsQuestion[];
  /** Parts are columns of a value kept by row ({ row: { column: answer } }), as a dropdown matrix keeps it. */
  byColumn?: boolean;
}

export interface StatsQuestionOptions {
  /** Questions the survey's analysis settings mark as Net Promoter questions, whatever their range. */
  nps?: string[];
}

const CHOICE = new Set(['radiogroup', 'dropdown', 'imagepicker', 'rating', 'boolean', 'slider']);
const MULTI = new Set(['checkbox', 'tagbox']);
const NO_ANSWER = new Set(['html', 'image', 'panel']);

interface AnyQuestion {
  choices?: Array<{ value: unknown; text: string }>;
  visibleRateValues?: Array<{ value: unknown; text: string }>;
  labelTrue?: string;
  labelFalse?: string;
  valueTrue?: unknown;
  valueFalse?: unknown;
  showOtherItem?: boolean;
  showNoneItem?: boolean;
  showCommentArea?: boolean;
  hasComment?: boolean;
  otherItem?: { value: unknown; text: string };
  noneItem?: { value: unknown; text: string };
  inputType?: string;
  rows?: Array<{ value: unknown; text: string }>;
  columns?: Array<{ name?: string; value?: unknown; text?: string; title?: string; templateQuestion?: Question }>;
  items?: Array<{ name: string; title?: string; inputType?: string; editor?: Question }>;
  template?: { questions: Question[] };
  cellType?: string;
}

function optionsOf(question: Question): StatsOption[] {
  const q = question as unknown as AnyQuestion;
  const type = question.getType();
  if (type === 'boolean') {
    return [
      { value: q.valueTrue ?? true, label: q.labelTrue || 'Yes' },
      { value: q.valueFalse ?? false, label: q.labelFalse || 'No' },
    ];
  }
  if (type === 'rating')
    return (q.visibleRateValues ?? []).map((item) => ({ value: item.value, label: String(item.text) }));
  const items = [...(q.choices ?? [])];
  if (q.showOtherItem && q.otherItem) items.push(q.otherItem);
  if (q.showNoneItem && q.noneItem) items.push(q.noneItem);
  return items.map((item) => ({ value: item.value, label: String(item.text) }));
}

function scaleOf(name: string, options: StatsOption[], settings: StatsQuestionOptions): StatsQuestion['scale'] {
  if (options.length < 2 || !options.every((option) => typeof option.value === 'number')) return undefined;
  const values = options.map((option) => option.value as number);
  const zeroToTen = values.length === 11 && values.every((value, i) => value === i);
  return { nps: zeroToTen || Boolean(settings.nps?.includes(name)) };
}

function choiceQuestion(
  name: string,
  title: string,
  type: string,
  kind: 'choice' | 'multi',
  options: StatsOption[],
  settings: StatsQuestionOptions,
): StatsQuestion {
  const scale = kind === 'choice' && type !== 'boolean' ? scaleOf(name, options, settings) : undefined;
  return { name, title, type, kind, options, ...(scale ? { scale } : {}) };
}

/** A question found inside another (a matrix cell, a panel's question, a multiple-text item). */
function describe(question: Question, name: string, title: string, settings: StatsQuestionOptions): StatsQuestion {
  const type = question.getType();
  const q = question as unknown as AnyQuestion;
  if (CHOICE.has(type)) return choiceQuestion(name, title, type, 'choice', optionsOf(question), settings);
  if (MULTI.has(type)) return choiceQuestion(name, title, type, 'multi', optionsOf(question), settings);
  if (type === 'comment') return { name, title, type, kind: 'text', options: [] };
  if (type === 'text') {
    const numeric = q.inputType === 'number' || q.inputType === 'range';
    return { name, title, type: numeric ? 'number' : 'text', kind: numeric ? 'number' : 'text', options: [] };
  }
  if (type === 'ranking') return { name, title, type, kind: 'ranking', options: optionsOf(question) };
  if (type === 'matrix') {
    const columns = (q.columns ?? []).map((column) => ({
      value: column.value,
      label: String(column.text ?? column.value),
    }));
    const multi = q.cellType === 'checkbox';
    const parts = (q.rows ?? []).map((row) =>
      choiceQuestion(String(row.value), String(row.text), 'matrix-row', multi ? 'multi' : 'choice', columns, settings),
    );
    return { name, title, type, kind: 'matrix', options: columns, parts };
  }
  if (type === 'matrixdropdown') {
    // One part per column: a matrix over the rows when its cells are choices, one item per row otherwise.
    const rows = q.rows ?? [];
    const parts = (q.columns ?? []).map((column) => {
      const cell = describe(
        column.templateQuestion!,
        String(column.name),
        String(column.title ?? column.name),
        settings,
      );
      if (cell.kind === 'choice' || cell.kind === 'multi') {
        return {
          name: cell.name,
          title: cell.title,
          type: 'matrix',
          kind: 'matrix' as const,
          options: cell.options,
          parts: rows.map((row) => ({ ...cell, name: String(row.value), title: String(row.text), type: 'matrix-row' })),
        };
      }
      return {
        name: cell.name,
        title: cell.title,
        type: 'items',
        kind: 'items' as const,
        options: [],
        parts: rows.map((row) => ({ ...cell, name: String(row.value), title: String(row.text) })),
      };
    });
    return { name, title, type, kind: 'items', options: [], parts, byColumn: true };
  }
  if (type === 'matrixdynamic') {
    const parts = (q.columns ?? []).map((column) =>
      describe(column.templateQuestion!, String(column.name), String(column.title ?? column.name), settings),
    );
    return { name, title, type, kind: 'entries', options: [], parts };
  }
  if (type === 'paneldynamic') {
    const parts = (q.template?.questions ?? []).map((inner) =>
      describe(inner, inner.getValueName(), inner.title, settings),
    );
    return { name, title, type, kind: 'entries', options: [], parts };
  }
  if (type === 'multipletext') {
    const parts = (q.items ?? []).map((item) => {
      const numeric = item.inputType === 'number' || item.inputType === 'range';
      return {
        name: item.name,
        title: item.title || item.name,
        type: numeric ? 'number' : 'text',
        kind: numeric ? ('number' as const) : ('text' as const),
        options: [],
      };
    });
    return { name, title, type, kind: 'items', options: [], parts };
  }
  return { name, title, type, kind: 'unsupported', options: [] };
}

function hasCommentBox(question: Question): boolean {
  const q = question as unknown as AnyQuestion;
  return Boolean(q.showOtherItem || q.showCommentArea || q.hasComment);
}

/**
 * Every question that takes an answer, in survey order, from any SurveyJS definition; nothing is left out. A
 * question with an "other (please specify)" or comment box is followed by that box, as free text.
 */
export function statsQuestions(model: Model, settings: StatsQuestionOptions = {}): StatsQuestion[] {
  const result: StatsQuestion[] = [];
  for (const question of model.getAllQuestions(false)) {
    if (NO_ANSWER.has(question.getType())) continue;
    const name = question.getValueName();
    result.push(describe(question, name, question.title, settings));
    if (hasCommentBox(question)) {
      const label = (question as unknown as AnyQuestion).showOtherItem ? 'other, please specify' : 'comment';
      result.push({
        name: `${name}-Comment`,
        title: `${question.title} (${label})`,
        type: 'comment',
        kind: 'text',
        options: [],
        shownWith: name,
      });
    }
  }
  return result;
}
