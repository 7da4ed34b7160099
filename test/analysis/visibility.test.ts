import { VisibilityOracle } from '../../analysis/visibility';

const survey = {
  pages: [
    {
      elements: [
        { type: 'radiogroup', name: 'role', choices: ['cql', 'pql'] },
        { type: 'text', name: 'hours', inputType: 'number' },
        { type: 'radiogroup', name: 'funding', visibleIf: "{role} = 'cql'", choices: ['yes', 'no'] },
        { type: 'comment', name: 'why', visibleIf: "{role} = 'cql' and {funding} = 'no'" },
        {
          type: 'panel',
          name: 'practice',
          visibleIf: "{role} = 'pql'",
          elements: [{ type: 'text', name: 'list_size' }],
        },
      ],
    },
  ],
};
const names = ['role', 'hours', 'funding', 'why', 'list_size'];

describe('VisibilityOracle', () => {
  test.each([
    ['a CQL with funding', { role: 'cql', funding: 'yes' }, [true, true, true, false, false]],
    ['a CQL without funding', { role: 'cql', funding: 'no' }, [true, true, true, true, false]],
    ['a PQL (inside a panel shown only to PQLs)', { role: 'pql', hours: 3 }, [true, true, false, false, true]],
    ['someone who gave no role', {}, [true, true, false, false, false]],
  ])('when the respondent is %s, then the flags say which questions they were shown', (_, data, expected) => {
    expect(new VisibilityOracle(survey, names).shown(data)).toEqual(expected);
  });

  test('when the same condition answers come again, then the same flags come back as the same array', () => {
    const oracle = new VisibilityOracle(survey, names);
    const first = oracle.shown({ role: 'cql', funding: 'no', hours: 2 });
    // Answers the conditions do not read (hours) do not change the pattern.
    expect(oracle.shown({ role: 'cql', funding: 'no', hours: 9 })).toBe(first);
  });

  test('when two combinations of answers give the same flags, then they share one array (counted as one pattern)', () => {
    const oracle = new VisibilityOracle(survey, names);
    expect(oracle.shown({ role: 'cql', funding: 'yes' })).toBe(oracle.shown({ role: 'cql' }));
  });

  test('when answers are remembered, then a later different answer is still worked out afresh', () => {
    const oracle = new VisibilityOracle(survey, names);
    oracle.shown({ role: 'cql', funding: 'yes' });
    expect(oracle.shown({ role: 'cql', funding: 'no' })[3]).toBe(true);
    expect(oracle.shown({ role: 'pql', funding: 'no' })).toEqual([true, true, false, false, true]);
  });

  test('when the survey has no conditions, then everyone was shown everything', () => {
    const plain = {
      elements: [
        { type: 'text', name: 'a' },
        { type: 'text', name: 'b' },
      ],
    };
    expect(new VisibilityOracle(plain, ['a', 'b']).shown({ a: 1 })).toEqual([true, true]);
  });

  test('when a name is not a question of the survey, then it is reported as not shown', () => {
    expect(new VisibilityOracle(survey, ['role', 'nothing']).shown({ role: 'cql' })).toEqual([true, false]);
  });
});
