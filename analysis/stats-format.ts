import type { TestResult } from './test-result';

/**
 * How figures are written wherever people read them: the statistics page, the report (HTML, PDF, Word), the
 * templates and the comparison of waves. A withheld or missing figure is a dash.
 */
const DASH = '–';

const TEST_NAMES: Record<TestResult['name'], string> = {
  'chi-square': 'Chi-square test',
  fisher: "Fisher's exact test",
  'fisher-simulated': "Fisher's exact test (simulated)",
  'mann-whitney': 'Mann-Whitney U test',
  'kruskal-wallis': 'Kruskal-Wallis test',
};

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The one rounding rule for percentages, wherever they are written (sentences, tables, captions, intervals): one
 * decimal place, so that 65.2% never stands beside 91%.
 */
const LIST = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });
/** Items as a sentence lists them: "a, b and c". */
export const listText = (items: string[]) => LIST.format(items);

/** A question's title leading what is said of it: "Are you a CQL? Yes 60%", "Role: CQL 40%" (no "?:"). */
export const titled = (title: string, text: string) =>
  /[?!.:]$/.test(title.trim()) ? `${title.trim()} ${text}` : `${title}: ${text}`;

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
/** A moment as every page and file writes it, in Scotland's time: "7 Dec 2026, 18:13". */
export const dateTimeText = (iso: string) => DATE_TIME.format(new Date(iso));
const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });
/** A day, in Scotland's time: "7 May 2024". */
export const dateText = (iso: string) => DATE.format(new Date(iso));
/** When something ran, as fieldwork is given: "between 7 May and 28 May 2024", or "on 7 May 2024" for one day. */
export function periodText(from: string, to: string): string {
  const [first, last] = [dateText(from), dateText(to)];
  if (first === last) return `on ${first}`;
  const sameYear = first.slice(-4) === last.slice(-4);
  return `between ${sameYear ? first.slice(0, -5) : first} and ${last}`;
}
/** Matches what dateTimeText writes. */
export const DATE_TIME_TEXT = /\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d\d:\d\d/;

export const PERCENT_DECIMALS = 1;

/** 61.7% */
export const percentText = (value: unknown) => (isNumber(value) ? `${value.toFixed(PERCENT_DECIMALS)}%` : DASH);

/** A measure to at most `digits` decimals, without trailing zeros: 2.5, 10. */
export const numberText = (value: unknown, digits = 2) =>
  isNumber(value) ? String(Number(value.toFixed(digits))) : DASH;

/** A measure to a fixed number of decimals, as published tables keep a column alike: 3.50, not 3.5. */
export const fixedText = (value: unknown, digits = 2) => (isNumber(value) ? value.toFixed(digits) : DASH);

/** A 95% interval: 55.1–68.0. */
export const intervalText = (interval: readonly [number, number] | null | undefined) =>
  interval ? `${interval[0].toFixed(PERCENT_DECIMALS)}–${interval[1].toFixed(PERCENT_DECIMALS)}` : DASH;

/** A change in percentage points, signed: +4.2; a change that rounds to nothing is 0.0, never -0.0. */
export const pointsText = (value: number) => {
  const rounded = Number(value.toFixed(PERCENT_DECIMALS));
  return rounded === 0
    ? (0).toFixed(PERCENT_DECIMALS)
    : `${rounded > 0 ? '+' : ''}${rounded.toFixed(PERCENT_DECIMALS)}`;
};

/**
 * A count with its share, or a word for a withheld cell: 95 (61.7%). "suppressed" on the statistics page, as
 * statisticians say it; the report says "withheld", as its text does.
 */
export const cellText = (
  cell: { count?: number; percent?: number; suppressed?: true } | undefined,
  withheldAs = 'suppressed',
) => (!cell || cell.suppressed ? withheldAs : `${cell.count ?? DASH} (${percentText(cell.percent)})`);

export const pText = (p: number | null) => (p === null ? DASH : p < 0.001 ? '< 0.001' : p.toFixed(3));

/** A test in words: "Chi-square test, statistic 4.12, df 1, p 0.042". */
export function describeTest(test: TestResult | null | undefined): string | null {
  if (!test) return null;
  const parts = [TEST_NAMES[test.name] ?? test.name];
  if (test.statistic !== null) parts.push(`statistic ${numberText(test.statistic, 3)}`);
  if (test.df !== null) parts.push(`df ${test.df}`);
  parts.push(`p ${pText(test.p)}`);
  return parts.join(', ') + (test.note ? ` (${test.note})` : '');
}

/**
 * A block of figures for a group none of whom was shown the question (a CQL-only question among PQLs): its
 * zeros are not answers, so it reads "not asked" rather than "0 (0.0%)".
 */
export const notAsked = (block: {
  answered?: number;
  n?: number;
  skipped?: number;
  notShown?: number;
  suppressed?: true;
}) =>
  !block.suppressed &&
  (block.answered ?? block.n ?? 0) === 0 &&
  (block.skipped ?? 0) === 0 &&
  (block.notShown ?? 0) > 0;
