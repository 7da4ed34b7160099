import { answerWords, labelGroups } from '../../analysis/coding/phrase-labels';
import { settleMixed } from '../../analysis/coding/themes';

/*
 * Mixed groups settled without padding a theme (issue 25): a mixed theme that is nearly one idea gives up the
 * answers that do not say it; a small mixed one is dissolved into the themes whose labels its answers say, or
 * its answers are left unassigned; never more unassigned than the budget allows.
 */
const parking = [
  'The car park was full.',
  'No space in the car park.',
  'Car park charges are high.',
  'Car park too small.',
  'Could not park in the car park.',
  'The car park is a mess.',
  'Car park queues.',
  'Car park barrier broken.',
  'Car park spaces narrow.',
];
const nearlyFood = [
  'The food was cold.',
  'Food came late.',
  'Food was bland.',
  'Lift broken.',
  'Radio loud.',
  'Stairs steep.',
  'Chairs hard.',
  'Signs unclear.',
  'Wifi dropped.',
  'Bins smelt.',
];
const smallMixed = ['Car park fees high.', 'Clock was wrong.', 'Mirror missing.', 'Tea stewed.'];

function run(budget: number, { remnants, smallest = 5 }: { remnants?: Set<number>; smallest?: number } = {}) {
  const texts = [...parking, ...nearlyFood, ...smallMixed];
  const themeRows = [
    parking.map((_, i) => i),
    nearlyFood.map((_, i) => parking.length + i),
    smallMixed.map((_, i) => parking.length + nearlyFood.length + i),
  ];
  const answerWordsOf = texts.map(answerWords);
  const labellings = labelGroups(themeRows, { answers: answerWordsOf, texts });
  const carried = new Map(themeRows.flatMap((rows, t) => rows.map((row) => [row, [t]] as [number, number[]])));
  const unassignedRows = new Set<number>();
  const order = [0, 1, 2];
  const before = labellings.map((labelling) => labelling.mixed);
  settleMixed({
    settled: new Set(),
    order,
    themeRows,
    carried,
    labellings,
    centroids: [new Float64Array([1, 0]), new Float64Array([0, 1]), new Float64Array([0.8, 0.6])],
    unassignedRows,
    budget,
    // The answers listed last fit their theme worst.
    fit: (row) => -row,
    answerWordsOf,
    smallest,
    ...(remnants ? { remnants } : {}),
  });
  const after = labelGroups(
    order.map((t) => themeRows[t]!),
    { answers: answerWordsOf, texts },
  );
  return { before, themeRows, texts, unassigned: [...unassignedRows].map((row) => texts[row]), after, order };
}

describe('settling mixed groups', () => {
  test('when a mixed theme nearly shares a phrase and a small one speaks of another theme, then the first gives up its worst-fitting other answers and the second joins that theme or is left out', () => {
    const { before, themeRows, texts, unassigned, after, order } = run(10);
    expect(before).toEqual([false, true, true]);
    // Food in 3 of 10: a third of 9, so the worst-fitting answer not about food is left out.
    expect(unassigned).toContain('Bins smelt.');
    expect(themeRows[1]!.map((row) => texts[row])).not.toContain('Bins smelt.');
    expect(after[order.indexOf(1)]!).toMatchObject({ mixed: false, label: 'Food' });
    // The small mixed theme is gone: its car park answers went to the car park theme, the clock left out.
    expect(order).not.toContain(2);
    expect(themeRows[0]!.map((row) => texts[row])).toContain('Car park fees high.');
    expect(unassigned).toEqual(expect.arrayContaining(smallMixed.slice(1)));
    expect(unassigned).toHaveLength(4);
  });

  test('when the unassigned budget is spent, then nothing is left out and the mixed themes stay mixed', () => {
    const { unassigned, after } = run(0);
    expect(unassigned).toEqual([]);
    expect(after.map((labelling) => labelling.mixed)).toEqual([false, true, true]);
  });

  test('when a theme too small to stay is settled as a remnant, then it is dissolved, not trimmed, and the mixed themes are left alone', () => {
    // The food theme (10 answers, food in 3) would be trimmed as a mixed theme; as a remnant under 11 it goes.
    const { themeRows, texts, unassigned, order } = run(10, { remnants: new Set([1]), smallest: 11 });
    expect(order).toEqual([0, 2]);
    expect(themeRows[1]).toEqual([]);
    expect(unassigned).toEqual(expect.arrayContaining(nearlyFood));
    expect(themeRows[2]!.map((row) => texts[row])).toEqual(smallMixed);
  });

  test('when a remnant is settled with no unassigned budget left, then its answers go to the nearest theme rather than it staying', () => {
    const { themeRows, texts, unassigned, order } = run(0, { remnants: new Set([1]), smallest: 11 });
    expect(order).toEqual([0, 2]);
    expect(unassigned).toEqual([]);
    expect(themeRows[0]!.map((row) => texts[row])).toEqual(expect.arrayContaining(nearlyFood));
  });
});
