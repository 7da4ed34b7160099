import { z } from 'zod';
import { contrastedWith, withoutContrastWith } from '../../analysis/coding/theme-contrast';
import { countText } from './count-text';
import {
  nameKey,
  placeKey,
  type CodeApplication,
  type CodingCode,
  type CodingSegment,
  type CodingState,
  type CodingTheme,
} from './coding-state';

/** What a re-run replaced of the machine's proposal and kept of people's work (the JSON run's answer shows it). */
export const rerunSummarySchema = z.object({
  replaced: z.object({ codes: z.number(), themes: z.number(), suggestions: z.number() }),
  kept: z.object({
    codes: z.number(),
    themes: z.number(),
    applications: z.number(),
    /** The machine's suggestions of codes people kept (reviewed, or in a reviewed theme), on sentences still there. */
    suggestions: z.number(),
    spans: z.number(),
    memos: z.number(),
    settled: z.number(),
  }),
  /** New candidates that are a kept theme or code again (by name, or holding only kept codes), joined to it. */
  joined: z.object({ themes: z.number(), codes: z.number() }),
});
export type RerunSummary = z.infer<typeof rerunSummarySchema>;

/** A theme a researcher has worked on: accepted or discarded, renamed, defined, merged into, or given quotes. */
const reviewedTheme = (theme: CodingTheme) =>
  theme.status !== 'proposed' || Boolean(theme.reviewedBy || theme.definedBy) || theme.chosenQuotes.length > 0;

/**
 * A fresh machine proposal with everything people did to the previous one carried over: the codes and themes
 * researchers made or reviewed (a theme they accepted, renamed, defined or quoted with the codes it holds, and those
 * codes' suggestions on the sentences still there), every researcher's application (moved onto the new sentence with
 * the same place in the answer, or kept as its own span), memos, settled answers and the independent-coding state.
 * What the machine proposed and nobody touched is replaced. Kept codes and themes keep their ids, so that links and
 * the change list still name them; the new proposal's ids that were used before are given new ones.
 */
export function carriedOver(previous: CodingState, fresh: CodingState): { state: CodingState; summary: RerunSummary } {
  const byPeople = previous.applications.filter((application) => application.by !== 'machine');
  const usedCodes = new Set(byPeople.map((application) => application.codeId));
  // Reviewing a theme reviews what it holds: without its codes it would come back empty.
  const reviewedThemes = new Set(
    previous.themes.filter((theme) => reviewedTheme(theme) && theme.status !== 'discarded').map((theme) => theme.id),
  );
  const keptCodes = previous.codes.filter(
    (code) =>
      code.source === 'researcher' ||
      code.status !== 'proposed' ||
      code.reviewedBy ||
      usedCodes.has(code.id) ||
      code.privateTo ||
      (code.themeId !== null && reviewedThemes.has(code.themeId)),
  );
  const keptCodeIds = new Set(keptCodes.map((code) => code.id));
  const keptThemes = previous.themes
    .filter((theme) => reviewedTheme(theme) || theme.privateTo || keptCodes.some((code) => code.themeId === theme.id))
    // A discarded theme brings back only codes that are still there: a replaced one's id may be a new code's later.
    .map((theme) =>
      theme.releasedCodes
        ? { ...theme, releasedCodes: theme.releasedCodes.filter((id) => keptCodeIds.has(id)) }
        : theme,
    );
  const keptThemeIds = new Set(keptThemes.map((theme) => theme.id));
  const codes: CodingCode[] = keptCodes.map((code) => ({
    ...code,
    themeId: code.themeId && keptThemeIds.has(code.themeId) ? code.themeId : null,
  }));

  // A researcher's application stays on the same stretch of the same answer: the new sentence there, or its own span.
  const oldSegments = new Map(previous.segments.map((segment) => [segment.id, segment]));
  const place = (segment: CodingSegment) => `${segment.responseId}\u0000${segment.start}\u0000${segment.end}`;
  const freshAt = new Map(fresh.segments.map((segment) => [place(segment), segment.id]));
  const spanId = unusedIds(
    'span',
    new Set(fresh.segments.map((segment) => segment.id)),
    new Set([...fresh.segments, ...previous.segments].map((segment) => segment.id)),
  );
  const spans: CodingSegment[] = [];
  const segmentFor = new Map<string, string>();
  for (const application of byPeople) {
    const segment = oldSegments.get(application.segmentId);
    if (!segment || segmentFor.has(segment.id)) continue;
    const same = freshAt.get(place(segment));
    if (same) segmentFor.set(segment.id, same);
    else {
      const span = { ...segment, id: spanId(segment.id) };
      spans.push(span);
      segmentFor.set(segment.id, span.id);
    }
  }
  const applications: CodeApplication[] = byPeople
    .filter((application) => segmentFor.has(application.segmentId))
    .map((application) => ({ ...application, segmentId: segmentFor.get(application.segmentId)! }));
  const suggestions: CodeApplication[] = previous.applications.flatMap((application) => {
    const segment = oldSegments.get(application.segmentId);
    const same = segment && freshAt.get(place(segment));
    return application.by === 'machine' && keptCodeIds.has(application.codeId) && same
      ? [{ ...application, segmentId: same }]
      : [];
  });

  const proposal = joinedToKept(withUnusedIds(fresh, previous), keptThemes, codes);
  const state: CodingState = {
    ...fresh,
    ...(previous.independent ? { independent: previous.independent } : {}),
    segments: [...fresh.segments, ...spans],
    codes: inOldPlaces(previous.codes, codes, proposal.codes),
    // People's themes first, as they were; then the new candidates; the discarded last, as a record.
    themes: [
      ...withContrastsOnBoard(
        keptThemes.filter((theme) => theme.status !== 'discarded'),
        proposal.themes,
      ),
      ...proposal.themes,
      ...keptThemes.filter((theme) => theme.status === 'discarded'),
    ],
    applications: withoutRepeats([...applications, ...suggestions, ...proposal.applications], !!previous.independent),
    memos: previous.memos,
    ...(previous.consensus ? { consensus: previous.consensus } : {}),
  };
  return {
    state,
    summary: {
      replaced: {
        codes: previous.codes.length - keptCodes.length,
        themes: previous.themes.length - keptThemes.length,
        suggestions: previous.applications.length - byPeople.length - suggestions.length,
      },
      kept: {
        codes: keptCodes.length,
        themes: keptThemes.length,
        applications: applications.length,
        suggestions: suggestions.length,
        spans: spans.length,
        memos: previous.memos.length,
        settled: Object.keys(previous.consensus ?? {}).length,
      },
      joined: proposal.joined,
    },
  };
}

export const describeRerun = ({ replaced, kept, joined }: RerunSummary) =>
  `replaced the machine's ${countText(replaced.codes, 'untouched code')}, ${countText(replaced.themes, 'candidate theme')} and ${countText(replaced.suggestions, 'suggestion')}; ` +
  `kept ${countText(kept.codes, 'code')}, ${countText(kept.themes, 'theme')}, ${countText(kept.applications, "researcher's application", "researchers' applications")}, ${countText(kept.suggestions, 'suggestion')} of kept codes, ${countText(kept.spans, 'span')}, ${countText(kept.memos, 'memo')} and ${countText(kept.settled, 'settled answer')}` +
  (joined.themes + joined.codes > 0
    ? `; joined ${countText(joined.themes, 'new candidate theme')} and ${countText(joined.codes, 'new code')} to kept ones`
    : '');

/**
 * The codes with each kept code in use at the place it had among the codes in use, the new ones filling the gaps
 * (discarded ones last): a code's colour on the coding screen follows that place, and keeps with it.
 */
function inOldPlaces(previous: CodingCode[], kept: CodingCode[], fresh: CodingCode[]): CodingCode[] {
  const inUse = (code: CodingCode) => code.status !== 'discarded';
  const placeOf = new Map(previous.filter(inUse).map((code, place) => [code.id, place]));
  const keptInUse = kept
    .filter((code) => inUse(code) && placeOf.has(code.id))
    .sort((a, b) => placeOf.get(a.id)! - placeOf.get(b.id)!);
  const placed: CodingCode[] = [];
  let next = 0;
  for (const code of keptInUse) {
    while (placed.length < placeOf.get(code.id)! && next < fresh.length) placed.push(fresh[next++]!);
    placed.push(code);
  }
  return [
    ...placed,
    ...fresh.slice(next),
    ...kept.filter((code) => inUse(code) && !placeOf.has(code.id)),
    ...kept.filter((code) => !inUse(code)),
  ];
}

/** Ids like `prefix-n` for those in `clashing`, none of them `taken`; each asked-for id gets the same one every time. */
function unusedIds(prefix: string, clashing: Set<string>, taken: Set<string>): (id: string) => string {
  const given = new Map<string, string>();
  let n = 0;
  return (id) => {
    if (!clashing.has(id)) return id;
    if (!given.has(id)) {
      do n += 1;
      while (taken.has(`${prefix}-${n}`));
      given.set(id, `${prefix}-${n}`);
      taken.add(`${prefix}-${n}`);
    }
    return given.get(id)!;
  };
}

/** The fresh proposal with new ids wherever it reuses a theme or code id of the previous coding. */
function withUnusedIds(fresh: CodingState, previous: CodingState): CodingState {
  const used = new Set([...previous.themes, ...previous.codes].map((item) => item.id));
  const taken = new Set([...used, ...fresh.themes.map((theme) => theme.id), ...fresh.codes.map((code) => code.id)]);
  const themeId = unusedIds('theme', used, taken);
  const codeId = unusedIds('code', used, taken);
  return {
    ...fresh,
    themes: fresh.themes.map((theme) => ({ ...theme, id: themeId(theme.id) })),
    codes: fresh.codes.map((code) => ({
      ...code,
      id: codeId(code.id),
      themeId: code.themeId === null ? null : themeId(code.themeId),
      parentId: code.parentId === null ? null : codeId(code.parentId),
    })),
    applications: fresh.applications.map((application) => ({ ...application, codeId: codeId(application.codeId) })),
  };
}

/**
 * Kept themes whose machine definition contrasts them with a candidate of the previous run that is not on the board
 * now, without that sentence: it named a theme the reader cannot find ("Unlike the nearest theme, “Mixed: better,
 * support, improved”" after a re-run).
 */
function withContrastsOnBoard(kept: CodingTheme[], candidates: CodingTheme[]): CodingTheme[] {
  const onBoard = new Set([...kept, ...candidates].map((theme) => theme.label));
  return kept.map((theme) => {
    const neighbour = contrastedWith(theme.definition);
    return neighbour === null || onBoard.has(neighbour)
      ? theme
      : { ...theme, definition: withoutContrastWith(theme.definition, neighbour) };
  });
}

/**
 * The fresh proposal without what people already have. A new code named as a kept code gives its suggestions to
 * it. A new candidate theme joins a kept theme, its codes moving there, when it is named as that theme (or as one
 * a researcher merged into it), or when all its codes joined codes of that theme (the machine's "Better access to
 * data" again, which a researcher renamed). Without this a re-run listed "Food" twice, and left empty candidates
 * under the old names of renamed themes. A new candidate named as a theme a researcher discarded is proposed
 * afresh: it may hold other answers (left out, a 600-answer "Staff" would have left all its codes in no theme).
 * Private (independent) themes and codes are nobody else's to join.
 */
function joinedToKept(fresh: CodingState, keptThemes: CodingTheme[], keptCodes: CodingCode[]) {
  const shared = <T extends { privateTo?: string; status: string }>(item: T) =>
    !item.privateTo && item.status !== 'discarded';
  const liveThemes = keptThemes.filter(shared);
  const codeNamed = new Map(keptCodes.filter(shared).map((code) => [nameKey(code.label), code]));
  const movedCode = new Map<string, CodingCode>();
  for (const code of fresh.codes) {
    const into = codeNamed.get(nameKey(code.label));
    if (into) movedCode.set(code.id, into);
  }
  const themeNamed = new Map<string, CodingTheme>();
  for (const theme of liveThemes)
    for (const name of [theme.label, ...(theme.mergedFrom ?? [])])
      if (!themeNamed.has(nameKey(name))) themeNamed.set(nameKey(name), theme);
  const liveThemeIds = new Set(liveThemes.map((theme) => theme.id));
  // Where each joined candidate went; null for one all of whose codes joined codes in no kept theme (an empty shell).
  const movedTheme = new Map<string, string | null>();
  for (const theme of fresh.themes) {
    const own = fresh.codes.filter((code) => code.themeId === theme.id);
    const homes = own.map((code) => movedCode.get(code.id)?.themeId ?? null);
    const commonest = homes
      .filter((home): home is string => home !== null && liveThemeIds.has(home))
      .sort((a, b) => homes.filter((home) => home === b).length - homes.filter((home) => home === a).length)[0];
    const named = themeNamed.get(nameKey(theme.label))?.id;
    if (named) movedTheme.set(theme.id, named);
    else if (own.length > 0 && own.every((code) => movedCode.has(code.id))) movedTheme.set(theme.id, commonest ?? null);
  }
  const themes = fresh.themes.filter((theme) => !movedTheme.has(theme.id)).map((theme) => ({ ...theme }));
  const codes = fresh.codes
    .filter((code) => !movedCode.has(code.id))
    .map((code) =>
      code.themeId !== null && movedTheme.has(code.themeId)
        ? { ...code, themeId: movedTheme.get(code.themeId) ?? null }
        : code,
    );
  const applications = fresh.applications.map((application) => ({
    ...application,
    codeId: movedCode.get(application.codeId)?.id ?? application.codeId,
  }));
  // The machine's definitions stop contrasting their theme with a candidate that is not on the board under its name.
  const onBoard = new Set([...liveThemes, ...themes].map((theme) => theme.label));
  const gone = fresh.themes.filter((theme) => movedTheme.has(theme.id) && !onBoard.has(theme.label));
  for (const theme of themes)
    theme.definition = gone.reduce(
      (definition, other) => withoutContrastWith(definition, other.label),
      theme.definition,
    );
  return { themes, codes, applications, joined: { themes: movedTheme.size, codes: movedCode.size } };
}

/**
 * One application per segment, code and person (and whom a suggestion is for). Outside independent coding a
 * researcher's decision on a segment and code stands: the machine does not suggest it there again.
 */
function withoutRepeats(applications: CodeApplication[], independent: boolean): CodeApplication[] {
  const decided = new Set(applications.filter((application) => application.by !== 'machine').map(placeKey));
  const seen = new Set<string>();
  return applications.filter((application) => {
    const place = placeKey(application);
    if (application.by === 'machine' && !independent && decided.has(place)) return false;
    const key = `${place}\u0000${application.by}\u0000${application.suggestedFor ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
