import { countedApplications, type CodingState } from './coding-state';

export interface ReviewedRespondents {
  /** Respondents with an answer a researcher coded with one of the codes (or accepted the machine's suggestion). */
  confirmed: Set<string>;
  /** Other respondents whose answers carry only the machine's suggestion of one of the codes, not yet reviewed. */
  unreviewed: Set<string>;
}

/**
 * Who carries any of `codes`, split by review: what a published share may count (researcher-confirmed coding)
 * and what it may not (machine suggestions nobody has reviewed). Read by the report; kept apart from the
 * workbench's counts, which show suggestions too.
 */
export function respondentsByReview(
  state: Pick<CodingState, 'segments' | 'applications' | 'consensus'>,
  codes: ReadonlySet<string>,
): ReviewedRespondents {
  const responseOf = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  const counted = countedApplications(state).filter((application) => codes.has(application.codeId));
  // Coding independently, the machine's suggestion stays "suggested" beside each researcher's own decision on it.
  const decided = new Set(
    state.applications
      .filter((application) => application.status !== 'suggested')
      .map((application) => `${application.segmentId} ${application.codeId}`),
  );
  const confirmed = new Set(
    counted
      .filter((application) => application.status === 'accepted')
      .map((application) => responseOf.get(application.segmentId)!),
  );
  const unreviewed = new Set(
    counted
      .filter(
        (application) =>
          application.status === 'suggested' && !decided.has(`${application.segmentId} ${application.codeId}`),
      )
      .map((application) => responseOf.get(application.segmentId)!)
      .filter((respondent) => !confirmed.has(respondent)),
  );
  return { confirmed, unreviewed };
}
