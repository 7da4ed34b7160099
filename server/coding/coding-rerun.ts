import { z } from 'zod';
import { withoutContrastWith } from '../../analysis/coding/theme-contrast';
import { countText } from './count-text';
import type { CodeApplication, CodingCode, CodingSegment, CodingState, CodingTheme } from './coding-state';

/** What a re-run replaced of the machine's proposal and kept of people's work (the JSON run's answer shows it). */
export const rerunSummarySchema = z.object({
  replaced: z.object({ codes: z.number(), themes: z.number(), suggestions: z.number() }),
  kept: z.object({
    codes: z.number(),
    themes: z.number(),
    applications: z.number(),
    /** The machine's suggestions of codes people kept (accepted, or in an accepted theme), on answers still there. */
    suggestions: z.number(),
    spans: z.number(),
    memos: z.number(),
    settled: z.number(),
  }),
  /** New candidates named as a kept theme or code (or one merged into it), joined to it rather than listed twice. */
  joined: z.object({ themes: z.number(), codes: z.number() }),
});
export type RerunSummary = z.infer<typeof rerunSummarySchema>;

/**
 * A fresh machine proposal with everything people did to the previous one carried over: the codes and themes
 * researchers made or reviewed (with the codes of an accepted theme, and their suggestions on the sentences still
 * there), every researcher's application (moved onto the new sentence with the same place in the answer, or kept as
 * its own span), memos, settled answers and the independent-coding state. What the machine proposed and nobody
 * touched is replaced. Kept ids that the new proposal also uses are given new ones.
 */
export function carriedOver(previous: CodingState, fresh: CodingState): { state: CodingState; summary: RerunSummary } {
  const byPeople = previous.applications.filter((application) => application.by !== 'machine');
  const usedCodes = new Set(byPeople.map((application) => application.codeId));
  // Accepting a theme accepts what it holds: without its codes it would come back empty.
  const acceptedThemes = new Set(
    previous.themes.filter((theme) => theme.status === 'accepted').map((theme) => theme.id),
  );
  const keptCodes = previous.codes.filter(
    (code) =>
      code.source === 'researcher' ||
      code.status !== 'proposed' ||
      usedCodes.has(code.id) ||
      code.privateTo ||
      (code.themeId !== null && acceptedThemes.has(code.themeId)),
  );
  const keptCodeIds = new Set(keptCodes.map((code) => code.id));
  const keptThemes = previous.themes.filter(
    (theme) =>
      theme.status !== 'proposed' ||
      theme.chosenQuotes.length > 0 ||
      theme.privateTo ||
      keptCodes.some((code) => code.themeId === theme.id),
  );

  const clashes = new Set([
    ...fresh.codes.map((code) => code.id),
    ...fresh.themes.map((theme) => theme.id),
    ...fresh.segments.map((segment) => segment.id),
  ]);
  const taken = new Set([
    ...clashes,
    ...previous.codes.map((code) => code.id),
    ...previous.themes.map((theme) => theme.id),
    ...previous.segments.map((segment) => segment.id),
  ]);
  const renamed = (prefix: string) => {
    const ids = new Map<string, string>();
    return (id: string) => {
      if (!clashes.has(id) || ids.has(id)) return ids.get(id) ?? id;
      let n = 1;
      while (taken.has(`${prefix}-${n}`)) n += 1;
      ids.set(id, `${prefix}-${n}`);
      taken.add(`${prefix}-${n}`);
      return ids.get(id)!;
    };
  };
  const themeId = renamed('theme');
  const codeId = renamed('code');
  for (const theme of keptThemes) themeId(theme.id);
  for (const code of keptCodes) codeId(code.id);
  const themes: CodingTheme[] = keptThemes.map((theme) => ({ ...theme, id: themeId(theme.id) }));
  const codes: CodingCode[] = keptCodes.map((code) => ({
    ...code,
    id: codeId(code.id),
    themeId: code.themeId && keptThemes.some((theme) => theme.id === code.themeId) ? themeId(code.themeId) : null,
    parentId: code.parentId && keptCodeIds.has(code.parentId) ? codeId(code.parentId) : code.parentId,
  }));

  // A researcher's application stays on the same stretch of the same answer: the new sentence there, or its own span.
  const oldSegments = new Map(previous.segments.map((segment) => [segment.id, segment]));
  const place = (segment: CodingSegment) => `${segment.responseId}\u0000${segment.start}\u0000${segment.end}`;
  const freshAt = new Map(fresh.segments.map((segment) => [place(segment), segment.id]));
  const spanId = renamed('span');
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
    .map((application) => ({
      ...application,
      segmentId: segmentFor.get(application.segmentId)!,
      codeId: keptCodeIds.has(application.codeId) ? codeId(application.codeId) : application.codeId,
    }));
  const suggestions: CodeApplication[] = previous.applications.flatMap((application) => {
    const segment = oldSegments.get(application.segmentId);
    const same = segment && freshAt.get(place(segment));
    return application.by === 'machine' && keptCodeIds.has(application.codeId) && same
      ? [{ ...application, segmentId: same, codeId: codeId(application.codeId) }]
      : [];
  });
  const consensus = previous.consensus
    ? Object.fromEntries(
        Object.entries(previous.consensus).map(([answer, settled]) => [
          answer,
          { ...settled, codes: settled.codes.map((id) => (keptCodeIds.has(id) ? codeId(id) : id)) },
        ]),
      )
    : undefined;

  const proposal = joinedToKept(fresh, themes, codes);
  const state: CodingState = {
    ...fresh,
    ...(previous.independent ? { independent: previous.independent } : {}),
    segments: [...fresh.segments, ...spans],
    codes: [...proposal.codes, ...codes],
    themes: [...proposal.themes, ...themes],
    applications: withoutRepeats([...applications, ...suggestions, ...proposal.applications], !!previous.independent),
    memos: previous.memos,
    ...(consensus ? { consensus } : {}),
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
        settled: Object.keys(consensus ?? {}).length,
      },
      joined: proposal.joined,
    },
  };
}

export const describeRerun = ({ replaced, kept, joined }: RerunSummary) =>
  `replaced the machine's ${countText(replaced.codes, 'untouched code')}, ${countText(replaced.themes, 'candidate theme')} and ${countText(replaced.suggestions, 'suggestion')}; ` +
  `kept ${countText(kept.codes, 'code')}, ${countText(kept.themes, 'theme')}, ${countText(kept.applications, "researcher's application", "researchers' applications")}, ${countText(kept.suggestions, 'suggestion')} of kept codes, ${countText(kept.spans, 'span')}, ${countText(kept.memos, 'memo')} and ${countText(kept.settled, 'settled answer')}` +
  (joined.themes + joined.codes > 0
    ? `; joined ${countText(joined.themes, 'new candidate theme')} and ${countText(joined.codes, 'new code')} to kept ones of the same name`
    : '');

const nameKey = (label: string) => label.trim().toLocaleLowerCase('en-GB');

/**
 * The fresh proposal without what people already have: a new candidate theme named as a kept theme (or as one a
 * researcher merged into it) joins that theme, its codes moving there; a new code named as a kept code gives its
 * suggestions to it. Without this a re-run listed "Food" twice, the researcher's and the machine's. A new candidate
 * named as a theme a researcher discarded stays a candidate: a fresh proposal of it, which may hold other answers
 * (left out, a 600-answer "Staff" would have left all its codes in no theme). Private (independent) themes and
 * codes are nobody else's to join.
 */
function joinedToKept(fresh: CodingState, keptThemes: CodingTheme[], keptCodes: CodingCode[]) {
  const shared = <T extends { privateTo?: string; status: string }>(item: T) =>
    !item.privateTo && item.status !== 'discarded';
  const themeNamed = new Map<string, CodingTheme>();
  for (const theme of keptThemes.filter(shared))
    for (const name of [theme.label, ...(theme.mergedFrom ?? [])])
      if (!themeNamed.has(nameKey(name))) themeNamed.set(nameKey(name), theme);
  const movedTheme = new Map<string, string>();
  const themes = fresh.themes.flatMap((theme) => {
    const into = themeNamed.get(nameKey(theme.label));
    if (into) movedTheme.set(theme.id, into.id);
    return into ? [] : [{ ...theme }];
  });
  const codeNamed = new Map(keptCodes.filter(shared).map((code) => [nameKey(code.label), code.id]));
  const movedCode = new Map<string, string>();
  const codes = fresh.codes
    .filter((code) => {
      const into = codeNamed.get(nameKey(code.label));
      if (into) movedCode.set(code.id, into);
      return !into;
    })
    .map((code) =>
      code.themeId !== null && movedTheme.has(code.themeId)
        ? { ...code, themeId: movedTheme.get(code.themeId)! }
        : code,
    );
  const applications = fresh.applications.map((application) => ({
    ...application,
    codeId: movedCode.get(application.codeId) ?? application.codeId,
  }));
  // The machine's definitions stop contrasting their theme with a candidate that is not on the board under its name.
  const onBoard = new Set([...keptThemes.filter(shared), ...themes].map((theme) => theme.label));
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
  const decided = new Set(
    applications
      .filter((application) => application.by !== 'machine')
      .map((application) => `${application.segmentId}\u0000${application.codeId}`),
  );
  const seen = new Set<string>();
  return applications.filter((application) => {
    const place = `${application.segmentId}\u0000${application.codeId}`;
    if (application.by === 'machine' && !independent && decided.has(place)) return false;
    const key = `${place}\u0000${application.by}\u0000${application.suggestedFor ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
