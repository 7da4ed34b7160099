/**
 * An answer's text as other tools see it, and offsets into it.
 *
 * Canvass keeps answers as JavaScript strings, so its own offsets count UTF-16 code units. REFI-QDA importers
 * (QualCoder, NVivo, ATLAS.ti, MAXQDA) and most API clients (Python, R) count Unicode code points, and XML
 * readers turn every CR LF or lone CR into LF. The exchange form of a text therefore has every line break as
 * one LF, every character XML 1.0 cannot carry (control characters, lone surrogates) as U+FFFD (one for one),
 * and is measured in code points. The same form is written to a .qdpx's text files and PlainTextContent, used
 * for its positions, and is what the API's `code-point` offsets count.
 */
export const REPLACEMENT = '\uFFFD';

const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export interface ExchangeText {
  /** The text with line breaks as LF and characters XML cannot carry as U+FFFD. */
  text: string;
  /** How many code points of the exchange text come before each UTF-16 offset of the original (0 … length). */
  codePointAt: (utf16Offset: number) => number;
  /** The first UTF-16 offset of the original at that code-point offset of the exchange text, or undefined past its end. */
  utf16At: (codePointOffset: number) => number | undefined;
  /** The exchange text's length in code points. */
  length: number;
}

export function exchangeText(original: string): ExchangeText {
  const before = new Array<number>(original.length + 1);
  const firstUnit: number[] = [];
  let out = '';
  let count = 0;
  for (let i = 0; i < original.length;) {
    before[i] = count;
    if (firstUnit[count] === undefined) firstUnit[count] = i;
    const unit = original.charCodeAt(i);
    const next = original.charCodeAt(i + 1);
    if (unit === 0x0d && next === 0x0a) {
      // CR LF is one line break: the CR takes no place of its own.
      i += 1;
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += original.slice(i, i + 2);
      before[i + 1] = count;
      i += 2;
    } else {
      const char = original[i]!;
      out += unit === 0x0d ? '\n' : (unit >= 0xd800 && unit <= 0xdfff) || XML_UNSAFE.test(char) ? REPLACEMENT : char;
      i += 1;
    }
    count += 1;
  }
  before[original.length] = count;
  if (firstUnit[count] === undefined) firstUnit[count] = original.length;
  return {
    text: out,
    length: count,
    codePointAt: (offset) => before[Math.max(0, Math.min(original.length, offset))]!,
    utf16At: (offset) => (offset >= 0 && offset <= count ? firstUnit[offset] : undefined),
  };
}

/** The exchange form of a piece of text (for comparing what was coded with what a reader slices). */
export function exchangeForm(original: string): string {
  return exchangeText(original).text;
}

/** A text's code points from one offset to another, as an importer slices it. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
