import { percentText, pointsText, pText } from '../../analysis/stats-format';
import type { SurveyRecord } from '../surveys/survey-record';
import type { WaveComparison } from './compare-service';

/** Rows for the page: one per option (or one per numeric question), with the change and whether it is significant. */
function pageRows(comparison: WaveComparison) {
  return Object.entries(comparison.questions).map(([name, question]) => ({
    name,
    title: question.title,
    rows:
      question.kind === 'number'
        ? [
            {
              label: 'Mean',
              a: question.a.mean?.toFixed(2) ?? '–',
              b: question.b.mean?.toFixed(2) ?? '–',
              change: question.difference === null ? '–' : pointsText(question.difference),
              interval: '',
              p: pText(question.p),
              significant: question.p !== null && question.p < 0.05,
            },
          ]
        : question.options.map((option) => ({
            label: option.label,
            a: `${percentText(option.a.percent)} of ${option.a.answered}`,
            b: `${percentText(option.b.percent)} of ${option.b.answered}`,
            change: pointsText(option.difference.points),
            interval: option.difference.ci95
              ? `${pointsText(option.difference.ci95[0])} to ${pointsText(option.difference.ci95[1])}`
              : '',
            p: pText(option.p),
            significant: option.p !== null && option.p < 0.05,
          })),
  }));
}

/** The compare page: the surveys to choose from (the chosen ones selected) and the comparison, if two are chosen. */
export function comparePageModel(
  list: SurveyRecord[],
  chosen: { a?: string; b?: string },
  comparison: WaveComparison | null,
) {
  // Two waves of one survey often share its title: the slug tells them apart.
  const waveLabel = (wave: WaveComparison['a'], other: WaveComparison['a']) =>
    wave.title === other.title ? `${wave.title} (${wave.slug})` : wave.title;
  return {
    surveysA: list.map((record) => ({ slug: record.slug, title: record.title, selected: record.slug === chosen.a })),
    surveysB: list.map((record) => ({ slug: record.slug, title: record.title, selected: record.slug === chosen.b })),
    comparison,
    waves: comparison ? { a: waveLabel(comparison.a, comparison.b), b: waveLabel(comparison.b, comparison.a) } : null,
    questions: comparison ? pageRows(comparison) : [],
  };
}
