/**
 * A date or date-time as an instant. A bare date (YYYY-MM-DD) means the start of that day, or its end when
 * it closes a range ("to 31 May" includes all of 31 May). Null when the text is not a date.
 */
export function dayBoundary(value: string, edge: 'start' | 'end'): Date | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}
