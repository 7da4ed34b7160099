import { percentText } from '../../analysis/stats-format';
import type { ResearcherAgreement } from './researcher-agreement';

const coefficient = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/** Agreement between researchers for the workbench: shown once two or more have coded (and it may be shown). */
export function agreementView(result: ResearcherAgreement | null) {
  if (!result || result.coders.length < 2) return null;
  return {
    coders: result.coders,
    units: result.units,
    overall: {
      percent: percentText(result.percentAgreement),
      alpha: coefficient(result.krippendorffAlpha),
      kappa: coefficient(result.cohenKappa),
    },
    perCode: Object.values(result.perCode).map((code) => ({
      label: code.label,
      percent: percentText(code.percentAgreement),
      alpha: coefficient(code.krippendorffAlpha),
      kappa: coefficient(code.cohenKappa),
    })),
    settled: result.disagreements.filter((row) => row.settled).length,
    disagreements: result.disagreements.slice(0, 30).map((row, index) => ({
      answer: row.answer,
      number: index + 1,
      text: row.text,
      codes: result.coders.map((coder) => (row.codes[coder] ?? []).join('; ') || '–'),
      settled: row.settled ? row.settled.codes.join('; ') || 'no codes' : null,
      settledBy: row.settled?.by,
      // Ticked to start with: what they settled on, or else the codes every one of them gave.
      choices: row.given.map((code) => ({
        ...code,
        ticked: row.settled
          ? row.settled.codes.includes(code.label)
          : result.coders.every((coder) => (row.codes[coder] ?? []).includes(code.label)),
      })),
    })),
  };
}

/** A respondent group (a choice of the survey's grouping question, e.g. role) as the survey words it, not its stored value. */
export function groupLabelOf(choices: Array<{ value: unknown; text: string }>) {
  const texts = new Map(choices.map((choice) => [String(choice.value), choice.text]));
  return (group: string) => texts.get(group) ?? group;
}
