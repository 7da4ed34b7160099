import type { PublishedQuestionStats, PublishedStats } from '../../analysis/published-stats';
import { dateTimeText } from '../../analysis/stats-format';
import type { SurveyRecord } from '../surveys/survey-record';
import { groupLabel, tooFewToPublish, type ReportContext } from './report-wording';

// What the scrubbing takes out (analysis/pii.ts), said as it is: a name not on its list of common first names, or
// one English also uses as a word ("Will"), is not recognised, so a draft's quotes are for a researcher to read.
const QUOTES_SCRUBBED =
  'quotes are a selection of answers with e-mail addresses, phone and CHI numbers, postcodes, names after a title, common first names and the listed place names removed; other names are not recognised, so researchers read the quotes before publishing.';

/** The methods sentence for the disclosure rule that was applied. */
export function disclosureMethod(suppression: PublishedStats['suppression']): string {
  if (!suppression) return 'No disclosure control was applied: this version is for internal use only.';
  if (suppression.rule === 'minimum-base') {
    return `Figures are not published for any group of fewer than ${suppression.threshold} respondents (the minimum base, as national surveys such as the GP Patient Survey set one), and a further group is withheld where a withheld one could otherwise be worked out from the total and the others.`;
  }
  return `Counts from 1 to ${suppression.threshold - 1} are withheld, with further cells withheld where such a count could otherwise be worked out from totals.`;
}

/** Every question and part of a question that carries its own figures (a matrix's rows, a panel's questions). */
function figureParts(question: PublishedQuestionStats): PublishedQuestionStats[] {
  if (question.kind === 'matrix') return question.rows;
  if (question.kind === 'items' || question.kind === 'entries')
    return Object.values(question.items).flatMap(figureParts);
  return [question];
}

/**
 * How the figures were worked out, from what the survey and the statistics contain: conditional questions
 * only when the survey has conditions, group tests only when figures are split, and only the tests used.
 */
function analysisMethod(record: SurveyRecord, context: ReportContext): string {
  const { stats, definition } = context;
  const sentences = ['Percentages are of those who answered each question'];
  if (JSON.stringify(record.definition).includes('"visibleIf"')) {
    sentences[0] += `; questions shown only to some respondents${definition.conditionalExample ? ` (${definition.conditionalExample})` : ''} are reported of those who were shown them`;
  }
  sentences[0] +=
    '; every percentage is rounded to one decimal place. 95% confidence intervals are Wilson score intervals.';
  const parts = Object.values(stats.questions).flatMap(figureParts);
  if (parts.some((part) => 'nps' in part && part.nps)) {
    sentences.push(
      'The Net Promoter Score is the percentage answering 9 or 10 less the percentage answering 0 to 6, with a 95% interval from the normal approximation.',
    );
  }
  if (stats.groupBy) {
    const tests = new Set(parts.map((part) => ('test' in part ? part.test?.name : undefined)).filter(Boolean));
    const categorical = tests.has('chi-square') || tests.has('fisher') || tests.has('fisher-simulated');
    const ranked = tests.has('mann-whitney') || tests.has('kruskal-wallis');
    const rankName = stats.groupBy.groups.length > 2 ? 'the Kruskal-Wallis test' : 'the Mann-Whitney U test';
    const used = [
      ...(categorical ? ["the chi-square test, or Fisher's exact test where an expected count is under 5"] : []),
      ...(ranked ? [`${rankName} for ${definition.numbersLabel ?? 'numbers and rating scales'}`] : []),
    ];
    if (used.length > 0)
      sentences.push(`Differences by ${groupLabel(context)} are tested with ${used.join(', and ')}.`);
  }
  return sentences.join(' ');
}

/** The methods section: sample, analysis, disclosure control, weighting and how free text was coded. */
export function buildMethods(
  record: SurveyRecord,
  context: ReportContext,
  themes: Record<string, Array<{ candidate: boolean }>> | undefined,
  now: Date,
): string[] {
  const { stats } = context;
  const { responses } = stats;
  const few = tooFewToPublish(context);
  return [
    `Sample: ${few ? `fewer than ${few}` : responses.analysed} complete responses${responses.practices ? ` from ${responses.practices} practices invited through the LMCs` : ''}, as stored at ${dateTimeText(now.toISOString())}.`,
    analysisMethod(record, context),
    disclosureMethod(stats.suppression),
    stats.weighting
      ? `Percentages, means and intervals are weighted by the answer to “${String(stats.questions[stats.weighting.by]?.title ?? stats.weighting.by)}” to the number of practices in each area, so that national figures represent practices rather than the areas that answered most${few ? '' : ` (design effect ${stats.weighting.designEffect.toFixed(3)}, effective sample size ${stats.weighting.effectiveN.toFixed(1)})`}; counts are as answered.`
      : 'Figures are unweighted: each response counts once.',
    themes && Object.values(themes).some((list) => list.some((theme) => !theme.candidate))
      ? "Free-text answers were coded by researchers using thematic analysis (Braun and Clarke), with the platform proposing codes and themes and researchers reviewing, naming and accepting them. A theme's share counts only answers whose coding a researcher confirmed; machine suggestions not yet reviewed are not counted."
      : themes && Object.values(themes).some((list) => list.length > 0)
        ? `Candidate themes of free-text answers were proposed by the platform and have not yet been reviewed by researchers; ${QUOTES_SCRUBBED}`
        : `Free-text answers have not yet been coded into themes; ${QUOTES_SCRUBBED}`,
  ];
}
