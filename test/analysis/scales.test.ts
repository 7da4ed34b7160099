import { scaleFigures } from '../../analysis/scales';
import { ScaleTally } from '../../analysis/tallies';

const zeroToTen = Array.from({ length: 11 }, (_, value) => ({ value, label: String(value) }));
const oneToFive = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));

const tallyOf = (answers: number[]) => {
  const tally = new ScaleTally();
  answers.forEach((value) => tally.add(value, true));
  return tally;
};

describe('scaleFigures', () => {
  test('when a 1-5 scale is answered, then mean, spread, quartiles and the top two box are given, and no NPS', () => {
    const figures = scaleFigures(tallyOf([1, 2, 4, 4, 5, 5]), oneToFive, false);
    expect(figures.scale.n).toBe(6);
    expect(figures.scale.mean).toBeCloseTo(3.5, 12);
    // numpy: np.std([1, 2, 4, 4, 5, 5], ddof=1) = 1.6431676725154984; np.percentile(..., [25, 50, 75]) = 2.5, 4, 4.75
    expect(figures.scale.sd).toBeCloseTo(1.6431676725154984, 12);
    expect([figures.scale.q1, figures.scale.median, figures.scale.q3]).toEqual([2.5, 4, 4.75]);
    expect(figures.topTwoBox.count).toBe(4);
    expect(figures.topTwoBox.percent).toBeCloseTo((4 / 6) * 100, 12);
    expect(figures.nps).toBeUndefined();
  });

  test('when the options come in any order, then the top two box is still the two highest values', () => {
    const figures = scaleFigures(tallyOf([1, 2, 4, 4, 5, 5]), [...oneToFive].reverse(), false);
    expect(figures.topTwoBox.count).toBe(4);
  });

  // 5 promoters (9-10), 3 passives (7-8), 4 detractors (0-6). Interval from (p + d - (p - d)^2) / n with
  // z = scipy.stats.norm.ppf(0.975): /tmp/venv/bin/python test/reference/analysis_algorithms.py, line "nps score, ci".
  test('when 0-10 answers are scored as NPS, then the score is promoters minus detractors with its interval', () => {
    const figures = scaleFigures(tallyOf([10, 9, 9, 10, 9, 8, 7, 7, 6, 0, 3, 5]), zeroToTen, true);
    const nps = figures.nps!;
    expect(nps.counts).toEqual({ promoters: 5, passives: 3, detractors: 4 });
    expect(nps.n).toBe(12);
    expect(nps.score).toBeCloseTo(8.333333333333337, 10);
    expect(nps.ci95![0]).toBeCloseTo(-40.43839104116689, 10);
    expect(nps.ci95![1]).toBeCloseTo(57.10505770783356, 10);
    expect(nps.promoters + nps.passives + nps.detractors).toBeCloseTo(100, 10);
  });

  test('when every answer is a promoter, then the score is 100 and the interval stays within -100 to 100', () => {
    const nps = scaleFigures(tallyOf([9, 10, 10]), zeroToTen, true).nps!;
    expect(nps.score).toBe(100);
    expect(nps.ci95).toEqual([100, 100]);
  });

  test('when nobody answered, then there is no NPS interval and figures are empty, never NaN', () => {
    const figures = scaleFigures(new ScaleTally(), zeroToTen, true);
    expect(figures.scale.n).toBe(0);
    expect(figures.scale.mean).toBeNull();
    expect(figures.topTwoBox).toEqual({ count: 0, percent: 0 });
    expect(figures.nps!.score).toBe(0);
    expect(figures.nps!.ci95).toBeNull();
  });
});
