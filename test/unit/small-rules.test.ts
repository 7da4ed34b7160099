import { responseRate } from '../../analysis/response-rate';
import { reminderMessage } from '../../server/distribution/reminder-message';
import { neutraliseCell } from '../../server/http/csv-safety';
import { checkDefinition, checkDistribution } from '../../server/surveys/definition-check';
import { surveyStatus } from '../../server/surveys/survey-status';

describe('responseRate', () => {
  test.each([
    [159, 890, 17.87],
    [38, 220, 17.27],
    [0, 52, 0],
    [10, 10, 100],
    [1, 3, 33.33],
    [5, 0, null],
  ])('when %i responded of %i, then the rate is %p', (responses, invited, rate) => {
    expect(responseRate(responses, invited)).toBe(rate);
  });
});

describe('neutraliseCell', () => {
  test.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+44 131', "'+44 131"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain text', 'plain text'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('when the cell is %j, then it is written as %j', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });
});

describe('surveyStatus', () => {
  const now = new Date('2024-05-15T12:00:00Z');
  test.each([
    [{ opensAt: null, closesAt: null, closedAt: null }, 'open'],
    [{ opensAt: '2024-05-01T00:00:00Z', closesAt: '2024-06-01T00:00:00Z', closedAt: null }, 'open'],
    [{ opensAt: '2024-05-16T00:00:00Z', closesAt: null, closedAt: null }, 'scheduled'],
    [{ opensAt: null, closesAt: '2024-05-15T12:00:00Z', closedAt: null }, 'closed'],
    [{ opensAt: null, closesAt: null, closedAt: '2024-05-10T00:00:00Z' }, 'closed'],
  ] as const)('when the schedule is %j, then the survey is %s', (schedule, status) => {
    expect(surveyStatus(schedule, now)).toBe(status);
  });
});

describe('reminderMessage', () => {
  const area = { code: 'fife', name: 'Fife', practices: 50 };
  test('when the survey has a closing date, then the reminder gives progress, date and link, and the subject apart', () => {
    const message = reminderMessage({
      survey: { title: 'GP Quality Clusters survey', closesAt: '2024-05-31T23:00:00.000Z' },
      area,
      complete: 12,
      rate: 24,
      link: 'https://x.example/s/s?lmc=fife',
      minimumBase: 10,
    });
    expect(message.subject).toBe('Reminder: GP Quality Clusters survey');
    expect(message.body).not.toContain('Subject');
    expect(message.body.split('\n')[0]).toBe('Dear Practice Manager,');
    expect(message.body).toContain(
      'So far 12 responses have come from Fife, which has 50 practices (24.0 responses for every 100 practices).',
    );
    expect(message.body).toContain('The survey closes on 1 June 2024.');
    expect(message.body).toContain('https://x.example/s/s?lmc=fife');
  });
  test.each([
    [0, 'You are invited to take part in the T.', 0, ['0 responses', 'So far']],
    [1, 'So far fewer than 10 responses have come from Fife.', 2, ['1 response', '2.0 responses']],
    [9, 'So far fewer than 10 responses have come from Fife.', 18, ['9 responses', '18.0 responses']],
    [
      10,
      'So far 10 responses have come from Fife, which has 50 practices (20.0 responses for every 100 practices).',
      20,
      ['fewer than'],
    ],
  ])(
    'when %i in the area have answered (minimum base 10), then the message says "%s"',
    (complete, says, rate, hidden) => {
      const message = reminderMessage({
        survey: { title: 'T', closesAt: null },
        area,
        complete,
        rate,
        link: 'L',
        minimumBase: 10,
      });
      expect(message.body).toContain(says);
      expect(message.subject).toBe(complete === 0 ? 'T' : 'Reminder: T');
      // Below the base neither the count nor the rate it comes from.
      for (const text of hidden) expect(message.body).not.toContain(text);
    },
  );
  test('when the area has no practice count, then the reminder gives the number of responses only', () => {
    const message = reminderMessage({
      survey: { title: 'T', closesAt: null },
      area: { ...area, practices: 0 },
      complete: 11,
      rate: null,
      link: 'L',
      minimumBase: 10,
    });
    expect(message.body).toContain('So far 11 responses have come from Fife.');
    expect(message.body).not.toContain('closes on');
  });
});

describe('checkDefinition and checkDistribution', () => {
  test.each([
    ['not an object', 'text', ['definition']],
    ['an array', [], ['definition']],
    ['no questions', { elements: [] }, ['definition']],
    ['an unknown property', { elements: [{ type: 'text', name: 'a', colour: 'red' }] }, ['definition']],
    ['a prototype name', { elements: [{ type: 'text', name: '__proto__' }] }, ['__proto__']],
    ['a good survey', { elements: [{ type: 'text', name: 'a' }] }, []],
  ])('when the definition is %s, then the problem fields are %j', (_case, json, fields) => {
    expect(checkDefinition(json).map((issue) => issue.field)).toEqual(fields);
  });

  test('when an area is not a choice of the distribution question, then it is named', () => {
    const json = { elements: [{ type: 'dropdown', name: 'lmc', choices: ['fife'] }] };
    const distribution = {
      question: 'lmc',
      areas: [
        { code: 'fife', name: 'Fife', practices: 1 },
        { code: 'mars', name: 'Mars', practices: 1 },
      ],
    };
    expect(checkDistribution(json, distribution)).toEqual([
      { field: 'areas.mars', message: 'is not a choice of "lmc"' },
    ]);
    expect(checkDistribution(json, { ...distribution, question: 'area' })[0]!.field).toBe('question');
  });
});
