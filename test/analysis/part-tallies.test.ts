import { AnsweredTally, EntriesTally, PartsTally, RankingTally, tallyFor } from '../../analysis/part-tallies';
import type { StatsKind, StatsQuestion } from '../../analysis/stats-questions';
import { ChoiceTally, NumberTally, ScaleTally, TextTally } from '../../analysis/tallies';

const q = (name: string, kind: StatsKind, extra: Partial<StatsQuestion> = {}): StatsQuestion => ({
  name,
  title: name,
  type: kind,
  kind,
  options: [],
  ...extra,
});
const matrix = q('m', 'matrix', { parts: [q('r1', 'choice'), q('r2', 'choice')] });

describe('tallyFor', () => {
  test.each([
    ['number', q('x', 'number'), NumberTally],
    ['text', q('x', 'text'), TextTally],
    ['matrix', matrix, PartsTally],
    ['items', q('x', 'items', { parts: [] }), PartsTally],
    ['entries', q('x', 'entries', { parts: [] }), EntriesTally],
    ['ranking', q('x', 'ranking'), RankingTally],
    ['unsupported', q('x', 'unsupported'), AnsweredTally],
    ['choice', q('x', 'choice'), ChoiceTally],
    ['multi', q('x', 'multi'), ChoiceTally],
  ])('when the question is of kind %s, then it gets the matching tally', (_, question, kind) => {
    expect(tallyFor(question)).toBeInstanceOf(kind);
  });

  test('when a choice question is a scale, then it gets a scale tally', () => {
    expect(tallyFor(q('x', 'choice', { scale: { nps: false } }))).toBeInstanceOf(ScaleTally);
  });
});

describe('PartsTally', () => {
  test('when a matrix is answered by row, then each row counts its own answer and blank rows are skipped', () => {
    const tally = new PartsTally(matrix);
    tally.add({ r1: 'a', r2: 'b' }, true);
    tally.add({ r1: 'a' }, true);
    tally.add(undefined, true);
    tally.add(undefined, false);
    expect([tally.answered, tally.skipped, tally.notShown]).toEqual([2, 1, 1]);
    const [r1, r2] = tally.parts as [ChoiceTally, ChoiceTally];
    expect([r1.answered, r1.skipped, r1.notShown]).toEqual([2, 1, 1]);
    expect([r2.answered, r2.skipped, r2.notShown]).toEqual([1, 2, 1]);
    expect(r1.counts.get('a')!.count).toBe(2);
  });

  test('when the value is kept by row and read by column, then each column part sees { row: cell }', () => {
    const byColumn = q('md', 'items', {
      byColumn: true,
      parts: [q('rating', 'matrix', { parts: [q('r1', 'choice'), q('r2', 'choice')] })],
    });
    const tally = new PartsTally(byColumn);
    tally.add({ r1: { rating: 'good' }, r2: { rating: 'bad', note: 'x' } }, true);
    const [rating] = tally.parts as [PartsTally];
    const [r1, r2] = rating.parts as [ChoiceTally, ChoiceTally];
    expect([...r1.counts.keys()]).toEqual(['good']);
    expect([...r2.counts.keys()]).toEqual(['bad']);
  });
});

describe('EntriesTally', () => {
  test('when a dynamic panel is answered, then entries are counted per respondent and each part per entry', () => {
    const tally = new EntriesTally(q('p', 'entries', { parts: [q('name', 'text'), q('age', 'number')] }));
    tally.add([{ name: 'A', age: 30 }, { name: 'B' }], true);
    tally.add([{ age: 40 }], true);
    tally.add([], true);
    expect([tally.answered, tally.entries, tally.mostEntries, tally.skipped]).toEqual([2, 3, 2, 1]);
    const [name, age] = tally.parts as [TextTally, NumberTally];
    expect([name.answered, name.skipped]).toEqual([2, 1]);
    expect(age.block([]).mean).toBe(35);
  });
});

describe('RankingTally', () => {
  test('when rankings are given, then each option counts how often it was put at each place', () => {
    const tally = new RankingTally(3);
    tally.add(['b', 'a', 'c'], true);
    tally.add(['b', 'c', 'a'], true);
    tally.add('not a ranking', true);
    expect(tally.answered).toBe(2);
    expect(tally.skipped).toBe(1);
    expect(tally.places.get('b')).toEqual([2, 0, 0]);
    expect(tally.places.get('a')).toEqual([0, 1, 1]);
  });
});

describe('AnsweredTally', () => {
  test('when a signature is given, then only that it was answered is counted', () => {
    const tally = new AnsweredTally();
    tally.add('data:image/png;base64,xyz', true);
    tally.add('', true);
    expect([tally.answered, tally.skipped]).toEqual([1, 1]);
  });
});
