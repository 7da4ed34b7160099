import { percentText } from '../../analysis/stats-format';
import type { StaffStats } from './small-selection';

const responses = (n: number, kind: string) => `${n} ${kind}${kind ? ' ' : ''}${n === 1 ? 'response' : 'responses'}`;

/**
 * What the figures count, in words: which responses were analysed (partial ones said to be in or out) and the
 * response rate as the distribution page gives it, complete responses as a percentage of practices. A selection
 * withheld for being small is said to be, with no count.
 */
export function responseHeadline(stats: StaffStats): string[] {
  const counts = stats.responses;
  if (counts.suppressed)
    return [
      `Figures for this selection are withheld because fewer than ${stats.suppression?.threshold} people responded.`,
    ];
  const complete = counts.complete ?? 0;
  const partial = counts.partial ?? 0;
  const analysed = stats.filters.includePartial
    ? `${responses(counts.analysed ?? 0, '')} analysed, ${partial > 0 ? `including ${responses(partial, 'partial')}` : 'all of them complete'}.`
    : `${responses(complete, 'complete')} analysed${partial > 0 ? `; ${responses(partial, 'partial')} not included` : ''}.`;
  const rate =
    typeof counts.rate === 'number' && counts.practices
      ? `Response rate: ${percentText(counts.rate)} (${responses(complete, 'complete')} from ${counts.practices} ${counts.practices === 1 ? 'practice' : 'practices'}).`
      : null;
  return rate ? [analysed, rate] : [analysed];
}
