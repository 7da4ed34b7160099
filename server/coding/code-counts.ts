import { countedApplications, type CodingState } from './coding-state';

/** How much a code (or a theme's codes together) is used, from the applications that count. */
export interface CodeCount {
  /** Applications that count (see countedApplications): one per coded segment and coder. */
  applications: number;
  /** Respondents whose answer carries it, the machine's suggestions included. */
  respondents: Set<string>;
  /** Segments a researcher coded with it or where they accepted the machine's suggestion of it. */
  confirmedSegments: Set<string>;
  /** Respondents with such a segment: what a published share may count. */
  confirmed: Set<string>;
  /**
   * Further respondents whose answers carry only the machine's suggestion of it, which no researcher has decided
   * on yet: shown beside a share, never counted in it.
   */
  unreviewed: Set<string>;
}

const empty = (): CodeCount => ({
  applications: 0,
  respondents: new Set(),
  confirmedSegments: new Set(),
  confirmed: new Set(),
  unreviewed: new Set(),
});

/**
 * Every code's count, in one pass over the applications that count: the one place the workbench, the coding
 * screen, the exports and the report get how many answers carry a code. One answer per respondent to a question,
 * so answers and respondents are the same count.
 */
export function codeCounts(
  state: Pick<CodingState, 'segments' | 'applications' | 'consensus'>,
): ReadonlyMap<string, CodeCount> {
  const responseOf = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  // Coding independently, the machine's suggestion stays "suggested" beside each researcher's own decision on it.
  const decided = new Set(
    state.applications
      .filter((application) => application.status !== 'suggested')
      .map((application) => `${application.segmentId} ${application.codeId}`),
  );
  const counts = new Map<string, CodeCount>();
  for (const application of countedApplications(state)) {
    const respondent = responseOf.get(application.segmentId);
    if (respondent === undefined) continue;
    let count = counts.get(application.codeId);
    if (!count) counts.set(application.codeId, (count = empty()));
    count.applications += 1;
    count.respondents.add(respondent);
    if (application.status === 'accepted') {
      count.confirmedSegments.add(application.segmentId);
      count.confirmed.add(respondent);
    } else if (!decided.has(`${application.segmentId} ${application.codeId}`)) {
      count.unreviewed.add(respondent);
    }
  }
  for (const count of counts.values()) for (const respondent of count.confirmed) count.unreviewed.delete(respondent);
  return counts;
}

/** One code's count: nothing when it is not used. */
export const countOf = (counts: ReadonlyMap<string, CodeCount>, codeId: string): CodeCount =>
  counts.get(codeId) ?? empty();

/** Several codes together (a theme's): each respondent once, however many of the codes they carry. */
export function combinedCount(counts: ReadonlyMap<string, CodeCount>, codeIds: Iterable<string>): CodeCount {
  const total = empty();
  for (const id of codeIds) {
    const count = counts.get(id);
    if (!count) continue;
    total.applications += count.applications;
    for (const [from, to] of [
      [count.respondents, total.respondents],
      [count.confirmedSegments, total.confirmedSegments],
      [count.confirmed, total.confirmed],
      [count.unreviewed, total.unreviewed],
    ] as const)
      for (const item of from) to.add(item);
  }
  for (const respondent of total.confirmed) total.unreviewed.delete(respondent);
  return total;
}
