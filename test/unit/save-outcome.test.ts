import { answersKey, decideSaveOutcome } from '../../server/store/save-outcome';

const a = answersKey({ role: 'cql', lmc: 'glasgow' });
const sameInAnotherOrder = answersKey({ lmc: 'glasgow', role: 'cql' });
const b = answersKey({ role: 'pql', lmc: 'glasgow' });

describe('what saving a response under an id does', () => {
  test('when the answers are the same in another key order, then their keys are equal', () => {
    expect(sameInAnotherOrder).toBe(a);
    expect(b).not.toBe(a);
  });

  test.each([
    ['nothing is stored', null, { key: a, complete: true }, 'created'],
    ['a completed response has the same answers', { key: a, complete: true }, { key: a, complete: true }, 'unchanged'],
    ['a completed response gets different answers', { key: a, complete: true }, { key: b, complete: true }, 'conflict'],
    [
      'a completed response gets an unfinished save',
      { key: a, complete: true },
      { key: b, complete: false },
      'conflict',
    ],
    [
      'an unfinished response is saved again unchanged',
      { key: a, complete: false },
      { key: a, complete: false },
      'unchanged',
    ],
    ['an unfinished response gets new answers', { key: a, complete: false }, { key: b, complete: false }, 'updated'],
    [
      'an unfinished response is completed with the same answers',
      { key: a, complete: false },
      { key: a, complete: true },
      'updated',
    ],
  ] as const)('when %s, then the outcome is %s', (_case, existing, incoming, outcome) => {
    expect(decideSaveOutcome(existing, incoming)).toBe(outcome);
  });
});
