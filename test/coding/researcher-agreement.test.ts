import type { CodingState } from '../../server/coding/coding-state';
import { codingAgreementOf } from '../../server/coding/researcher-agreement';
import { machineCode } from '../support/coding-state-factories';

const decision = (segmentId: string, by: string, status: 'accepted' | 'rejected', codeId = 'x') => ({
  segmentId,
  codeId,
  by,
  origin: 'machine' as const,
  status,
  confidence: null,
  evidence: [],
});
/** A code a researcher gave by hand and took off again: a slip undone, not a decision. */
const takenOff = (segmentId: string, by: string) => ({
  ...decision(segmentId, by, 'rejected'),
  origin: 'researcher' as const,
});

/** Three answers with the machine's suggestion of X on each; what ana and ben decided is added per test. */
function coding(applications: CodingState['applications']): CodingState {
  return {
    surveySlug: 's',
    question: 'q',
    segments: ['a1', 'a2', 'a3'].map((id, i) => ({
      id,
      responseId: `r${i + 1}`,
      text: 'Locum costs.',
      start: 0,
      end: 12,
    })),
    codes: [machineCode('x', 'Locum costs', null)],
    themes: [],
    applications: [
      ...['a1', 'a2', 'a3'].map((segmentId) => ({
        ...decision(segmentId, 'machine', 'accepted'),
        status: 'suggested' as const,
      })),
      ...applications,
    ],
    memos: [],
    independent: { startedAt: '2026-01-01T00:00:00.000Z', revealed: true },
  };
}

describe('agreement between researchers coding in the platform', () => {
  test.each([
    [
      'one accepted and the other rejected the suggestion on one answer of two',
      [
        decision('a1', 'ana', 'accepted'),
        decision('a1', 'ben', 'accepted'),
        decision('a2', 'ana', 'accepted'),
        decision('a2', 'ben', 'rejected'),
      ],
      { units: 2, compared: 2, percentAgreement: 50, disagreements: 1 },
    ],
    [
      'both rejected it on one answer and accepted it on another',
      [
        decision('a1', 'ana', 'rejected'),
        decision('a1', 'ben', 'rejected'),
        decision('a2', 'ana', 'accepted'),
        decision('a2', 'ben', 'accepted'),
      ],
      { units: 2, compared: 2, percentAgreement: 100, disagreements: 0 },
    ],
    [
      'one took off a code they had given by hand on an answer the other coded',
      [
        decision('a1', 'ana', 'accepted'),
        decision('a1', 'ben', 'accepted'),
        decision('a2', 'ana', 'accepted'),
        takenOff('a2', 'ben'),
      ],
      { units: 2, compared: 1, percentAgreement: 100, disagreements: 0 },
    ],
    [
      'only one of them decided on the third answer',
      [decision('a1', 'ana', 'accepted'), decision('a1', 'ben', 'accepted'), decision('a3', 'ana', 'accepted')],
      { units: 2, compared: 1, percentAgreement: 100, disagreements: 0 },
    ],
  ])('when %s, then the figures compare what each decided', (_name, applications, expected) => {
    const result = codingAgreementOf(coding(applications), ['ana', 'ben']);
    expect({
      units: result.units,
      compared: result.compared,
      percentAgreement: result.percentAgreement,
      disagreements: result.disagreements.length,
    }).toEqual(expected);
  });

  test('when one rejected the code the other gave, then the disagreement shows no codes for the one who rejected it', () => {
    const result = codingAgreementOf(coding([decision('a2', 'ana', 'accepted'), decision('a2', 'ben', 'rejected')]), [
      'ana',
      'ben',
    ]);
    expect(result.disagreements[0]!.codes).toEqual({ ana: ['Locum costs'], ben: [] });
    expect(result.disagreements[0]!.uncoded).toEqual([]);
    // Seen with a third researcher who has not coded it: named as not having coded it, not as giving no code.
    const three = codingAgreementOf(
      coding([decision('a2', 'ana', 'accepted'), decision('a2', 'ben', 'rejected'), decision('a1', 'cat', 'accepted')]),
      ['ana', 'ben', 'cat'],
    );
    expect(three.disagreements[0]!.uncoded).toEqual(['cat']);
    // The figures compare what two or more of the three coded: a1 (cat alone) is left out.
    expect([three.units, three.compared]).toEqual([2, 1]);
  });
});
