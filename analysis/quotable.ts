/** An answer worth quoting: long enough to say something, short enough to quote (the same window everywhere). */
export function isQuotable(answer: string): boolean {
  const length = answer.trim().length;
  return length >= 40 && length <= 600;
}
