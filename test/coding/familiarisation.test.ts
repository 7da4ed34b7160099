import { familiarise, keywordInContext } from '../../analysis/coding/familiarisation';

const answers = [
  'We need admin support for the cluster.',
  'Admin support would free up protected time.',
  'More protected time, and admin support, please.',
  'Nothing to add',
  '',
];

describe('familiarisation', () => {
  test('when answers are counted, then common words and phrases come first, with how many answers use them', () => {
    const result = familiarise(answers, 5);
    expect(result.answered).toBe(4);
    expect(result.words[0]).toEqual({ term: 'admin', count: 3, answers: 3 });
    expect(result.words.map((w) => w.term)).toEqual(expect.arrayContaining(['support', 'protected', 'time']));
    expect(result.words.map((w) => w.term)).not.toContain('the');
    expect(result.phrases[0]).toEqual({ term: 'admin support', count: 3, answers: 3 });
    expect(result.phrases.map((p) => p.term)).toContain('protected time');
  });

  test('when there is nothing to read, then the counts are empty', () => {
    expect(familiarise([])).toEqual({ answered: 0, words: [], phrases: [] });
    expect(familiarise(['', '   '])).toEqual({ answered: 0, words: [], phrases: [] });
  });

  test('when a keyword is looked up, then each occurrence comes with its context, case-insensitively, personal data scrubbed', () => {
    const lines = keywordInContext(
      [
        { id: 'a', text: 'Dr Jones said admin support is key.' },
        { id: 'b', text: 'ADMIN SUPPORT and more admin support.' },
        { id: 'c', text: 'Nothing here' },
      ],
      'admin support',
    );
    expect(lines).toEqual([
      { answerId: 'a', left: 'Dr [name] said', keyword: 'admin support', right: 'is key.' },
      { answerId: 'b', left: '', keyword: 'ADMIN SUPPORT', right: 'and more admin support.' },
      { answerId: 'b', left: 'ADMIN SUPPORT and more', keyword: 'admin support', right: '.' },
    ]);
    expect(keywordInContext([{ id: 'a', text: 'x' }], '   ')).toEqual([]);
    expect(keywordInContext([{ id: 'a', text: 'a (b) c' }], '(b)')).toEqual([]);
  });
});
