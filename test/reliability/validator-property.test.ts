import fc from 'fast-check';
import { CompiledSurvey } from '../../server/surveys/compiled-survey';
import { submissionSchema } from '../../server/responses/response-schema';
import { cqlPqlSurvey } from '../support/factories';

const { definition } = cqlPqlSurvey();
const distribution = cqlPqlSurvey().distribution!;

const survey = new CompiledSurvey(definition as Record<string, unknown>);
const yesNo = fc.constantFrom('yes', 'no');
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Any answers a real respondent could give, by construction from the data dictionary. */
const validAnswers = fc
  .record({
    lmc: fc.constantFrom(...distribution.areas.map((area) => area.code)),
    role: fc.constantFrom('cql', 'pql'),
    hours_per_week: fc.double({ min: 0, max: 80, noNaN: true }),
    cql_funding_matches_time: maybe(fc.constantFrom('yes', 'no', 'dont_know')),
    cql_payment_uplift: maybe(yesNo),
    time_funding_comments: maybe(fc.string({ minLength: 1, maxLength: 5000 })),
    more_time_if_resourced: maybe(yesNo),
    plt_barrier: maybe(yesNo),
    cql_leadership_training: maybe(yesNo),
    cql_network_aware: maybe(yesNo),
    cql_network_member: maybe(yesNo),
    guidance_used: maybe(fc.constantFrom('aware_used', 'aware_not_used', 'not_aware')),
  })
  .map((answers) => {
    const shown: Record<string, unknown> = { ...answers };
    if (answers.role !== 'cql') {
      delete shown.cql_funding_matches_time;
      delete shown.cql_payment_uplift;
      delete shown.cql_leadership_training;
    }
    if (answers.role !== 'cql' || answers.cql_network_aware !== 'yes') delete shown.cql_network_member;
    for (const key of Object.keys(shown)) if (shown[key] === undefined) delete shown[key];
    return shown;
  });

describe('the submission validator, property-based', () => {
  test('when answers are any a respondent could give, then they are accepted, complete or partial', () => {
    fc.assert(
      fc.property(validAnswers, fc.boolean(), (answers, complete) => {
        expect(survey.check(answers, complete)).toEqual([]);
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  test('when one answer is replaced by something outside its question, then it is refused naming that question', () => {
    const mutation = fc.tuple(
      validAnswers,
      fc.constantFrom('lmc', 'role', 'hours_per_week', 'plt_barrier', 'guidance_used'),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(mutation, ([answers, field, value]) => {
        const allowed: Record<string, (v: unknown) => boolean> = {
          lmc: (v) => distribution.areas.some((area) => area.code === v),
          role: (v) => v === 'cql' || v === 'pql',
          hours_per_week: (v) => typeof v === 'number' && v >= 0 && v <= 80,
          plt_barrier: (v) => v === 'yes' || v === 'no',
          guidance_used: (v) => v === 'aware_used' || v === 'aware_not_used' || v === 'not_aware',
        };
        fc.pre(value !== null && !allowed[field]!(value) && !(typeof value === 'string' && value === ''));
        const issues = survey.check({ ...answers, [field]: value }, false);
        expect(issues.map((issue) => issue.field)).toContain(field);
      }),
      { numRuns: 2000, seed: 2 },
    );
  });

  test('when a PQL answers a question only CQLs see, then it is refused', () => {
    fc.assert(
      fc.property(
        validAnswers,
        fc.constantFrom(
          'cql_funding_matches_time',
          'cql_payment_uplift',
          'cql_leadership_training',
          'cql_network_member',
        ),
        (answers, field) => {
          const issues = survey.check({ ...answers, role: 'pql', [field]: 'yes' }, false);
          expect(issues.map((issue) => issue.field)).toContain(field);
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  test('when the input is any JSON at all, then checking never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const envelope = submissionSchema.safeParse(body);
        if (envelope.success) survey.check(envelope.data.data, envelope.data.complete);
      }),
      { numRuns: 3000, seed: 4 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), (answers, complete) => {
        let issues: Array<{ field: string }> = [];
        expect(() => (issues = survey.check(answers, complete))).not.toThrow();
        // Every key that is not a question of the survey is refused by name.
        const fields = issues.map((issue) => issue.field);
        for (const key of Object.keys(answers)) if (!survey.questions.has(key)) expect(fields).toContain(key);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});
