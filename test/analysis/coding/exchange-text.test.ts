import { exchangeForm, exchangeText, REPLACEMENT, sliceCodePoints } from '../../../analysis/coding/exchange-text';

describe('exchangeText', () => {
  test('when the text is plain ASCII, then it is unchanged and offsets are the same both ways', () => {
    const exchange = exchangeText('admin support');
    expect(exchange.text).toBe('admin support');
    expect(exchange.length).toBe(13);
    expect(exchange.codePointAt(6)).toBe(6);
    expect(exchange.utf16At(6)).toBe(6);
  });

  test('when the text has CR LF and lone CR, then each is one LF and offsets after them shift', () => {
    const exchange = exchangeText('a\r\nb\rc');
    expect(exchange.text).toBe('a\nb\nc');
    expect(exchange.length).toBe(5);
    // "b" is UTF-16 offset 3, code point 2; "c" is 5 and 4.
    expect([exchange.codePointAt(3), exchange.codePointAt(5)]).toEqual([2, 4]);
    expect([exchange.utf16At(2), exchange.utf16At(4)]).toEqual([3, 5]);
  });

  test('when the text has a character outside the BMP, then it is one code point for its two UTF-16 units', () => {
    const exchange = exchangeText('x😀y');
    expect(exchange.length).toBe(3);
    expect(exchange.codePointAt(3)).toBe(2);
    // The middle of the pair maps to the code point the pair is.
    expect(exchange.codePointAt(2)).toBe(1);
    expect(exchange.utf16At(2)).toBe(3);
    expect(sliceCodePoints(exchange.text, 1, 2)).toBe('😀');
  });

  test.each([
    ['a control character', 'a\u0001b', `a${REPLACEMENT}b`],
    ['a lone surrogate', 'a\ud800b', `a${REPLACEMENT}b`],
    ['U+FFFE', 'a\ufffeb', `a${REPLACEMENT}b`],
    ['a tab and a newline', 'a\tb\nc', 'a\tb\nc'],
  ])('when the text has %s, then XML can carry the exchange form, one for one', (_, original, expected) => {
    expect(exchangeForm(original)).toBe(expected);
    expect(exchangeText(original).length).toBe(3 + (original.includes('\n') ? 2 : 0));
  });

  test('when offsets are out of range, then code points clamp and UTF-16 offsets past the end are undefined', () => {
    const exchange = exchangeText('abc');
    expect([exchange.codePointAt(-5), exchange.codePointAt(99)]).toEqual([0, 3]);
    expect([exchange.utf16At(3), exchange.utf16At(4), exchange.utf16At(-1)]).toEqual([3, undefined, undefined]);
  });
});
