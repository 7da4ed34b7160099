import type { Model, Question } from 'survey-core';

/**
 * The survey's first page as a plain HTML form, so that a respondent on a slow phone can read and answer it
 * before SurveyJS (1.4 MB of script, about half a second of a phone's processor) has run; SurveyJS starts when
 * they press Next, takes their answers and checks the page itself. Only first pages that plain HTML shows exactly
 * as SurveyJS would qualify: the question kinds below with the properties listed, nothing conditional, no
 * numbering; any other page is left to SurveyJS from the start.
 */
export interface FirstPageForm {
  title: string;
  description: string;
  /** SurveyJS's "pages" progress bar at the top: one step per visible page. */
  progress: { steps: Array<{ current: boolean }>; text: string; pages: number } | null;
  questions: FirstPageQuestion[];
}

export interface FirstPageQuestion {
  id: string;
  name: string;
  title: string;
  description: string;
  required: boolean;
  requiredText: string;
  radiogroup?: FirstPageChoice[];
  dropdown?: { placeholder: string; choices: FirstPageChoice[] };
  text?: { inputType: string; min?: number; max?: number; placeholder: string; maxLength?: number };
  comment?: { rows: number; placeholder: string; maxLength?: number };
}

export interface FirstPageChoice {
  id: string;
  value: string;
  text: string;
}

const COMMON = ['type', 'name', 'title', 'description', 'isRequired', 'validators', 'requiredErrorText'];
const ALLOWED_BY_TYPE: Record<string, Set<string>> = {
  radiogroup: new Set([...COMMON, 'choices']),
  dropdown: new Set([...COMMON, 'choices', 'placeholder']),
  text: new Set([...COMMON, 'inputType', 'min', 'max', 'placeholder', 'maxLength']),
  comment: new Set([...COMMON, 'rows', 'placeholder', 'maxLength']),
};
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'email', 'tel', 'url']);
const SURVEY_KEYS = new Set(['title', 'description', 'showProgressBar', 'progressBarLocation', 'showQuestionNumbers', 'questionErrorLocation', 'clearInvisibleValues', 'completedHtml', 'completedBeforeHtml', 'pages', 'checkErrorsMode', 'textUpdateMode']);
const PAGE_KEYS = new Set(['name', 'title', 'description', 'elements']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Plain text only: a localised string object or "{placeholder}" text processing is SurveyJS's to show. */
const isPlainText = (value: unknown) => value === undefined || (typeof value === 'string' && !value.includes('{'));

function plainChoices(choices: unknown): boolean {
  if (!Array.isArray(choices) || choices.length === 0) return false;
  const values = choices.map((choice) => (isObject(choice) ? choice.value : choice));
  const primitive = values.every((value) => typeof value === 'string' || typeof value === 'number');
  const distinct = new Set(values.map(String)).size === values.length;
  return primitive && distinct && choices.every((choice) => !isObject(choice) || (Object.keys(choice).every((key) => key === 'value' || key === 'text') && isPlainText(choice.text)));
}

function plainQuestion(element: unknown, hidden: string | undefined): boolean {
  if (!isObject(element) || typeof element.type !== 'string' || typeof element.name !== 'string') return false;
  if (element.name === hidden) return true;
  const allowed = ALLOWED_BY_TYPE[element.type];
  if (!allowed || !Object.keys(element).every((key) => allowed.has(key))) return false;
  if (!isPlainText(element.title) || !isPlainText(element.description) || !isPlainText(element.placeholder)) return false;
  if (allowed.has('choices') && !plainChoices(element.choices)) return false;
  if (element.type === 'text' && !TEXT_INPUT_TYPES.has(String(element.inputType ?? 'text'))) return false;
  return true;
}

function plainSurvey(definition: Json, hidden: string | undefined): boolean {
  if (!Object.keys(definition).every((key) => SURVEY_KEYS.has(key))) return false;
  const numbering = definition.showQuestionNumbers;
  if (numbering !== 'off' && numbering !== false) return false;
  const progress = definition.showProgressBar;
  if (progress !== undefined && progress !== false && progress !== 'off' && !((progress === true || progress === 'top') && (definition.progressBarLocation ?? 'top') === 'top')) return false;
  const pages = definition.pages;
  if (!Array.isArray(pages) || pages.length === 0) return false;
  const first: unknown = pages[0];
  if (!isObject(first) || !Object.keys(first).every((key) => PAGE_KEYS.has(key)) || !isPlainText(first.title) || !isPlainText(first.description)) return false;
  const elements = first.elements;
  return Array.isArray(elements) && elements.some((element) => isObject(element) && element.name !== hidden) && elements.every((element) => plainQuestion(element, hidden));
}

function questionView(question: Question, index: number): FirstPageQuestion {
  const id = `fp${index}`;
  const choices = (): FirstPageChoice[] => (question.choices as Array<{ value: unknown; text: string }>).map((choice, at) => ({ id: `${id}-${at}`, value: String(choice.value), text: choice.text }));
  const view: FirstPageQuestion = {
    id,
    name: question.name,
    title: question.title,
    description: question.description ?? '',
    required: question.isRequired,
    requiredText: question.requiredText,
  };
  const json = question.toJSON() as Json;
  const maxLength = typeof json.maxLength === 'number' && json.maxLength > 0 ? json.maxLength : undefined;
  const placeholder = typeof json.placeholder === 'string' ? json.placeholder : '';
  if (question.getType() === 'radiogroup') view.radiogroup = choices();
  if (question.getType() === 'dropdown') view.dropdown = { placeholder: placeholder || question.placeholder || 'Select...', choices: choices() };
  if (question.getType() === 'comment') view.comment = { rows: typeof json.rows === 'number' ? json.rows : 4, placeholder, maxLength };
  if (question.getType() === 'text') {
    const inputType = String(json.inputType ?? 'text');
    view.text = { inputType, placeholder, maxLength, min: typeof json.min === 'number' ? json.min : undefined, max: typeof json.max === 'number' ? json.max : undefined };
  }
  return view;
}

/**
 * The first page as a form, or null when SurveyJS must show it. `model` is the survey with the link's pre-filled
 * answer already set (so the page count is the one the respondent will see); `hidden` is that question's name.
 */
export function firstPageForm(definition: Json, model: Model, hidden: string | undefined): FirstPageForm | null {
  if (!plainSurvey(definition, hidden)) return null;
  const page = model.pages[0];
  if (!page) return null;
  const questions = page.questions.filter((question) => question.name !== hidden).map(questionView);
  const shown = definition.showProgressBar !== undefined && definition.showProgressBar !== false && definition.showProgressBar !== 'off';
  const pages = model.visiblePages.length;
  return {
    title: typeof (definition.pages as Json[])[0]!.title === 'string' ? page.title : '',
    description: page.description ?? '',
    progress: shown && pages > 1 ? { steps: Array.from({ length: pages }, (_, at) => ({ current: at === 0 })), text: model.progressText, pages } : null,
    questions,
  };
}
