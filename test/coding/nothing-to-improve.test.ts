import { answerCovers, answerWords } from '../../analysis/coding/phrase-labels';
import { ideaStems } from '../../analysis/coding/idea-codes';
import { joinNothingToImprove, saysNothingToImprove } from '../../analysis/coding/nothing-to-improve';
import { discoverThemes } from '../../analysis/coding/themes';
import { stem } from '../../analysis/text';

/*
 * Several "nothing to improve" themes become one, with codes where they differ (issue 25).
 */
describe('labels that say there is nothing to improve', () => {
  test.each([
    ['Nothing', true],
    ['Nothing at all', true],
    ['Nothing could be better', true],
    ['Nothing could have been done better', true],
    ['Nothing better', true],
    ['Nothing to improve', true],
    ["Can't fault", true],
    ['Could not be better', true],
    ["Couldn't do any better", true],
    ['No better', true],
    ["Don't think", true],
    ["Don't think they listened", false],
    ['No complaints', true],
    ['Everything was good', false],
    ['Nothing was good', false],
    ['Never let me down', false],
    ['Not valued', false],
    ['No parking', false],
    ['Staff', false],
  ])('when a theme is labelled "%s", then saying nothing to improve is %s', (label, expected) => {
    expect(saysNothingToImprove(label)).toBe(expected);
  });
});

describe('themes that say there is nothing to improve joined', () => {
  const centre = (x: number) => Float64Array.from([x, 1 - x]);

  test('when two labelled themes say it, then the larger takes the other’s answers and the others stay', () => {
    const themeRows = [[0, 1, 2, 8], [3, 4, 5, 6], [7, 8], [9]];
    const carried = new Map<number, number[]>([
      [0, [0]],
      [1, [0]],
      [2, [0, 1]],
      [3, [1]],
      [4, [1]],
      [5, [1]],
      [6, [1]],
      [7, [2]],
      [8, [2, 0]],
      [9, [3]],
    ]);
    const order = [1, 0, 2, 3];
    const labels = [
      { label: 'Staff', mixed: false },
      { label: 'Nothing could be better', mixed: false },
      { label: 'Nothing', mixed: false },
      { label: 'Mixed: nothing, no', mixed: true },
    ];
    // Labels follow `order`: theme 1 is "Staff", theme 0 "Nothing could be better", theme 2 "Nothing".
    const centroids = [centre(0.9), centre(0.1), centre(0.8), centre(0.5)];
    const joined = joinNothingToImprove({ order, labels, themeRows, carried, centroids });

    expect([...joined.keys()]).toEqual([0]);
    expect(joined.get(0)!.map((way) => way.label)).toEqual(['Nothing could be better', 'Nothing']);
    expect(themeRows[0]!.sort()).toEqual([0, 1, 2, 7, 8]);
    expect(themeRows[2]).toEqual([]);
    expect(carried.get(7)).toEqual([0]);
    expect(carried.get(8)).toEqual([0]);
    // Largest first, as themes are ordered: the joined theme now has more answers than "Staff".
    expect(order).toEqual([0, 1, 3]);
  });

  test('when only one theme says it, then nothing is joined', () => {
    const themeRows = [[0], [1]];
    const order = [0, 1];
    const joined = joinNothingToImprove({
      order,
      labels: [
        { label: 'Nothing', mixed: false },
        { label: 'Mixed: nothing, better', mixed: true },
      ],
      themeRows,
      carried: new Map([
        [0, [0]],
        [1, [1]],
      ]),
      centroids: [centre(0), centre(1)],
    });
    expect(joined.size).toBe(0);
    expect(themeRows).toEqual([[0], [1]]);
  });

  test('when answers say there is nothing to improve in two ways, then they are one theme with a code for each way', () => {
    const nothing = [
      'Nothing.',
      'Nothing at all.',
      'Nothing really.',
      'Nothing, thank you.',
      'Nothing I can think of.',
      'Nothing to add.',
      'Nothing, all good.',
      'Nothing else.',
      'Nothing.',
      'Nothing at all, thanks.',
    ];
    const couldBeBetter = [
      'Nothing could be better.',
      'Nothing could have been better.',
      'Nothing could be better, thank you.',
      'Honestly nothing could be better.',
      'Nothing could be better here.',
      'Nothing could have been done better.',
      'Nothing could be better for us.',
      'Really, nothing could be better.',
      'Nothing could be better at all.',
      'Nothing could be better than this.',
    ];
    const parking = [
      'The car park was full.',
      'No space in the car park.',
      'Car park charges are high.',
      'Car park too small.',
      'The car park is a mess.',
      'The car park barrier was broken.',
      'Car park queues every morning.',
      'Car park spaces are too narrow.',
    ];
    const texts = [...nothing, ...couldBeBetter, ...parking];
    const result = discoverThemes(texts.map((text, i) => ({ id: `a${i}`, text })));

    const saying = result.themes.filter((theme) => saysNothingToImprove(theme.label));
    expect(saying).toHaveLength(1);
    const [theme] = saying;
    expect(theme!.members.length).toBeGreaterThanOrEqual(16);
    expect(theme!.mergedFrom).toEqual(expect.arrayContaining(['Nothing', 'Nothing could be better']));
    const codeNames = result.codes.filter((code) => theme!.codes.includes(code.id)).map((code) => code.label);
    expect(codeNames).toEqual(expect.arrayContaining(['Nothing', 'Nothing could be better']));
    expect(result.themes.some((other) => other.label === 'Car park')).toBe(true);
  });
});

describe('"nothing" and "everything" as ideas', () => {
  test.each([
    ['Nothing.', 'nothing', true],
    ['Nothing to improve, thank you.', 'nothing', true],
    ['Nothing is too much trouble for them.', 'nothing', false],
    ['Absolutely nothing was good about it.', 'nothing', false],
    ['You did nothing right.', 'nothing', false],
    ['Nothing will change until the workload is manageable.', 'nothing', false],
    ['Nothing, was very good.', 'nothing', true],
    ['Nothing. Will come again', 'nothing', true],
    ['Everything was fine.', 'everything', true],
    ['They explained everything.', 'everything', false],
    ["Everything!!! I wasn't listened to.", 'everything', false],
  ])('when an answer says "%s", then %s as an idea is %s', (text, word, expected) => {
    expect(ideaStems(text).has(stem(word))).toBe(expected);
  });
});

describe('"Nothing" as a label', () => {
  const nothing = { content: [stem('nothing')], negated: false, word: 'nothing' };
  test.each([
    ['Nothing.', true],
    ['Nothing to improve, thank you.', true],
    ['Nothing I can think of', true],
    ['Nothing, was very good.', true],
    ['Nothing. Will come again', true],
    ['Some feedback from the HSCP. Nothing happened after we flagged the referral problems.', false],
    ['Nothing will change until the workload is manageable.', false],
    ['Nothing is too much trouble for them.', false],
    ['Nothing helped.', false],
  ])('when an answer says "%s", then it covers the label "Nothing": %s', (text, expected) => {
    expect(answerCovers(nothing, answerWords(text))).toBe(expected);
  });
});
