import { scrubPersonalData, wordsInLowerCase, wordsToCheck } from '../../analysis/pii';
import { MAX_SENTENCES, sentences } from '../../analysis/text';

describe('scrubPersonalData', () => {
  test.each([
    ['Contact me at jane.doe@nhs.scot please', 'Contact me at [email] please'],
    ['Ring 0131 555 0123 or +44 7700 900123', 'Ring [phone] or [phone]'],
    ['Patient CHI 0101501234 was reviewed', 'Patient CHI [number] was reviewed'],
    ['Our practice is at EH8 9AB', 'Our practice is at [postcode]'],
    ['Dr Morag MacLeod and Mrs Smith led it', 'Dr [name] and Mrs [name] led it'],
    ['We spend 2 hours a week on it', 'We spend 2 hours a week on it'],
    ['Nothing personal here.', 'Nothing personal here.'],
    ['Karen & Nicky are fantastic nurses.', '[name] & [name] are fantastic nurses.'],
    ["Jen's advice helped, thanks to Chris too", "[name]'s advice helped, thanks to [name] too"],
    // First names English also uses as words, months and days, and places stay.
    ['Will they call? Hope so. Care was good.', 'Will they call? Hope so. Care was good.'],
    ['Moved from April to Monday in Glasgow, Scotland', 'Moved from April to Monday in Glasgow, Scotland'],
    ['', ''],
  ])('when the text is %j, then it becomes %j', (text, expected) => {
    expect(scrubPersonalData(text)).toBe(expected);
  });

  test('when practice and place names are configured, then they are removed whatever their case', () => {
    expect(scrubPersonalData('Meadowbank Surgery in PAISLEY did the audit', ['Meadowbank Surgery', 'Paisley'])).toBe(
      '[place] in [place] did the audit',
    );
  });
});

describe('words to check before quoting', () => {
  test.each([
    ['The lady was Jackleen, thank you.', ['Jackleen']],
    ['We stayed on Millbrook ward. Kayleigh was kind.', ['Millbrook', 'Kayleigh']],
    ['Excellent care. Will was kind.', []],
    ['Staff were lovely during Covid and the NHS did well.', ['Covid']],
    ['Thank you to the Staff in London.', []],
    ['Dr [name] was great.', []],
    ['', []],
  ])('when the text is %j, then the words pointed out are %j', (text, expected) => {
    expect(wordsToCheck(text)).toEqual(expected);
  });

  // The other answers to the question: "backfill" and "covid" are words they write in lower case; nobody writes
  // "kayleigh".
  const others = wordsInLowerCase(['Backfill funding, as backfill costs have risen.', 'Since covid, Kayleigh left.']);
  test.each([
    ['Backfill', []],
    ['Staff were lovely during Covid.', []],
    ['Kayleigh was kind.', ['Kayleigh']],
  ])('when the other answers are read too and the text is %j, then the words pointed out are %j', (text, expected) => {
    expect(wordsToCheck(text, others)).toEqual(expected);
  });
});

describe('hostile text', () => {
  test.each([
    ['"a." repeated 2,000 times', 'a.'.repeat(2000), 1],
    ['10,000 one-word sentences', 'Word. '.repeat(10_000), MAX_SENTENCES],
    ['lines only', '\n'.repeat(5000), 0],
  ])('when an answer is %s, then it splits into at most the cap of sentences', (_case, text, expected) => {
    expect(sentences(text)).toHaveLength(expected);
  });

  test('when letters run on for 10,000 characters before an "@", then no e-mail is found and the text is kept', () => {
    const text = `${'a'.repeat(10_000)}@`;
    expect(scrubPersonalData(text)).toBe(text);
  });
});
