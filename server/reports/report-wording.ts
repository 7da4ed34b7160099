import { listText } from '../../analysis/stats-format';
import { scrubPersonalData } from '../../analysis/pii';
import { isQuotable } from '../../analysis/quotable';
import { selectionBelowThreshold, type PublishedStats } from '../../analysis/published-stats';
import type { ReportDefinition } from '../surveys/report-definition';

/** What the report reads: the published statistics and the survey's report definition. */
export interface ReportContext {
  stats: PublishedStats;
  definition: ReportDefinition;
}

/** What the grouping is called in sentences: the report definition's word, else the grouping question's title. */
export function groupLabel({ definition, stats }: ReportContext): string {
  return definition.groupLabel ?? String(stats.questions[stats.groupBy?.question ?? '']?.title ?? 'group');
}

/** A group in sentences ("CQLs", or "CQL" for one), as the report definition names it; "respondents" for everyone. */
export function groupName(definition: ReportDefinition, group: string | undefined, plural = true): string {
  if (!group) return 'respondents';
  const names = definition.groupNames[group];
  return names ? (plural ? names.plural : names.singular) : group;
}

/** The grouping's keys in its order (e.g. cql, pql), or none when the figures are not split. */
export const groupKeys = (stats: PublishedStats) => stats.groupBy?.groups.map((group) => String(group.value)) ?? [];

/** Up to `count` distinct, readable answers, longest first, with personal data removed. */
export function pickQuotes(answers: string[], count: number, places: string[] = []): string[] {
  const distinct = [...new Set(answers.filter(isQuotable).map((answer) => answer.trim()))];
  return distinct
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, count)
    .map((quote) => scrubPersonalData(quote, places));
}

/** The report's word for a figure not published, as its text says it (the statistics page says "suppressed"). */
export const WITHHELD = 'withheld';

/**
 * Fewer completed the survey than the disclosure threshold: the whole survey is a group below it, and its count
 * (and anything that gives it away) is withheld, by the statistics page's own test (`selectionBelowThreshold`).
 */
export function tooFewToPublish({ stats }: Pick<ReportContext, 'stats'>): number | null {
  return selectionBelowThreshold(stats);
}

/** The rule a withheld figure fell under, in words: why it is not shown. */
export function withheldRule({ stats }: ReportContext): string {
  const threshold = stats.suppression?.threshold ?? 10;
  return stats.suppression?.rule === 'cell'
    ? `counts from 1 to ${threshold - 1} are not published, nor any count that would let one be worked out`
    : `figures for fewer than ${threshold} respondents (the minimum base) are not published, nor any that would let one be worked out`;
}

/**
 * What a chart leaves out because it is withheld, and why, for its caption and text alternative:
 * " Not shown: Orkney and Shetland, withheld because figures for fewer than 10 … are not published …". Empty when
 * nothing is.
 */
export function notShownNote(names: string[], context: ReportContext): string {
  return names.length ? ` Not shown: ${listText(names)}, withheld because ${withheldRule(context)}.` : '';
}
