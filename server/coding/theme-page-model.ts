import { NotFoundError } from '../errors';
import { mergedInto, type CodingState, type Viewer } from './coding-state';
import { boardThemes, quoteOptions } from './workbench-page-model';

/**
 * One candidate theme on a page of its own, for reviewing the themes one after another: everything about it, its
 * codes and quotes to work on, the other themes to merge into it, and the themes before and after it on the board.
 */
export function themePageModel(
  state: CodingState,
  themeId: string,
  viewer: Viewer = null,
  groupLabel: (group: string) => string = (group) => group,
  /** Practice and place names, kept out of quotes as the report keeps them out. */
  places: string[] = [],
) {
  const { sealed, themes } = boardThemes(state, viewer, groupLabel);
  const position = themes.findIndex((theme) => theme.id === themeId);
  if (position < 0) {
    const gone = state.themes.find((theme) => theme.id === themeId && theme.status === 'discarded');
    // Most often a link kept from before the machine was run again, which replaces the candidates nobody had
    // worked on (with new ids): said, so that the researcher looks on the board rather than for a fault.
    if (!gone)
      throw new NotFoundError({
        message: `There is no theme "${themeId}" in this coding. If it was a candidate nobody had worked on, running the machine again replaced it: its answers are under the themes on the board now.`,
      });
    const into = mergedInto(state.themes, gone);
    return {
      gone: {
        id: gone.id,
        label: gone.label,
        mergedInto: into ? { id: into.id, label: into.label } : null,
        // Coding independently, a researcher brings back only a theme of their own.
        restorable: !into && (!sealed || gone.privateTo === viewer?.email),
        // Whether bringing it back brings codes with it.
        bringsCodes: (gone.releasedCodes ?? []).length > 0,
      },
      theme: null,
    };
  }
  const theme = themes[position]!;
  const neighbour = (at: number) => (themes[at] ? { id: themes[at].id, label: themes[at].label } : null);
  return {
    gone: null,
    sealed,
    theme,
    number: position + 1,
    of: themes.length,
    previous: neighbour(position - 1),
    next: neighbour(position + 1),
    // Another theme can be merged into this one when this researcher may change both.
    mergeable: theme.editable
      ? themes.filter((other) => other.id !== theme.id && other.editable).map(({ id, label }) => ({ id, label }))
      : [],
    allThemes: themes.map(({ id, label }) => ({ id, label })),
    quotes: quoteOptions(
      state,
      theme,
      theme.codes.map((code) => code.id),
      places,
    ),
  };
}
