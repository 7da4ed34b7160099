import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { REPLACEMENT } from '../../analysis/coding/exchange-text';

/**
 * Writing REFI-QDA XML with every text and attribute escaped. xmlbuilder2 (4.x, no option to change it) escapes
 * "&" only when it does not already look like an entity, so an answer holding "&nbsp;" or "&#0;" came out as an
 * undefined entity or a forbidden character and no reader could open the file, and a memo's literal "&amp;" read
 * back as "&". So every value goes through here: characters XML 1.0 cannot carry (control characters, lone
 * surrogates) become U+FFFD one for one, every "&" is written as "&amp;" (which the library then leaves alone),
 * line breaks in element text are LF, and in attributes tab, LF and CR become character references so that
 * readers' attribute normalisation does not turn them into spaces. "<", ">" and '"' the library escapes itself. test/coding/refi-qda-escaping.test.ts puts
 * hostile strings through every field and parses the result with a strict parser.
 */
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const escaped = (value: string) => value.replace(UNSAFE, REPLACEMENT).replace(/&/g, '&amp;');

/** Element text: line breaks as LF, as every XML reader would make them (and as positions count them). */
export function safeText(value: string): string {
  return escaped(value).replace(/\r\n?/g, '\n');
}

function safeAttribute(value: string): string {
  return escaped(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export type Attributes = Record<string, string | undefined>;

/** A child element with its attributes escaped (an undefined attribute is left out). */
export function element(parent: XMLBuilder, name: string, attributes: Attributes = {}, text?: string): XMLBuilder {
  const written: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) written[key] = safeAttribute(value);
  const child = parent.ele(name, written);
  if (text !== undefined) child.txt(safeText(text));
  return child;
}

/** A new document whose root element is in the given REFI-QDA namespace. */
export function refiDocument(namespace: string, root: string, attributes: Attributes): XMLBuilder {
  const written: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) written[key] = safeAttribute(value);
  return create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: REPLACEMENT }).ele(
    namespace,
    root,
    written,
  );
}

/** Names made unique among siblings (importers keep one code per name under a parent): "Label", "Label (2)", … */
export function uniqueNames<T>(items: T[], name: (item: T) => string): Map<T, string> {
  const taken = new Set<string>();
  const names = new Map<T, string>();
  for (const item of items) {
    const base = name(item).trim() ? name(item) : 'Untitled';
    const key = (candidate: string) => candidate.trim().toLowerCase();
    let candidate = base;
    for (let n = 2; taken.has(key(candidate)); n += 1) candidate = `${base} (${n})`;
    taken.add(key(candidate));
    names.set(item, candidate);
  }
  return names;
}
