import fs from 'node:fs';
import path from 'node:path';
import {
  answerCovers,
  answerWords,
  distinctLabels,
  GROUNDED_SHARE,
  inPlainSense,
  inSentence,
  labelGroups,
  negativeUse,
  phrasesOf,
} from '../../analysis/coding/phrase-labels';
import { defineTheme, discoverThemes } from '../../analysis/coding/themes';
import { sameWord } from '../../analysis/coding/word-forms';
import { isStopWord, stem, words } from '../../analysis/text';

/*
 * The rules a label keeps (issue 25): phrases the answers use, negation kept, no two words joined by "and" unless
 * the answers join them, grounded in a third of the theme's answers, or the theme is marked mixed.
 */
const label = (groups: string[][]) => {
  const texts = groups.flat();
  let start = 0;
  const rows = groups.map((group) => group.map(() => start++));
  return labelGroups(rows, { answers: texts.map(answerWords), texts });
};
const contentWords = (text: string) => [
  ...new Set(
    words(text.replace(/^Mixed:.*/, ''))
      .filter((word) => !isStopWord(word))
      .map(stem),
  ),
];
const grounded = (labelText: string, texts: string[]) =>
  texts.filter((text) => {
    const have = new Set(words(text).map(stem));
    return contentWords(labelText).every((word) => have.has(word));
  }).length >=
  texts.length * GROUNDED_SHARE;

describe('phrases the answers use', () => {
  test.each([
    ['The staff never let me down.', ['never let me down'], ['let me down']],
    ['Nothing to improve, all good.', ['nothing to improve', 'nothing'], ['improve']],
    ['I was not valued by the HSCP.', ['not valued', 'not valued by the HSCP'], ['valued', 'valued by the HSCP']],
    // The negation carries over "enough": "staff" alone would read as praise.
    ['There are not enough staff on the ward.', ['not enough staff', 'not enough staff on the ward'], ['staff']],
    ['Not enough time to prepare.', ['not enough time'], ['time']],
    ['The care could not be better!', ['could not be better'], ['better', 'be better']],
    ['Nothing could be better, thank you.', ['nothing could be better'], ['better', 'be better']],
    ['Nothing could have been better.', ['nothing could have been better'], ['better']],
    // "No" or "not" before a modal is a clause of its own: not a negated phrase (and "better" alone is none).
    ['Not really could be better', [], ['not really could be better', 'could be better']],
    ['Not really, parking could be better', ['parking'], ['not really could be better']],
    ["My GP's receptionist was kind.", ["GP's receptionist"], ["gp's receptionist"]],
    // Ordinals and quantities say where or how much, not what.
    ['Patients come first, so QI is the first thing to go.', ['QI'], ['first']],
    ['More sessions and fewer meetings.', ['sessions', 'meetings'], ['more', 'fewer']],
    ["I can't fault the care.", ["can't fault", 'care'], ['fault']],
    [
      'Access to a LIST analyst would help.',
      ['LIST analyst', 'access to a LIST analyst'],
      ['a list analyst', 'would help'],
    ],
    [
      'Very friendly and helpful staff.',
      ['friendly and helpful', 'helpful staff'],
      ['very friendly', 'and helpful staff'],
    ],
    [
      'They listened to me and explained everything.',
      ['listened to me', 'explained everything'],
      ['me and explained', 'to me'],
    ],
    ['They did not seem to value our work.', ['work'], ['not seem to value', 'seem to value']],
    ['Thank you so much.', ['thank you'], ['thank you so']],
    ["I don't think you could do better.", [], ["don't think you", 'think you']],
    ['Getting better, needed that.', [], ['getting', 'needed']],
    [
      'Locum costs for backfill now exceed what the HSCP pays for the session.',
      ['locum costs for backfill', 'session'],
      ['pays for the session', 'pays'],
    ],
    [
      'We do the QI work that is possible, which means valuable work is left untackled.',
      ['valuable work'],
      ['means valuable work'],
    ],
    [
      'Admin support to organise the meetings.',
      ['admin support', 'organise the meetings'],
      ['admin support to organise'],
    ],
    ['Counselling was offered quickly.', ['counselling'], []],
    ['The hOme vIsIt from the CPNs helped.', ['home visit', 'CPNs'], ['hOme vIsIt', 'cpns']],
    ['Everything was fine, thank you.', ['everything was good'], ['fine']],
    ['EverythIng has been excellent.', ['everything was good', 'excellent'], []],
    ['They explained everything.', ['explained everything'], ['everything was good']],
    ['All good, thanks.', ['everything was good'], []],
    ['The staff were all excellent.', ['staff', 'excellent'], ['everything was good']],
    ["They couldn't do any better for us.", ["couldn't do any better"], ['better']],
    ["Couldn't ask for better care.", ["couldn't ask for better care", 'care'], ['better', 'better care']],
    ['Nothing is too much trouble for them.', ['nothing is too much trouble'], ['nothing']],
    ['They did nothing to help.', [], ['nothing']],
    ['Nothing, all fine.', ['nothing'], []],
  ])('when an answer says "%s", then its phrases include %j and not %j', (text, present, absent) => {
    const phrases = phrasesOf(text).map((phrase) => phrase.text);
    for (const phrase of present) expect(phrases).toContain(phrase);
    for (const phrase of absent) expect(phrases).not.toContain(phrase);
  });

  test.each([['The staff never let me down.'], ['I was not valued by the HSCP.'], ['Nothing to improve.']])(
    'when "%s" is negative, then its negated phrases say so',
    (text) => {
      for (const phrase of phrasesOf(text).filter((candidate) => candidate.negated))
        expect(phrase.text).toMatch(/^(could |can't )?(not|never|nothing|no)\b|^can't/);
    },
  );
});

describe('answers read in plain sense', () => {
  test.each([
    ['No.', 'Nothing'],
    ["Can't think of anything, thanks", 'Nothing'],
    ['No complaints about the staff, but the food was cold.', 'No complaints about the staff, but the food was cold.'],
    ['Everything was fine', 'everything was good'],
    ['Everything ok for me.', 'everything was good for me.'],
    ['I think everything is just great.', 'I think everything was good.'],
    ['Everything was excellent during my stay.', 'everything was good, excellent during my stay.'],
    ['Everything has been absolutely perfect!', 'everything was good, perfect!'],
    ['They explained everything very well.', 'They explained everything very well.'],
    ['No improvements needed.', 'Nothing'],
    ["Couldn't do any better", 'Nothing'],
    ['No better', 'Nothing'],
    ['Not a single thing.', 'Nothing'],
    ['Not much.', 'Nothing'],
    ['Cannot think of a thing.', 'Nothing'],
    ["I don't think you could do anything better.", 'Nothing'],
    ['I honestly do not think that it could be improved.', 'Nothing'],
    ['No one could do better.', 'Nothing'],
    ['Not much help from reception.', 'Not much help from reception.'],
    ['No better parking here.', 'No better parking here.'],
  ])('when an answer says "%s", then it is read as "%s"', (text, read) => {
    expect(inPlainSense(text)).toBe(read);
  });
});

describe('labels of groups of answers', () => {
  const praise = [
    'They never let me down.',
    'The nurses never let me down, ever.',
    'In ten years they have never let me down.',
    'Never let me down once.',
    'Staff are great and never let me down.',
    'Kind staff.',
  ];
  const parking = [
    'The car park is always full.',
    'No spaces in the car park.',
    'Car park charges are too high.',
    'Parking is a nightmare.',
    'Could not find a space in the car park.',
    'The car park was full again.',
  ];
  const grabBag = [
    'The soup was cold.',
    'My appointment letter came late.',
    'Lovely receptionist.',
    'The lift was broken.',
    'Too many forms to fill in.',
    'Music in the waiting room was loud.',
  ];
  const notValued = [
    'Not valued by the HSCP.',
    'Our work is not valued by the board.',
    'QI is not valued by managers.',
    'We feel not valued at all.',
    'The HSCP does not value cluster work.',
    'Not valued.',
  ];
  const couldNotBeBetter = [
    'Nothing could be better, thank you.',
    'Could not have been better.',
    'It could not have been better.',
    'The care could not have been better.',
    'Better parking would help.',
    'Better food please.',
    'Better signs needed.',
  ];
  const groups = [praise, parking, grabBag, notValued, couldNotBeBetter];
  const labels = label(groups);

  test.each([
    ['praise that says "never let me down"', 0, /^Never let me down$/],
    ['answers about the car park', 1, /^Car park$/],
    ['answers saying the work is "not valued"', 3, /^Not valued/],
    ['answers mostly saying it "could not have been better"', 4, /^Could not have been better$/],
  ])('when the group is %s, then its label is that phrase with its polarity', (_case, g, expected) => {
    expect(labels[g]!.label).toMatch(expected);
    expect(labels[g]!.mixed).toBe(false);
    expect(grounded(labels[g]!.label, groups[g]!)).toBe(true);
  });

  test('when no phrase is shared by a third of a group, then it is marked mixed and labelled by its strongest phrases', () => {
    expect(labels[2]!.mixed).toBe(true);
    expect(labels[2]!.label).toMatch(/^Mixed: [^,]+(, [^,]+){0,2}$/);
    expect(labels[2]!.coverage).toBeLessThan(GROUNDED_SHARE);
  });

  test.each([
    [
      'two unrelated frequent words',
      [
        [
          'Parking costs too much.',
          'Parking was hard.',
          'Food was cold.',
          'Cold food again.',
          'Parking and food.',
          'Nothing else.',
        ],
      ],
    ],
    [
      'adjectives the answers join themselves',
      [
        [
          'Kind and caring nurses.',
          'The nurses were kind and caring.',
          'Kind and caring staff.',
          'So kind and caring.',
        ],
      ],
    ],
  ])('when the words are %s, then a label joins words with "and" only as the answers do', (_case, textGroups) => {
    for (const [g, labelling] of label(textGroups).entries()) {
      const joined = labelling.label.toLowerCase().replace(/^mixed: /, '');
      for (const part of joined.split(', '))
        if (part.includes(' and ')) expect(textGroups[g]!.some((text) => text.toLowerCase().includes(part))).toBe(true);
    }
  });

  test('when a group is mixed, then its label lists first the phrase most of its answers share', () => {
    // The food answers elsewhere make "food" unspecific to this group; it is still what most of it shares.
    const [mixed] = label([
      [
        'Parking was hard.',
        'Food was cold.',
        'The food was late.',
        'Food again.',
        'Bland food.',
        'Long waiting list.',
        'Lift broken.',
        'Rude receptionist.',
        'Noisy ward.',
        'Stairs too steep.',
        'The radio was loud.',
        'Parking costs.',
        'Cold tea.',
        'Long queue.',
      ],
      Array.from({ length: 12 }, (_, i) => `Food ${['menu', 'choice', 'portions', 'trolley'][i % 4]} on ward ${i}.`),
    ]);
    expect(mixed!.mixed).toBe(true);
    expect(mixed!.label).toMatch(/^Mixed: food\b/);
  });

  test('when a group is labelled, then the label reports the share of its answers it covers', () => {
    expect(labels[1]!.coverage).toBeCloseTo(5 / 6, 5);
  });

  test.each([
    ['No, care very good.', false],
    ['No complaints, all good.', false],
    ['No problems. The nurses were good.', false],
    ['The food was not good.', true],
    ['Night staff not as good as days.', true],
  ])('when an answer reads "%s", then whether it says "not good" is %s', (text, says) => {
    const notGood = phrasesOf('The food was not good.').find((phrase) => phrase.key === 'not good')!;
    expect(answerCovers(notGood, answerWords(text))).toBe(says);
  });

  test.each([
    ['listened', 'listening', true],
    ['nurse', 'nurses', true],
    ['helped', 'help', true],
    ['feeling', 'feel', true],
    ['timely', 'time', false],
    ['feelings', 'feel', false],
    ['helpful', 'help', false],
  ])('when "%s" and "%s" are compared, then being one word is %s', (a, b, same) => {
    expect(sameWord(a, b)).toBe(same);
  });

  test('when most answers say "time" and a few "timely", then "timely" covers only those few and does not label them', () => {
    const [group] = label([
      [
        'Waiting time was long.',
        'A long time to wait.',
        'The time to be seen was long.',
        'Not enough time with the doctor.',
        'Time went slowly in the waiting room.',
        'Timely appointments please.',
        'More timely appointments.',
      ],
    ]);
    expect(group!.label).not.toBe('Timely');
    expect(group!.phrases.find((phrase) => phrase.key === 'timely')?.coverage).toBeCloseTo(2 / 7, 5);
  });

  test('when every answer that says a rare word says a phrase of several words too, then the phrase labels them, not the word', () => {
    // The demo survey's comments on time and funding, as `canvass demo` codes them: seven sentences, each said by
    // several people. "HSCP" is said only in one of them, which made it the label of that sentence's theme, whose
    // code is "Locum costs for backfill".
    const demo = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
    ) as Array<{ id: string; time_funding_comments?: string }>;
    const answers = demo.flatMap((row) =>
      row.time_funding_comments ? [{ id: row.id, text: row.time_funding_comments }] : [],
    );
    const sayingHscp = answers.find((answer) => answer.text.includes('HSCP'))!.id;
    const { themes, codes } = discoverThemes(answers);
    const theme = themes.find((candidate) => candidate.members.includes(sayingHscp))!;
    expect(theme.label).toBe('Locum costs for backfill');
    expect(codes.filter((code) => theme.codes.includes(code.id)).map((code) => code.label)).toEqual([theme.label]);
    expect(themes.map((candidate) => candidate.label)).not.toContain('HSCP');
  });

  test('when every answer of a theme runs over 240 characters, then its definition quotes the sentence of one that says its label', () => {
    // The demo survey's examples of cluster work: long answers, several of whose themes had no example at all.
    const demo = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
    ) as Array<{ id: string; qi_work_examples?: string }>;
    const answers = demo.flatMap((row) => (row.qi_work_examples ? [{ id: row.id, text: row.qi_work_examples }] : []));
    const { themes } = discoverThemes(answers, { themes: 7 });
    const allLong = themes.filter((theme) =>
      theme.members.every((id) => answers.find((answer) => answer.id === id)!.text.trim().length > 240),
    );
    expect(allLong.length).toBeGreaterThan(0);
    for (const theme of allLong)
      expect([theme.label, theme.definition]).toEqual([theme.label, expect.stringMatching(/, as in “[^”]{20,}”/)]);
  });

  test('when answers say "no" and "good" in different clauses, then "not good" does not label them', () => {
    const [group] = label([
      [
        'No, care very good.',
        'No, nurse very good.',
        'No complaints, all good.',
        'No, always good care.',
        'No problems. Staff good.',
        'The food was not good.',
        'The tea was not good.',
      ],
    ]);
    expect(group!.label).not.toMatch(/^not good/i);
    expect(group!.phrases.find((phrase) => phrase.key === 'not good')?.coverage).toBeCloseTo(2 / 7, 5);
  });
});

describe('definitions', () => {
  const labelling = label([
    [
      'The car park is always full.',
      'No spaces in the car park.',
      'Car park charges are too high.',
      'Parking is a nightmare.',
    ],
  ])[0]!;

  test('when a theme is defined, then it says the share its phrases cover and a typical answer, with no count to go stale and no list of words', () => {
    const definition = defineTheme({ labelling, typical: 'The car park is always full.', neighbour: null });
    expect(definition).toBe('75% of its answers say “car park”, as in “The car park is always full”.');
    expect(definition).not.toMatch(/often mentioning/);
  });

  test('when a theme has a neighbour, then the definition says how it differs from it', () => {
    const neighbour = {
      label: 'Waiting time',
      members: ['Waited two hours.', 'Long waiting time in the car.'].map(answerWords),
    };
    expect(defineTheme({ labelling, typical: null, neighbour })).toMatch(
      /Unlike the nearest theme, “Waiting time”, \d+% of these mention “(car )?park”, against 0% there\.$/,
    );
  });
});

describe('themes as a researcher gets them', () => {
  const topics: Record<string, string[]> = {
    parking: [
      'The car park was full.',
      'No space in the car park.',
      'Car park charges are high.',
      'Car park too small.',
      'Could not park in the car park.',
      'The car park is a mess.',
    ],
    praise: [
      'They never let me down.',
      'Staff never let me down.',
      'The team never let me down.',
      'You never let me down.',
      'Never let me down in years.',
      'Nurses never let me down.',
    ],
  };
  const answers = Object.entries(topics).flatMap(([topic, texts]) =>
    texts.map((text, i) => ({ id: `${topic}-${i}`, text })),
  );

  test('when answers praise by negation, then the theme label keeps the negation and every theme says its coverage, mixed flag and merges', () => {
    const result = discoverThemes(answers, { themes: 2 });
    const labels = result.themes.map((theme) => theme.label);
    expect(labels).toContain('Never let me down');
    expect(labels).not.toContain('Let me down');
    for (const theme of result.themes) {
      expect(theme).toMatchObject({ mixed: false, mergedFrom: [] });
      expect(theme.labelCoverage).toBeGreaterThanOrEqual(GROUNDED_SHARE);
      expect(theme.definition).not.toMatch(/often mentioning/);
    }
    expect(result.unassigned).toEqual([]);
    expect(result.method.wordMeaning).toMatch(/^none/);
  });
});

describe('look-alike themes merged, small ideas kept', () => {
  const parking = [
    'The car park was full.',
    'No space in the car park.',
    'Car park charges are high.',
    'Car park too small.',
    'Could not park in the car park.',
    'The car park is a mess.',
    'Parking near the car park entrance is hard.',
    'The car park barrier was broken.',
    'Car park queues every morning.',
    'Car park spaces are too narrow.',
  ];
  const nurses = [
    'The nurses were kind.',
    'Kind nurses on the ward.',
    'The nurses were kind and patient.',
    'Nurses were kind to my mother.',
    'Such kind nurses.',
    'The kind nurses helped me.',
    'Very kind nurses at night.',
    'The nurses on the ward were kind.',
    'Kind nurses and doctors.',
    'All the nurses were kind.',
  ];
  const lift = Array.from({ length: 4 }, () => 'The lift to the clinic was out of order.');
  const texts = [
    ...parking,
    ...nurses,
    ...parking.map((text) => text.replace('.', ' again.')),
    ...nurses.map((text) => text.replace('.', ' again.')),
    ...lift,
  ];
  const result = discoverThemes(texts.map((text, i) => ({ id: `a${i}`, text })));

  test('when several groups say the same thing, then they become one theme that names the groups it was merged from', () => {
    const merged = result.themes.filter((theme) => theme.mergedFrom.length > 1);
    expect(merged.length).toBeGreaterThan(0);
    for (const theme of merged) expect(theme.labelCoverage).toBeGreaterThanOrEqual(GROUNDED_SHARE);
    // Each part's label once: "Staff", "Staff" says no more than "Staff".
    for (const theme of result.themes) expect(new Set(theme.mergedFrom).size).toBe(theme.mergedFrom.length);
    const labels = result.themes.filter((theme) => !theme.mixed).map((theme) => theme.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
  });

  test('when four people raise something nobody else does, then it keeps a theme of its own', () => {
    const liftTheme = result.themes.find((theme) =>
      theme.members.some((id) => texts[Number(id.slice(1))]!.includes('lift')),
    )!;
    expect(liftTheme.members.every((id) => texts[Number(id.slice(1))]!.includes('lift'))).toBe(true);
  });
});

describe('one label, one theme', () => {
  const helpful = ['Helpful staff.', 'They were helpful.', 'Very helpful team.', 'So helpful.'];
  test.each([
    [
      "when a later theme comes out with an earlier one's label and has another grounded phrase, then it takes that phrase",
      [
        helpful,
        ['Very helpful, brilliant nurses.', 'Brilliant nurses, helpful.', 'The nurses were brilliant and helpful.'],
      ],
      ['Helpful', 'Brilliant and helpful'],
    ],
    [
      'when the later theme has no other grounded phrase, then it keeps the label for a researcher to merge',
      [helpful, ['Helpful.', 'Helpful people.', 'Really helpful.', 'Helpful!']],
      ['Helpful', 'Helpful'],
    ],
    [
      'when the labels differ, then nothing changes',
      [helpful, ['Long waiting times.', 'Waiting times too long.', 'The waiting times.']],
      ['Helpful', 'Waiting times'],
    ],
  ])('%s', (_case, groups, expected) => {
    const labellings = distinctLabels(label(groups));
    expect(labellings.map((labelling) => labelling.label)).toEqual(expected);
    for (const [g, labelling] of labellings.entries()) expect(grounded(labelling.label, groups[g]!)).toBe(true);
  });
});

test('when a later theme shares a label and its only other grounded phrase says something else, then it keeps the label rather than a less faithful one', () => {
  const scored = (text: string, coverage: number) => ({
    ...phrasesOf(text).find((phrase) => phrase.text === text)!,
    coverage,
    looseCoverage: coverage,
    specificity: 1,
    closeness: 1,
    score: coverage,
  });
  const helpful = { label: 'Helpful', mixed: false, coverage: 0.6, phrases: [scored('helpful', 0.6)] };
  const alsoHelpful = { ...helpful, phrases: [scored('helpful', 0.6), scored('thank you', 0.4)] };
  const fuller = {
    ...helpful,
    phrases: [scored('helpful', 0.6), scored('thank you', 0.5), scored('helpful staff', 0.4)],
  };
  expect(distinctLabels([helpful, alsoHelpful]).map((labelling) => labelling.label)).toEqual(['Helpful', 'Helpful']);
  expect(distinctLabels([helpful, fuller]).map((labelling) => labelling.label)).toEqual(['Helpful', 'Helpful staff']);
});

test.each([
  ['Nothing could be better, thank you.', 'better', true],
  ['It could not have been better.', 'better', true],
  ['Better parking would help.', 'better', false],
  ['Staff were great, no complaints.', 'staff', false],
  ['Not enough staff on the ward.', 'staff', true],
  ['The car park was full.', 'better', null],
])('when the answer is "%s", then its use of "%s" in the negative is %s', (text, word, expected) => {
  expect(negativeUse(text, [stem(word)])).toBe(expected);
});

test.each([
  ['No.', 'Nothing'],
  ['N/A', 'Nothing'],
  ['No complaints at all', 'Nothing'],
  ["Can't think of anything, thank you.", 'Nothing'],
  ["I don't know.", 'Nothing'],
  ['No complaints about the staff but the food was cold.', 'No complaints about the staff but the food was cold.'],
  ["Don't laugh at me.", "Don't laugh at me."],
  ['Not sure why I was discharged.', 'Not sure why I was discharged.'],
])('when the whole answer is "%s", then it is read as "%s"', (text, read) => {
  expect(inPlainSense(text)).toBe(read);
});

test.each([
  ['Locum costs for backfill', 'locum costs for backfill'],
  ['QI work', 'QI work'],
  ['HSCP', 'HSCP'],
  ["GP's receptionist", "GP's receptionist"],
  ['Listened to me', 'listened to me'],
])('when the label "%s" is quoted within a sentence, then it reads "%s"', (label, quoted) => {
  expect(inSentence(label)).toBe(quoted);
});

test('when codes are named with an acronym, then their definitions quote it in capitals, not as "hscp" or "qi"', () => {
  const answers = [
    'More QI training for PQLs.',
    'QI training would help.',
    'Training in QI methods.',
    'The HSCP does not value our work.',
    'Our HSCP never listens.',
    'HSCP support is lacking.',
    'Admin support for meetings.',
    'Admin support to take minutes.',
    'An admin support worker.',
  ].map((text, i) => ({ id: `a${i}`, text }));
  const { codes } = discoverThemes(answers);
  const named = codes.filter((code) => /\b(QI|HSCP)\b/.test(code.label));
  expect(named.length).toBeGreaterThan(0);
  for (const code of named) expect(code.definition).not.toMatch(/\b(qi|hscp)\b/);
});

describe('a theme of one sentence given word for word', () => {
  // The demo's answers: a handful of sentences, each copied by many respondents, where every phrase covers every
  // answer of its theme and rarity alone chose a phrase from the middle of the sentence.
  const copies = (sentence: string, n = 6) => Array.from({ length: n }, () => sentence);
  const groups = [
    copies(
      'Two sessions a month is not enough to prepare, attend cluster meetings and take learning back to the practice.',
    ),
    copies('More protected time for quality improvement work.'),
    copies('Backfill locum costs have risen a lot but there has been no rise in payment for this work.'),
    copies('CQL networking with other clusters would help us share good practice and give peer support.'),
    // Worded apart, coverage decides as before.
    [
      'Parking is a nightmare.',
      'The car park is always full.',
      'No parking spaces near the entrance.',
      'Parking again.',
    ],
  ];
  const labels = label(groups);
  test.each([
    [0, 'Not enough to prepare'],
    [1, 'Protected time'],
    [2, 'No rise in payment'],
    [3, 'CQL networking with other clusters'],
    [4, 'Parking'],
  ])(
    'when group %i is labelled, then its label is "%s": the negation, else what the sentence speaks of first',
    (g, expected) => {
      expect(labels[g]!.label).toBe(expected);
    },
  );
});
