import { CompiledSurvey } from '../../server/surveys/compiled-survey';
import { cqlAnswers, pqlAnswers, cqlPqlSurvey } from '../support/factories';

const { definition } = cqlPqlSurvey();

const survey = new CompiledSurvey(definition as Record<string, unknown>);

// [case, answers, complete, expected fields with problems]
const table: Array<[string, Record<string, unknown>, boolean, string[]]> = [
  ['a complete PQL', pqlAnswers(), true, []],
  ['a complete CQL in the network', cqlAnswers(), true, []],
  ['the least a complete response needs', { lmc: 'fife', role: 'pql', hours_per_week: 0 }, true, []],
  ['80 hours', pqlAnswers({ hours_per_week: 80 }), true, []],
  ['decimal hours', pqlAnswers({ hours_per_week: 2.25 }), true, []],
  ['no role, complete', pqlAnswers({ role: undefined }), true, ['role']],
  ['no role, partial', pqlAnswers({ role: undefined }), false, []],
  ['nothing at all, complete', {}, true, ['lmc', 'role', 'hours_per_week']],
  ['nothing at all, partial', {}, false, []],
  ['negative hours', pqlAnswers({ hours_per_week: -0.5 }), true, ['hours_per_week']],
  ['too many hours, even when partial', pqlAnswers({ hours_per_week: 80.5 }), false, ['hours_per_week']],
  ['hours as a string', pqlAnswers({ hours_per_week: '3' }), true, ['hours_per_week']],
  ['a CQL-only answer from a PQL', pqlAnswers({ cql_funding_matches_time: 'yes' }), true, ['cql_funding_matches_time']],
  ['a network member answer when unaware', cqlAnswers({ cql_network_aware: 'no' }), true, ['cql_network_member']],
  [
    'a network member answer from a PQL',
    pqlAnswers({ cql_network_aware: 'yes', cql_network_member: 'yes' }),
    true,
    ['cql_network_member'],
  ],
  ['a value outside the choices', pqlAnswers({ guidance_used: 'sometimes' }), true, ['guidance_used']],
  ['a number where a choice is expected', pqlAnswers({ plt_barrier: 1 }), true, ['plt_barrier']],
  ['a list where text is expected', pqlAnswers({ qi_work_examples: ['a'] }), true, ['qi_work_examples']],
  ['an unknown question', pqlAnswers({ surname: 'Smith' }), true, ['surname']],
];

describe('CompiledSurvey.check on the CQL/PQL survey', () => {
  test.each(table)('when %s, then the problem fields are %j', (_case, answers, complete, fields) => {
    const issues = survey.check(answers, complete);
    expect([...new Set(issues.map((issue) => issue.field))].sort()).toEqual([...fields].sort());
    for (const issue of issues) expect(issue.message).toEqual(expect.any(String));
  });

  test.each(table)(
    'when %s, then the fast path and a filled-in survey-core model agree',
    (_case, answers, complete) => {
      const fields = (issues: Array<{ field: string }>) => [...new Set(issues.map((issue) => issue.field))].sort();
      expect(fields(survey.check(answers, complete))).toEqual(
        fields(survey.check(answers, complete, { fullModel: true })),
      );
    },
  );

  test('when checks run one after another, then no answer leaks from one check into the next', () => {
    expect(survey.check(cqlAnswers(), true)).toEqual([]);
    expect(survey.check({ lmc: 'fife', hours_per_week: 1 }, true).map((i) => i.field)).toEqual(['role']);
    expect(survey.check(pqlAnswers(), true)).toEqual([]);
  });

  test.each([
    ['the fast path', false],
    ['a filled-in model', true],
  ])("when the hours are out of range, then %s refuses them in the survey's own words", (_path, fullModel) => {
    for (const hours of [-1, 81]) {
      expect(survey.check(pqlAnswers({ hours_per_week: hours }), true, { fullModel })).toEqual([
        { field: 'hours_per_week', message: 'Please enter a number from 0 to 80.' },
      ]);
    }
  });

  test('when a required answer is missing, then the message is readable', () => {
    expect(survey.check({ lmc: 'fife', hours_per_week: 1 }, true)).toEqual([
      { field: 'role', message: 'An answer is required.' },
    ]);
  });
});

describe('CompiledSurvey on other SurveyJS question types', () => {
  const other = new CompiledSurvey({
    elements: [
      { type: 'checkbox', name: 'topics', choices: ['a', 'b', 'c'], showOtherItem: true },
      { type: 'boolean', name: 'agree' },
      { type: 'rating', name: 'score', rateMin: 1, rateMax: 5 },
      { type: 'text', name: 'email', inputType: 'email', validators: [{ type: 'email' }] },
      { type: 'html', name: 'intro', html: '<p>Hi</p>' },
    ],
  });
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['valid answers', { topics: ['a', 'other'], 'topics-Comment': 'd', agree: true, score: 4, email: 'a@b.org' }, []],
    ['a repeated checkbox choice', { topics: ['a', 'a'] }, ['topics']],
    ['an unknown checkbox choice', { topics: ['z'] }, ['topics']],
    ['a boolean as text', { agree: 'yes' }, ['agree']],
    ['an invalid e-mail', { email: 'not-an-email' }, ['email']],
    ['an answer to an html element', { intro: 'x' }, ['intro']],
  ];
  test.each(cases)('when %s, then the problem fields are %j', (_case, answers, fields) => {
    expect(other.check(answers, true).map((issue) => issue.field)).toEqual(fields);
    expect(other.check(answers, true, { fullModel: true }).map((issue) => issue.field)).toEqual(fields);
  });

  test('when a survey uses logic only a filled-in model applies, then that model decides', () => {
    const withRequiredIf = new CompiledSurvey({
      elements: [
        { type: 'radiogroup', name: 'smoker', choices: ['yes', 'no'] },
        { type: 'text', name: 'per_day', inputType: 'number', requiredIf: "{smoker} = 'yes'" },
        { type: 'matrix', name: 'grid', columns: ['a', 'b'], rows: ['r1', 'r2'], isAllRowRequired: true },
      ],
    });
    expect(withRequiredIf.check({ smoker: 'yes' }, true).map((issue) => issue.field)).toContain('per_day');
    expect(withRequiredIf.check({ smoker: 'no', grid: { r1: 'a' } }, true).map((issue) => issue.field)).toEqual([
      'grid',
    ]);
  });
});
