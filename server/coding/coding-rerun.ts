import { z } from 'zod';
import type { CodeApplication, CodingCode, CodingSegment, CodingState, CodingTheme } from './coding-state';

/** What a re-run replaced of the machine's proposal and kept of people's work (the JSON run's answer shows it). */
export const rerunSummarySchema = z.object({
  replaced: z.object({ codes: z.number(), themes: z.number(), suggestions: z.number() }),
  kept: z.object({
    codes: z.number(),
    themes: z.number(),
    applications: z.number(),
    spans: z.number(),
    memos: z.number(),
    settled: z.number(),
  }),
});
export type RerunSummary = z.infer<typeof rerunSummarySchema>;

/**
 * A fresh machine proposal with everything people did to the previous one carried over: the codes and themes
 * researchers made or reviewed, every researcher's application (moved onto the new sentence with the same place in
 * the answer, or kept as its own span), memos, settled answers and the independent-coding state. What the machine
 * proposed and nobody touched is replaced. Kept ids that the new proposal also uses are given new ones.
 */
export function carriedOver(previous: CodingState, fresh: CodingState): { state: CodingState; summary: RerunSummary } {
  const byPeople = previous.applications.filter((application) => application.by !== 'machine');
  const usedCodes = new Set(byPeople.map((application) => application.codeId));
  const keptCodes = previous.codes.filter(
    (code) => code.source === 'researcher' || code.status !== 'proposed' || usedCodes.has(code.id) || code.privateTo,
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
  const consensus = previous.consensus
    ? Object.fromEntries(
        Object.entries(previous.consensus).map(([answer, settled]) => [
          answer,
          { ...settled, codes: settled.codes.map((id) => (keptCodeIds.has(id) ? codeId(id) : id)) },
        ]),
      )
    : undefined;

  const state: CodingState = {
    ...fresh,
    ...(previous.independent ? { independent: previous.independent } : {}),
    segments: [...fresh.segments, ...spans],
    codes: [...fresh.codes, ...codes],
    themes: [...fresh.themes, ...themes],
    applications: [...fresh.applications, ...applications],
    memos: previous.memos,
    ...(consensus ? { consensus } : {}),
  };
  return {
    state,
    summary: {
      replaced: {
        codes: previous.codes.length - keptCodes.length,
        themes: previous.themes.length - keptThemes.length,
        suggestions: previous.applications.length - byPeople.length,
      },
      kept: {
        codes: keptCodes.length,
        themes: keptThemes.length,
        applications: applications.length,
        spans: spans.length,
        memos: previous.memos.length,
        settled: Object.keys(consensus ?? {}).length,
      },
    },
  };
}

export const describeRerun = ({ replaced, kept }: RerunSummary) =>
  `replaced the machine's ${replaced.codes} untouched codes, ${replaced.themes} candidate themes and ${replaced.suggestions} suggestions; ` +
  `kept ${kept.codes} codes, ${kept.themes} themes, ${kept.applications} researchers' applications, ${kept.spans} spans, ${kept.memos} memos and ${kept.settled} settled answers`;
