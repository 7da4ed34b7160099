import {
  cellText,
  describeTest,
  intervalText,
  notAsked,
  numberText,
  percentText,
  pointsText,
  pText,
  titled,
  dateTimeText,
  fixedText,
  DATE_TIME_TEXT,
  periodText,
} from '../../analysis/stats-format';

describe('stats-format', () => {
  test.each([
    ['2024-05-07T10:00:00Z', '2024-05-28T16:00:00Z', 'between 7 May and 28 May 2024'],
    ['2024-12-20T10:00:00Z', '2025-01-08T10:00:00Z', 'between 20 December 2024 and 8 January 2025'],
    ['2024-05-07T01:00:00Z', '2024-05-07T20:00:00Z', 'on 7 May 2024'],
    // Scotland's day: 23:30 UTC on 6 May is 00:30 on 7 May in summer time.
    ['2024-05-06T23:30:00Z', '2024-05-07T12:00:00Z', 'on 7 May 2024'],
  ])('when responses came from %s to %s, then the fieldwork reads "%s"', (from, to, text) => {
    expect(periodText(from, to)).toBe(text);
  });
  test.each([
    [61.66, '61.7%'],
    [91, '91.0%'],
    [0, '0.0%'],
    [null, '–'],
    [Number.NaN, '–'],
    [Infinity, '–'],
  ])('when a percentage is %p, then it is written %p', (value, text) => {
    expect(percentText(value)).toBe(text);
  });

  test.each([
    [2.5, 2, '2.5'],
    [10, 2, '10'],
    [3.14159, 2, '3.14'],
    [4.1234, 3, '4.123'],
    [undefined, 2, '–'],
  ])('when a measure is %p to %i decimals, then it is written %p without trailing zeros', (value, digits, text) => {
    expect(numberText(value, digits)).toBe(text);
  });

  test.each([
    ['Which is your role?', 'CQL 40%', 'Which is your role? CQL 40%'],
    ['Role', 'CQL 40%', 'Role: CQL 40%'],
    ['Rate these.', 'Time: Agree 50%', 'Rate these. Time: Agree 50%'],
  ])('when the title %p leads %p, then it reads %p', (title, text, expected) => {
    expect(titled(title, text)).toBe(expected);
  });

  test.each([
    ['2026-12-07T18:13:00Z', '7 Dec 2026, 18:13'],
    ['2026-06-07T18:13:00Z', '7 Jun 2026, 19:13'],
    ['2026-09-30T23:30:00Z', '1 Oct 2026, 00:30'],
    ['2026-09-07T12:00:00Z', '7 Sept 2026, 13:00'],
  ])('when the moment %p is written, then it reads %p in Scotland', (iso, text) => {
    expect(dateTimeText(iso)).toBe(text);
    expect(DATE_TIME_TEXT.test(text)).toBe(true);
  });

  test.each([
    [3.5, 2, '3.50'],
    [4.18, 2, '4.18'],
    [0.66666, 3, '0.667'],
    [null, 2, '–'],
  ])(
    'when a measure is %p kept to %i decimals, then it is written %p, trailing zeros and all',
    (value, digits, text) => {
      expect(fixedText(value, digits)).toBe(text);
    },
  );

  test('when an interval is written, then both ends have one decimal and a missing one is a dash', () => {
    expect(intervalText([55.06, 68])).toBe('55.1–68.0');
    expect(intervalText(null)).toBe('–');
  });

  test.each([
    [4.2, '+4.2'],
    [-3.04, '-3.0'],
    [-0.04, '0.0'],
    [0.04, '0.0'],
  ])('when a change is %p points, then it is written %p (never -0.0)', (value, text) => {
    expect(pointsText(value)).toBe(text);
  });

  test.each([
    [{ count: 95, percent: 61.66 }, '95 (61.7%)'],
    [{ suppressed: true as const }, 'suppressed'],
    [undefined, 'suppressed'],
    [{ percent: 10 }, '– (10.0%)'],
  ])('when a cell is %p, then it is written %p', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });

  test.each([
    [0.0421, '0.042'],
    [0.0009, '< 0.001'],
    [null, '–'],
  ])('when p is %p, then it is written %p', (p, text) => {
    expect(pText(p)).toBe(text);
  });

  test('when a test is described, then its name, statistic, df, p and any note are in words', () => {
    expect(describeTest({ name: 'chi-square', statistic: 4.1234, df: 1, p: 0.0421 })).toBe(
      'Chi-square test, statistic 4.123, df 1, p 0.042',
    );
    expect(describeTest({ name: 'fisher', statistic: null, df: null, p: 0.5, note: 'small counts' })).toBe(
      "Fisher's exact test, p 0.500 (small counts)",
    );
    expect(describeTest(null)).toBeNull();
  });

  test.each([
    ['nobody in the group was shown it', { answered: 0, skipped: 0, notShown: 4 }, true],
    ['someone answered', { answered: 1, skipped: 0, notShown: 4 }, false],
    ['someone skipped it', { answered: 0, skipped: 1, notShown: 4 }, false],
    ['the figures are withheld', { answered: 0, notShown: 4, suppressed: true as const }, false],
    ['a number block with n 0', { n: 0, notShown: 2 }, true],
  ])('when %s, then "not asked" is %p', (_, block, expected) => {
    expect(notAsked(block)).toBe(expected);
  });
});
