/** The narrative sections staff write, in the order the report shows them. */
export const NARRATIVE_SECTIONS = ['background', 'discussion', 'conclusion', 'recommendations'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/**
 * What a report edit changes (ReportEdit.section, server/kernel/report-records.ts): a narrative section, the
 * interpretation of a finding by its number, or the final mark.
 */
export type ReportSection = NarrativeSection | `interpretation:${number}` | 'final';

export const INTERPRETATION = 'interpretation:';
export const isInterpretationSection = (section: string) => /^interpretation:\d{1,3}$/.test(section);
