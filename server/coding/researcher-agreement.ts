import { codingAgreement } from '../../analysis/agreement';
import { answerTexts, isResearcher, own, type CodingState, type SettledAnswer } from './coding-state';

export interface ResearcherAgreement {
  /** The researchers compared, by e-mail. */
  coders: string[];
  /** Answers at least one of them coded. */
  units: number;
  /** Answers two or more of them coded: those the figures compare. */
  compared: number;
  percentAgreement: number | null;
  krippendorffAlpha: number | null;
  /** Only for two researchers. */
  cohenKappa: number | null;
  perCode: Record<
    string,
    { label: string; percentAgreement: number | null; krippendorffAlpha: number | null; cohenKappa: number | null }
  >;
  /**
   * Answers where the researchers gave different codes: each one's codes by label, every code any of them gave, and
   * what they settled on after comparing, if they have.
   */
  disagreements: Array<{
    answer: string;
    text: string;
    codes: Record<string, string[]>;
    /** Those compared who have not coded this answer (an empty list of codes, by contrast, is a decision). */
    uncoded: string[];
    given: Array<{ id: string; label: string }>;
    settled: { codes: string[]; by: string; at: string } | null;
  }>;
}

/**
 * Agreement between the researchers who coded a question in the platform (unit = answer, value = the set of codes
 * each applied and kept; a researcher who decided nothing in an answer is missing there, not "no codes"). Rejecting
 * the machine's suggestion is a decision: that researcher coded the answer, without that code. The figures compare
 * the answers two or more of them coded.
 */
export function codingAgreementOf(state: CodingState, only?: string[]): ResearcherAgreement {
  const responseOf = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  const labels = new Map(state.codes.map((code) => [code.id, code.label]));
  const given = new Map<string, Map<string, Set<string>>>();
  for (const application of state.applications) {
    // The machine's suggestions and the settled consensus are not a researcher's independent judgement.
    if (!isResearcher(application.by) || application.status === 'suggested') continue;
    // Taking off a code one gave by hand undoes a slip; only rejecting the machine's suggestion is a judgement.
    if (application.status === 'rejected' && application.origin !== 'machine') continue;
    const answer = responseOf.get(application.segmentId);
    if (!answer) continue;
    const byCoder = given.get(application.by) ?? new Map<string, Set<string>>();
    const codes = byCoder.get(answer) ?? new Set<string>();
    if (application.status === 'accepted') codes.add(application.codeId);
    byCoder.set(answer, codes);
    given.set(application.by, byCoder);
  }
  const coders = (only ?? [...given.keys()]).slice().sort();
  const answers = [...new Set(coders.flatMap((coder) => [...(given.get(coder)?.keys() ?? [])]))].sort();
  const cells = answers.map((answer) =>
    coders.map((coder) => {
      const codes = given.get(coder)?.get(answer);
      return codes ? [...codes] : null;
    }),
  );
  const { overall, perCode } = codingAgreement(cells);
  const texts = answerTexts(state);
  const disagreements = answers
    .map((answer, unit) => ({ answer, unit }))
    .filter(({ unit }) => {
      const coded = cells[unit]!.filter((codes): codes is string[] => codes !== null).map((codes) =>
        [...codes].sort().join(';'),
      );
      return coded.length >= 2 && new Set(coded).size > 1;
    })
    .map(({ answer, unit }) => ({
      answer,
      text: texts.get(answer) ?? '',
      codes: Object.fromEntries(
        coders.map((coder, c) => [coder, (cells[unit]![c] ?? []).map((code) => labels.get(code) ?? code).sort()]),
      ),
      uncoded: coders.filter((_, c) => cells[unit]![c] === null),
      given: [...new Set(cells[unit]!.flatMap((codes) => codes ?? []))]
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((id) => ({ id, label: labels.get(id) ?? id })),
      settled: settledAs(own(state.consensus, answer), labels),
    }));
  return {
    coders,
    units: answers.length,
    compared: overall.pairableUnits,
    percentAgreement: overall.percentAgreement,
    krippendorffAlpha: overall.krippendorffAlpha,
    cohenKappa: coders.length === 2 ? overall.cohenKappa : null,
    perCode: Object.fromEntries(
      Object.entries(perCode).map(([code, result]) => [
        code,
        {
          label: labels.get(code) ?? code,
          percentAgreement: result.percentAgreement,
          krippendorffAlpha: result.krippendorffAlpha,
          cohenKappa: coders.length === 2 ? result.cohenKappa : null,
        },
      ]),
    ),
    disagreements,
  };
}

function settledAs(settled: SettledAnswer | undefined, labels: Map<string, string>) {
  return settled
    ? { codes: settled.codes.map((code) => labels.get(code) ?? code).sort(), by: settled.by, at: settled.at }
    : null;
}
