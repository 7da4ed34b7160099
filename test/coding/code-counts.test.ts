import { codeCounts, combinedCount, countOf } from '../../server/coding/code-counts';
import type { CodeApplication, CodingState } from '../../server/coding/coding-state';

type Counted = Pick<CodingState, 'segments' | 'applications' | 'consensus'>;

/** Segments s1..s4 of respondents r1, r1, r2, r3 (r1's answer in two segments). */
const SEGMENTS = [
  { id: 's1', responseId: 'r1', text: 'a', start: 0, end: 1 },
  { id: 's2', responseId: 'r1', text: 'b', start: 2, end: 3 },
  { id: 's3', responseId: 'r2', text: 'c', start: 0, end: 1 },
  { id: 's4', responseId: 'r3', text: 'd', start: 0, end: 1 },
];

const apply = (segmentId: string, codeId: string, status: CodeApplication['status'], by = 'ann'): CodeApplication => ({
  segmentId,
  codeId,
  by,
  status,
  confidence: null,
  evidence: [],
});
const suggest = (segmentId: string, codeId: string) => apply(segmentId, codeId, 'suggested', 'machine');
const coding = (applications: CodeApplication[], consensus?: CodingState['consensus']): Counted => ({
  segments: SEGMENTS,
  applications,
  ...(consensus ? { consensus } : {}),
});

/** A count as plain numbers and sorted respondents, to compare in a table. */
const plain = (count: ReturnType<typeof countOf>) => ({
  applications: count.applications,
  respondents: [...count.respondents].sort(),
  confirmedSegments: count.confirmedSegments.size,
  confirmed: [...count.confirmed].sort(),
  unreviewed: [...count.unreviewed].sort(),
});

describe('counting the answers that carry a code', () => {
  test.each([
    {
      when: 'a researcher coded two segments of one answer',
      then: 'the answer counts once and both segments count',
      state: coding([apply('s1', 'x', 'accepted'), apply('s2', 'x', 'accepted')]),
      counts: { applications: 2, respondents: ['r1'], confirmedSegments: 2, confirmed: ['r1'], unreviewed: [] },
    },
    {
      when: 'the machine suggested the code on two answers and nobody decided',
      then: 'both answers carry it, none confirmed, both unreviewed',
      state: coding([suggest('s3', 'x'), suggest('s4', 'x')]),
      counts: {
        applications: 2,
        respondents: ['r2', 'r3'],
        confirmedSegments: 0,
        confirmed: [],
        unreviewed: ['r2', 'r3'],
      },
    },
    {
      when: 'a researcher rejected the suggestion',
      then: 'the answer carries only the suggestion and is not unreviewed',
      state: coding([suggest('s3', 'x'), apply('s3', 'x', 'rejected')]),
      // The suggestion stays beside the decision (coding independently) but is decided, so not unreviewed.
      counts: { applications: 1, respondents: ['r2'], confirmedSegments: 0, confirmed: [], unreviewed: [] },
    },
    {
      when: 'a researcher accepted the suggestion beside the machine’s own',
      then: 'the answer is confirmed, not unreviewed',
      state: coding([suggest('s3', 'x'), apply('s3', 'x', 'accepted')]),
      counts: { applications: 2, respondents: ['r2'], confirmedSegments: 1, confirmed: ['r2'], unreviewed: [] },
    },
    {
      when: 'one segment of an answer is confirmed and another only suggested',
      then: 'the answer is confirmed, not unreviewed',
      state: coding([apply('s1', 'x', 'accepted'), suggest('s2', 'x')]),
      counts: { applications: 2, respondents: ['r1'], confirmedSegments: 1, confirmed: ['r1'], unreviewed: [] },
    },
    {
      when: 'the researchers settled an answer without the code',
      then: 'only the other answer counts',
      state: coding([apply('s3', 'x', 'accepted'), apply('s4', 'x', 'accepted')], {
        r2: { codes: ['y'], by: 'ann', at: '2026-01-01T00:00:00Z' },
      }),
      counts: { applications: 1, respondents: ['r3'], confirmedSegments: 1, confirmed: ['r3'], unreviewed: [] },
    },
    {
      when: 'the code is not used',
      then: 'everything is zero',
      state: coding([apply('s1', 'y', 'accepted')]),
      counts: { applications: 0, respondents: [], confirmedSegments: 0, confirmed: [], unreviewed: [] },
    },
  ])('when $when, then $then', ({ state, counts }) => {
    expect(plain(countOf(codeCounts(state), 'x'))).toEqual(counts);
  });
});

describe('counting a theme (several codes together)', () => {
  test.each([
    {
      when: 'one respondent carries two of its codes',
      then: 'the respondent counts once',
      state: coding([apply('s1', 'x', 'accepted'), apply('s2', 'y', 'accepted')]),
      counts: { applications: 2, respondents: ['r1'], confirmedSegments: 2, confirmed: ['r1'], unreviewed: [] },
    },
    {
      when: 'a respondent is confirmed for one code and only suggested for another',
      then: 'they count as confirmed, and only others as unreviewed',
      state: coding([apply('s3', 'x', 'accepted'), suggest('s3', 'y'), suggest('s4', 'y')]),
      counts: {
        applications: 3,
        respondents: ['r2', 'r3'],
        confirmedSegments: 1,
        confirmed: ['r2'],
        unreviewed: ['r3'],
      },
    },
    {
      when: 'none of its codes is used',
      then: 'everything is zero',
      state: coding([apply('s1', 'z', 'accepted')]),
      counts: { applications: 0, respondents: [], confirmedSegments: 0, confirmed: [], unreviewed: [] },
    },
  ])('when $when, then $then', ({ state, counts }) => {
    expect(plain(combinedCount(codeCounts(state), ['x', 'y']))).toEqual(counts);
  });
});
