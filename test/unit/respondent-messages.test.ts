import { respondentMessages } from '../../server/surveys/respondent-messages';

describe('respondentMessages', () => {
  test.each([
    ['no locale', undefined],
    ['"en"', 'en'],
    ['"en-GB"', 'en-GB'],
    ['a language without a table', 'gd'],
  ])('when the survey has %s, then its respondents are told in English', (_case, locale) => {
    expect(respondentMessages(locale).received).toBe('Your answers have been received.');
  });

  test('when any message is read, then it has no double full stop and no stray space', () => {
    for (const text of Object.values(respondentMessages('en'))) {
      expect(text).not.toMatch(/\.\.|\s$|^\s/);
    }
  });
});
