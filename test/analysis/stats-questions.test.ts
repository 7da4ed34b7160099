import { Model } from 'survey-core';
import { statsQuestions } from '../../analysis/stats-questions';

const questionsOf = (elements: object[], settings = {}) => statsQuestions(new Model({ elements }), settings);

describe('statsQuestions', () => {
  test.each([
    ['a radio group', 'choice', { type: 'radiogroup', name: 'q', choices: ['a', 'b'] }, 'radiogroup'],
    ['a dropdown', 'choice', { type: 'dropdown', name: 'q', choices: ['a', 'b'] }, 'dropdown'],
    ['a checkbox', 'multi', { type: 'checkbox', name: 'q', choices: ['a', 'b'] }, 'checkbox'],
    ['a tag box', 'multi', { type: 'tagbox', name: 'q', choices: ['a', 'b'] }, 'tagbox'],
    ['a comment', 'text', { type: 'comment', name: 'q' }, 'comment'],
    ['a text box', 'text', { type: 'text', name: 'q' }, 'text'],
    ['a number box', 'number', { type: 'text', name: 'q', inputType: 'number' }, 'number'],
    ['a ranking', 'ranking', { type: 'ranking', name: 'q', choices: ['a', 'b'] }, 'ranking'],
    ['a signature pad', 'unsupported', { type: 'signaturepad', name: 'q' }, 'signaturepad'],
    [
      'a dynamic panel',
      'entries',
      { type: 'paneldynamic', name: 'q', templateElements: [{ type: 'text', name: 'x' }] },
      'paneldynamic',
    ],
  ])('when the survey has %s, then it is summarised as %s', (_, kind, element, type) => {
    const [question] = questionsOf([element]);
    expect(question).toMatchObject({ name: 'q', kind, type });
  });

  test('when questions take no answer (html, image), then they are left out', () => {
    const questions = questionsOf([
      { type: 'html', name: 'intro', html: '<p>Hi</p>' },
      { type: 'image', name: 'logo' },
      { type: 'text', name: 'q' },
    ]);
    expect(questions.map((q) => q.name)).toEqual(['q']);
  });

  test('when a choice question offers "other", then its options include it and its text box follows as free text', () => {
    const questions = questionsOf([
      { type: 'radiogroup', name: 'q', title: 'Pick', choices: ['a'], showOtherItem: true },
    ]);
    expect(questions[0]!.options.map((o) => o.value)).toEqual(['a', 'other']);
    expect(questions[1]).toEqual({
      name: 'q-Comment',
      title: 'Pick (other, please specify)',
      type: 'comment',
      kind: 'text',
      options: [],
      shownWith: 'q',
    });
  });

  test('when a boolean has its own labels and values, then those are its two options, and it is not a scale', () => {
    const [question] = questionsOf([
      { type: 'boolean', name: 'q', labelTrue: 'Agree', labelFalse: 'Disagree', valueTrue: 'y', valueFalse: 'n' },
    ]);
    expect(question!.options).toEqual([
      { value: 'y', label: 'Agree' },
      { value: 'n', label: 'Disagree' },
    ]);
    expect(question!.scale).toBeUndefined();
  });

  test.each([
    ['a 0-10 rating', 'an NPS scale', { type: 'rating', name: 'q', rateMin: 0, rateMax: 10 }, {}, { nps: true }],
    ['a 1-5 rating', 'a scale, not NPS', { type: 'rating', name: 'q', rateMin: 1, rateMax: 5 }, {}, { nps: false }],
    [
      'a 1-5 rating named as NPS in the settings',
      'an NPS scale',
      { type: 'rating', name: 'q', rateMin: 1, rateMax: 5 },
      { nps: ['q'] },
      { nps: true },
    ],
    ['a choice of words', 'no scale', { type: 'radiogroup', name: 'q', choices: ['low', 'high'] }, {}, undefined],
  ])('when the survey has %s, then it is %s', (_, __, element, settings, scale) => {
    expect(questionsOf([element], settings)[0]!.scale).toEqual(scale);
  });

  test('when a matrix has rows and columns, then each row is a choice part over the columns', () => {
    const [question] = questionsOf([
      {
        type: 'matrix',
        name: 'm',
        rows: [{ value: 'r1', text: 'Row 1' }, 'r2'],
        columns: [
          { value: 1, text: 'Low' },
          { value: 2, text: 'High' },
        ],
      },
    ]);
    expect(question!.kind).toBe('matrix');
    expect(question!.parts!.map((p) => [p.name, p.title, p.kind, p.type])).toEqual([
      ['r1', 'Row 1', 'choice', 'matrix-row'],
      ['r2', 'r2', 'choice', 'matrix-row'],
    ]);
    expect(question!.parts![0]!.options).toEqual([
      { value: 1, label: 'Low' },
      { value: 2, label: 'High' },
    ]);
  });

  test('when a multiple text has a number item, then its items are parts, numbers as numbers', () => {
    const [question] = questionsOf([
      {
        type: 'multipletext',
        name: 'mt',
        items: [{ name: 'count', inputType: 'number', title: 'How many' }, { name: 'note' }],
      },
    ]);
    expect(question!.kind).toBe('items');
    expect(question!.parts!.map((p) => [p.name, p.title, p.kind])).toEqual([
      ['count', 'How many', 'number'],
      ['note', 'note', 'text'],
    ]);
  });

  test('when a dropdown matrix has a choice column and a text column, then it is read by column', () => {
    const [question] = questionsOf([
      {
        type: 'matrixdropdown',
        name: 'md',
        rows: ['r1', 'r2'],
        columns: [
          { name: 'rating', cellType: 'dropdown', choices: ['good', 'bad'] },
          { name: 'note', cellType: 'text' },
        ],
      },
    ]);
    expect(question!.byColumn).toBe(true);
    expect(question!.parts!.map((p) => [p.name, p.kind, p.parts!.map((row) => row.name)])).toEqual([
      ['rating', 'matrix', ['r1', 'r2']],
      ['note', 'items', ['r1', 'r2']],
    ]);
  });
});
