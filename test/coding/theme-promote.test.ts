import { answerWords, labelGroups } from '../../analysis/coding/phrase-labels';
import { ideasOutOfMixed } from '../../analysis/coding/themes';

/*
 * A mixed theme is where the ideas the grouping missed are (issue 25): an idea enough of its answers raise leaves
 * it, for the theme already labelled by that idea or a theme of its own; and when more than a fifth of the themes
 * are still mixed, the smallest joins the nearest mixed one.
 */
const repeat = (texts: string[], times: number) => Array.from({ length: times }, () => texts).flat();
const parking = repeat(['Car park full.', 'Car park busy.', 'Car park dear.'], 3);
const food = repeat(['The food was cold.', 'Food came late.', 'Food was bland.'], 3);
const mixedWithIdeas = [
  'Car park shut.',
  'Car park tiny.',
  'Car park dark.',
  'The radiators were noisy.',
  'Radiators too hot at night.',
  'Radiators leaked.',
  'Lift broken.',
  'Clock was wrong.',
  'Tea stewed.',
  'Mirror missing.',
  'Wifi dropped.',
  'Bins smelt.',
];
const otherMixed = ['Towels thin.', 'Blinds stuck.', 'Kettle slow.', 'Pens missing.', 'Signs unclear.'];
const smallMixed = ['Stairs steep.', 'Chairs hard.', 'Door squeaks.', 'Lamp dim.'];

function run(groups: string[][], minimum: number, joining = minimum) {
  const texts = groups.flat();
  let next = 0;
  const themeRows = groups.map((group) => group.map(() => next++));
  const answerWordsOf = texts.map(answerWords);
  const labelContext = { answers: answerWordsOf, texts };
  const labellings = labelGroups(themeRows, labelContext);
  const carried = new Map(themeRows.flatMap((rows, t) => rows.map((row) => [row, [t]] as [number, number[]])));
  const order = groups.map((_, t) => t);
  const centroids = groups.map((_, t) => Float64Array.from(groups.map((__, d) => (d === t ? 1 : 0.1))));
  const answerVectors = texts.map((_, row) => ({
    indices: Int32Array.of(themeRows.findIndex((rows) => rows.includes(row))),
    values: Float32Array.of(1),
  }));
  const changed = ideasOutOfMixed({
    order,
    themeRows,
    carried,
    labellings,
    centroids,
    texts,
    labelContext,
    answerVectors,
    dimension: groups.length,
    minimum,
    joining,
    partsOf: groups.map((_, t) => [t]),
  });
  const after = labelGroups(
    order.map((t) => themeRows[t]!),
    labelContext,
  );
  return {
    before: labellings.map((labelling) => labelling.mixed),
    changed,
    themes: order.map((t, position) => ({
      label: after[position]!.label,
      mixed: after[position]!.mixed,
      answers: themeRows[t]!.map((row) => texts[row]),
    })),
    mainThemeOf: (text: string) => carried.get(texts.indexOf(text))![0],
  };
}

const fourThemes = [parking, food, otherMixed, smallMixed];

describe('ideas taken out of mixed themes', () => {
  test('when a mixed theme holds answers saying another theme’s label, then they join that theme', () => {
    const { before, changed, themes } = run([parking, food, mixedWithIdeas], 3);
    expect(before).toEqual([false, false, true]);
    expect(changed).toBe(true);
    const carPark = themes.find((theme) => theme.label === 'Car park')!;
    expect(carPark.answers).toEqual(expect.arrayContaining(mixedWithIdeas.slice(0, 3)));
  });

  test('when a mixed theme holds an idea no theme is labelled by, raised by at least the minimum, then it becomes a theme of its own', () => {
    const { themes } = run([parking, food, mixedWithIdeas], 3);
    const radiators = themes.find((theme) => theme.label === 'Radiators');
    expect(radiators).toMatchObject({ mixed: false });
    expect(radiators!.answers).toHaveLength(3);
    // What no idea took stays mixed.
    expect(themes.find((theme) => theme.answers.includes('Lift broken.'))!).toMatchObject({
      mixed: true,
      answers: mixedWithIdeas.slice(6),
    });
  });

  test('when an idea is raised by fewer than the minimum, then its answers stay where they are', () => {
    const { themes } = run([parking, food, mixedWithIdeas], 4);
    expect(themes.find((theme) => theme.label === 'Radiators')).toBeUndefined();
    expect(themes.find((theme) => theme.answers.includes('Lift broken.'))!.answers).toContain(
      'The radiators were noisy.',
    );
  });

  test('when an idea is too small for a theme of its own but its answers say another theme’s label, then they join that theme', () => {
    const { themes } = run([parking, food, mixedWithIdeas], 50, 3);
    expect(themes.find((theme) => theme.label === 'Car park')!.answers).toEqual(
      expect.arrayContaining(mixedWithIdeas.slice(0, 3)),
    );
    // The radiators, too few for a theme of their own, stay with what was left.
    expect(themes.find((theme) => theme.answers.includes('Radiators leaked.'))!.answers).toContain('Lift broken.');
  });

  test.each([
    { groups: fourThemes, mixedAfter: 1, note: 'two of four mixed' },
    { groups: [parking, food, parking, food, otherMixed], mixedAfter: 1, note: 'one of five mixed' },
  ])('when $note, then at most a fifth of the themes stay mixed (one at least)', ({ groups, mixedAfter }) => {
    const { before, themes } = run(groups, 50);
    expect(before.filter(Boolean)).toHaveLength(groups === fourThemes ? 2 : 1);
    expect(themes.filter((theme) => theme.mixed)).toHaveLength(mixedAfter);
    expect(themes.flatMap((theme) => theme.answers)).toHaveLength(groups.flat().length);
  });

  test('when the smallest mixed theme joins another, then its answers’ main theme is that one', () => {
    const { mainThemeOf } = run(fourThemes, 50);
    expect(mainThemeOf('Stairs steep.')).toBe(mainThemeOf('Towels thin.'));
  });
});
