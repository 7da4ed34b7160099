import { isStopWord, MAX_SENTENCES, ngrams, sentences, stem, stems, words } from '../../analysis/text';

describe('words, stems and n-grams', () => {
  test('when a text is split into words, then they are lower case and tokens without a letter are dropped', () => {
    expect(words('We need 2 more GPs, and 3.5 hours!')).toEqual(['we', 'need', 'more', 'gps', 'and', 'hours']);
    expect(words('   ')).toEqual([]);
    expect(words('')).toEqual([]);
  });

  test('when stems are taken, then stop words go and the Porter stems stay', () => {
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('nurses')).toBe(false);
    expect(stem('nurses')).toBe('nurs');
    expect(stem('training')).toBe('train');
    expect(stems('The nurses are training')).toEqual(['nurs', 'train']);
  });

  test.each([
    ['useful', 'us'],
    ['community', 'communication'],
    ['pleased', 'please'],
    ['exceptional', 'except'],
    ['evening', 'even'],
    ['thoughtful', 'thought'],
  ])('when "%s" is stemmed, then it does not share the stem of "%s"', (word, other) => {
    expect(stem(word)).not.toBe(stem(other));
  });

  test.each([
    ['communities', 'community'],
    ['usefulness', 'useful'],
    ['communicated', 'communication'],
    ['helped', 'helpful'],
  ])('when "%s" is stemmed, then it shares the stem of "%s"', (word, other) => {
    expect(stem(word)).toBe(stem(other));
  });

  test.each([
    [1, ['a', 'b', 'c']],
    [2, ['a b', 'b c']],
    [3, ['a b c']],
    [4, []],
  ])('when n-grams of %i are taken from three tokens, then they are %p', (n, expected) => {
    expect(ngrams(['a', 'b', 'c'], n)).toEqual(expected);
  });
});

describe('sentences', () => {
  test.each([
    ['two sentences', 'We need time. Admin support too!', ['We need time.', 'Admin support too!']],
    ['a question and a quote', 'Why? "Because." Then more', ['Why?', '"Because."', 'Then more']],
    ['line breaks', 'first line\n\nsecond line', ['first line', 'second line']],
    ['an abbreviation', 'Dr. Smith said yes. Fine.', ['Dr. Smith said yes.', 'Fine.']],
    ['an initial', 'J. Smith agreed. Good.', ['J. Smith agreed.', 'Good.']],
    ['e.g. inside a sentence', 'Tasks e.g. audits. More.', ['Tasks e.g. audits.', 'More.']],
    ['"No." answering a question', 'No. We have no time.', ['No.', 'We have no time.']],
    ['"No." at the end of a sentence', 'The answer is no. We tried.', ['The answer is no.', 'We tried.']],
    ['"No." before a number', 'See No. 5 on the list. Then stop.', ['See No. 5 on the list.', 'Then stop.']],
    ['"Nos." before numbers', 'Items nos. 3 and 4 apply. Done.', ['Items nos. 3 and 4 apply.', 'Done.']],
    ['no end mark', 'just words', ['just words']],
    ['nothing', '  ', []],
  ])('when the text has %s, then it is split into %p', (_, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  test('when a text has more sentences than the limit, then the rest is kept as one last segment', () => {
    const result = sentences('We agree. '.repeat(MAX_SENTENCES + 50));
    expect(result).toHaveLength(MAX_SENTENCES);
    expect(result[MAX_SENTENCES - 2]).toBe('We agree.');
    expect(result[MAX_SENTENCES - 1]).toBe('We agree. '.repeat(51).trim());
  });
});
