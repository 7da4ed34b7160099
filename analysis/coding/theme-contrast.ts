// How a machine definition contrasts its theme with the nearest one (defineTheme in themes.ts), kept apart so that
// the review operations can take the sentence out without loading the theme pipeline.
export const CONTRAST_OPENING = ' Unlike the nearest theme, ';
export const CONTRAST_END = ' there.';

/**
 * A machine definition without its sentence contrasting the theme with a neighbour that is gone (merged into
 * another theme or discarded): that sentence would name a theme no longer on the board.
 */
export function withoutContrastWith(definition: string, gone: string): string {
  const start = definition.indexOf(`${CONTRAST_OPENING}“${gone}”,`);
  const end = start < 0 ? -1 : definition.indexOf(CONTRAST_END, start);
  return end < 0 ? definition : definition.slice(0, start) + definition.slice(end + CONTRAST_END.length);
}

/** A machine definition whose contrasting sentence names its neighbour by the name a researcher gave it. */
export function withContrastRenamed(definition: string, before: string, after: string): string {
  return definition.replace(`${CONTRAST_OPENING}“${before}”,`, `${CONTRAST_OPENING}“${after}”,`);
}

/** The neighbour a machine definition contrasts its theme with, or null when it has no such sentence. */
export function contrastedWith(definition: string): string | null {
  const start = definition.indexOf(`${CONTRAST_OPENING}“`);
  if (start < 0) return null;
  const from = start + CONTRAST_OPENING.length + 1;
  const end = definition.indexOf('”,', from);
  return end < 0 ? null : definition.slice(from, end);
}
