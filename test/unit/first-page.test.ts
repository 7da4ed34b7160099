import { Model } from 'survey-core';
import { firstPageForm } from '../../server/surveys/first-page';
import everyType from '../fixtures/surveys/every-question-type.json';
import { cqlPqlSurvey } from '../support/factories';

const { definition } = cqlPqlSurvey();

type Json = Record<string, unknown>;
const cqlPql = definition as Json;

/** A one-page survey around the given first-page elements, with the CQL/PQL survey's settings. */
function surveyWith(elements: Json[], overrides: Json = {}): Json {
  return {
    title: 'A survey',
    showProgressBar: true,
    progressBarLocation: 'top',
    showQuestionNumbers: 'off',
    pages: [
      { name: 'p1', title: 'First', elements },
      { name: 'p2', elements: [{ type: 'comment', name: 'more' }] },
    ],
    ...overrides,
  };
}
const radio = (extra: Json = {}): Json => ({
  type: 'radiogroup',
  name: 'role',
  title: 'Role?',
  choices: [{ value: 'a', text: 'A' }, 'b'],
  ...extra,
});

const formOf = (survey: Json, prefill?: { question: string; value: string }) => {
  const model = new Model(survey);
  if (prefill) model.setValue(prefill.question, prefill.value);
  return firstPageForm(survey, model, prefill?.question);
};

describe('firstPageForm: which first pages plain HTML shows before SurveyJS runs', () => {
  test.each<[string, boolean, Json]>([
    [
      'a radio group, a dropdown, a number and a comment',
      true,
      surveyWith([
        radio(),
        { type: 'dropdown', name: 'd', choices: [1, 2] },
        { type: 'text', inputType: 'number', name: 'n', min: 0, max: 9 },
        { type: 'comment', name: 'c', rows: 3 },
      ]),
    ],
    ["the CQL/PQL survey's LMC, role and hours", true, cqlPql],
    ["the every-question-type survey's first questions", false, everyType as Json],
    ['a question shown only under a condition', false, surveyWith([radio({ visibleIf: '{x} = 1' })])],
    ['a question that is required only under a condition', false, surveyWith([radio({ requiredIf: '{x} = 1' })])],
    ['an "other" choice', false, surveyWith([radio({ showOtherItem: true })])],
    [
      'a choice with its own condition',
      false,
      surveyWith([radio({ choices: [{ value: 'a', visibleIf: '{x} = 1' }] })]),
    ],
    ['two choices with the same value', false, surveyWith([radio({ choices: ['a', 'a'] })])],
    ['a title with a placeholder for an answer', false, surveyWith([radio({ title: 'Hello {name}' })])],
    ['a title in several languages', false, surveyWith([radio({ title: { default: 'Role?', fr: 'Rôle ?' } })])],
    ['a date input', false, surveyWith([{ type: 'text', inputType: 'date', name: 'when' }])],
    ['a checkbox question', false, surveyWith([{ type: 'checkbox', name: 'many', choices: ['a', 'b'] }])],
    ['a panel', false, surveyWith([{ type: 'panel', name: 'group', elements: [radio()] }])],
    [
      'numbered questions (SurveyJS numbers them by default)',
      false,
      surveyWith([radio()], { showQuestionNumbers: undefined }),
    ],
    ['the progress bar at the bottom', false, surveyWith([radio()], { progressBarLocation: 'bottom' })],
    [
      'a first page shown only under a condition',
      false,
      { ...surveyWith([radio()]), pages: [{ name: 'p1', visibleIf: '{x} = 1', elements: [radio()] }] },
    ],
    ['a survey in another language', false, surveyWith([radio()], { locale: 'fr' })],
    [
      'a first page whose only question the link answers',
      false,
      surveyWith([{ type: 'dropdown', name: 'lmc', choices: ['fife'] }]),
    ],
  ])('when the first page has %s, then a form is made: %s', (_case, expected, survey) => {
    const prefill = _case.includes('link answers') ? { question: 'lmc', value: 'fife' } : undefined;
    expect(formOf(survey, prefill) !== null).toBe(expected);
  });

  test('when the link answers the LMC, then the form leaves that question out and counts the pages the respondent will see', () => {
    const form = formOf(cqlPql, { question: 'lmc', value: 'glasgow' })!;
    expect(form.title).toBe('About you');
    expect(form.questions.map((question) => question.name)).toEqual(['role', 'hours_per_week']);
    expect(form.progress).toMatchObject({ pages: 5, text: 'Page 1 of 5' });
    expect(form.progress!.steps.map((step) => step.current)).toEqual([true, false, false, false, false]);
  });

  test('when there is no LMC in the link, then the form asks for it with every area as a choice', () => {
    const form = formOf(cqlPql)!;
    const lmc = form.questions[0]!;
    expect(lmc).toMatchObject({
      name: 'lmc',
      required: true,
      requiredText: '*',
      dropdown: { placeholder: 'Select...' },
    });
    expect(lmc.dropdown!.choices).toEqual([
      { id: 'fp0-0', value: 'glasgow', text: 'Glasgow' },
      { id: 'fp0-1', value: 'lothian', text: 'Lothian' },
      { id: 'fp0-2', value: 'fife', text: 'Fife' },
      { id: 'fp0-3', value: 'ayrshire-arran', text: 'Ayrshire & Arran' },
    ]);
  });

  test.each<[string, Json, Partial<Record<string, unknown>>]>([
    [
      'a radio group with plain and object choices',
      radio(),
      {
        radiogroup: [
          { id: 'fp0-0', value: 'a', text: 'A' },
          { id: 'fp0-1', value: 'b', text: 'b' },
        ],
      },
    ],
    [
      'a number input with limits',
      { type: 'text', inputType: 'number', name: 'n', min: 0, max: 80, isRequired: true },
      { required: true, text: { inputType: 'number', min: 0, max: 80, placeholder: '', maxLength: undefined } },
    ],
    [
      'a comment with a length limit',
      { type: 'comment', name: 'c', maxLength: 500, rows: 5, description: 'Say more' },
      { description: 'Say more', comment: { rows: 5, placeholder: '', maxLength: 500 } },
    ],
    [
      'a number choice',
      { type: 'dropdown', name: 'd', choices: [1, 2], placeholder: 'Pick one' },
      {
        dropdown: {
          placeholder: 'Pick one',
          choices: [
            { id: 'fp0-0', value: '1', text: '1' },
            { id: 'fp0-1', value: '2', text: '2' },
          ],
        },
      },
    ],
  ])('when the question is %s, then the form shows it as SurveyJS would', (_case, element, expected) => {
    const [question] = formOf(surveyWith([element]))!.questions;
    expect(question).toMatchObject(expected);
  });
});
