import { selectionBelowThreshold, type PublishedStats, type Withheld } from '../../analysis/published-stats';
import type { SurveyStats } from '../../analysis/survey-stats';

type Counts = Pick<
  SurveyStats['responses'],
  'total' | 'complete' | 'partial' | 'analysed' | 'rate' | 'firstAt' | 'lastAt'
>;
type Weighting = NonNullable<SurveyStats['weighting']>;

/** A staff query's statistics: as published, and with the selection's own counts withheld when it is too small. */
export type StaffStats = Omit<PublishedStats, 'responses' | 'weighting'> & {
  responses: Omit<PublishedStats['responses'], keyof Counts> & Withheld<Counts>;
  weighting: (Pick<Weighting, 'by'> & Withheld<Omit<Weighting, 'by'>>) | null;
};

/**
 * Under either disclosure rule, a selection below the threshold (`selectionBelowThreshold`) is a group below it like
 * any other: its every figure is withheld already, and so are its counts, its response rate and the effective size
 * of a weighted sample, which would give its size away, and when its first and last responses came.
 */
export function withholdSmallSelection(stats: PublishedStats): StaffStats {
  if (selectionBelowThreshold(stats) === null) return stats;
  const {
    total: _t,
    complete: _c,
    partial: _p,
    analysed: _a,
    rate: _r,
    firstAt: _f,
    lastAt: _l,
    ...rest
  } = stats.responses;
  return {
    ...stats,
    responses: { ...rest, suppressed: true },
    weighting: stats.weighting && { by: stats.weighting.by, suppressed: true },
  };
}
