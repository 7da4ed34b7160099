import { findIdeas, ideaStems } from '../../analysis/coding/idea-codes';
import { sentences, stem } from '../../analysis/text';
import {
  answerCovers,
  GROUNDED_SHARE,
  phrasesOf,
  answerWords,
  type Labelling,
} from '../../analysis/coding/phrase-labels';
import {
  discoverThemes,
  otherAnswers,
  truerIdeaLabel,
  whatAnswersSay,
  withoutPlacement,
  type InductiveCode,
} from '../../analysis/coding/themes';
import { scoredPhrase } from '../support/coding-state-factories';

/*
 * Codes for ideas many people raise, wherever their answers went (issue 25: an idea raised by 50 or more people
 * gets a code of its own even beside a dominant theme).
 */
const ideasOf = (texts: string[], minimum = 3, maxShare = 0.6) =>
  findIdeas(
    texts.map(ideaStems),
    texts.map((_, row) => row),
    { minimum, maxShare, most: 50 },
  );

const ideaStemsOf = (text: string) => [...ideaStems(text)];

describe('ideas across the answers', () => {
  test.each([
    [
      'a word at least the minimum of answers use',
      ['The food was cold.', 'Food was late.', 'Lovely food.', 'Kind nurses.', 'Nurses were busy.', 'Nice view.'],
      ['food'],
    ],
    [
      'a word most of whose answers already carry a bigger idea (part of it, not an idea of its own)',
      [
        'Mental health team was great.',
        'The mental health nurse listened.',
        'Mental health services are slow.',
        'My health got better.',
        'Health visitor came.',
        'Nice view.',
        'Nice garden.',
        'Nice staff.',
        'Kind staff.',
      ],
      ['health'],
    ],
    [
      'negations and auxiliaries, which say how rather than what',
      ["Don't change.", "Don't know.", "Don't think so.", 'Not sure.', 'Not really.', 'Not now.'],
      [],
    ],
  ])('when the answers have %s, then the ideas are those words', (_case, texts, expected) => {
    expect(ideasOf(texts).map((idea) => idea.stems.join(' '))).toEqual(
      expected.map((word) => ideaStems(word).values().next().value),
    );
  });

  test('when a word is used by more than the largest share, then it is no idea of its own', () => {
    const texts = ['Staff good.', 'Staff kind.', 'Staff busy.', 'Food cold.', 'Food late.', 'Food nice.'];
    expect(ideasOf(texts, 3, 0.4)).toEqual([]);
  });

  test('when "nothing" answers are many, then "nothing" is an idea though it is no label alone', () => {
    const texts = ['Nothing.', 'Nothing to improve.', 'Nothing at all.', 'Kind staff.', 'Staff kind.', 'Nice.'];
    expect(ideasOf(texts).map((idea) => idea.stems[0])).toContain(ideaStems('nothing').values().next().value);
  });
});

describe('idea codes in a theme run', () => {
  // Four topics, each in a theme of its own; one idea (the wheelchair ramp) is raised by 60 answers across all four.
  const topics: Record<string, string[]> = {
    parking: ['car park', 'parking space', 'parking charges', 'pay machine', 'parking ticket', 'parking fees'],
    nurses: ['kind nurses', 'caring staff', 'friendly nurses', 'lovely staff', 'gentle midwife', 'warm receptionist'],
    waiting: ['long wait', 'waiting room', 'waited hours', 'waiting times', 'delayed clinic', 'slow triage'],
    food: ['cold food', 'hospital food', 'the meals', 'tasty soup', 'menu choice', 'fresh fruit'],
  };
  const fillers = ['I thought', 'Honestly', 'On the day', 'Overall', 'This time'];
  const answers = Object.entries(topics).flatMap(([topic, phrases]) =>
    Array.from({ length: 90 }, (_, i) => ({
      id: `${topic}-${i}`,
      text: `${fillers[i % 5]} the ${phrases[i % 6]} and the ${phrases[(i * 5 + 1) % 6]} made the visit what it was.${
        i % 6 === 0 ? ' The wheelchair ramp was broken.' : ''
      }`,
    })),
  );
  // And 36 answers that share nothing with the rest or each other much: they must not pad a theme.
  const scattered = [
    'The lift',
    'Radio too loud',
    'Stairs steep',
    'Lost my glasses',
    'Signs unclear',
    'Wifi dropped',
    'Cold tea',
    'Bins smelt',
    'Chairs hard',
    'Blinds broken',
    'No mirror',
    'Clock wrong',
  ].flatMap((text, i) =>
    [0, 1, 2].map((n) => ({ id: `odd-${i}-${n}`, text: `${text}${n ? ` ${['again', 'today'][n - 1]}` : ''}.` })),
  );
  const ramp = new Set(answers.filter((answer) => answer.text.includes('wheelchair')).map((answer) => answer.id));

  const result = discoverThemes([...answers, ...scattered]);

  test('when a run ends, then every theme not marked mixed says its label in a third of its answers, few are mixed and at most one in ten answers is unassigned', () => {
    const textOf = new Map([...answers, ...scattered].map((answer) => [answer.id, answer.text]));
    for (const theme of result.themes.filter((candidate) => !candidate.mixed)) {
      const phrase = theme.label.toLowerCase();
      const label = phrasesOf(phrase).find((candidate) => candidate.key === phrase) ?? {
        content: ideaStemsOf(phrase),
        negated: false,
      };
      const covered = theme.members.filter((id) => answerCovers(label, answerWords(textOf.get(id)!))).length;
      expect([theme.label, covered >= GROUNDED_SHARE * theme.members.length]).toEqual([theme.label, true]);
    }
    expect(result.themes.filter((theme) => theme.mixed).length).toBeLessThanOrEqual(0.2 * result.themes.length);
    expect(result.unassigned.length).toBeLessThanOrEqual(0.1 * (answers.length + scattered.length));
    // No remnant of one to three answers labelled by its own words: a theme holds 3, or 1% of the answers.
    const fewest = Math.max(3, Math.round(0.01 * (answers.length + scattered.length)));
    expect(Math.min(...result.themes.map((theme) => theme.members.length))).toBeGreaterThanOrEqual(fewest);
  });

  test('when an idea is raised by 60 answers across every theme, then it has a code of its own holding those answers', () => {
    const dice = (members: string[]) =>
      (2 * members.filter((id) => ramp.has(id)).length) / (members.length + ramp.size);
    const best = result.codes.reduce((a, b) => (dice(b.members) > dice(a.members) ? b : a));
    expect(ramp.size).toBe(60);
    expect(dice(best.members)).toBeGreaterThanOrEqual(0.9);
    // Named by a word the idea's answers all say: "The wheelchair ramp was broken".
    expect(best.label.toLowerCase()).toMatch(/wheelchair|ramp|broken/);
    expect(best.segments.every((segment) => /wheelchair|ramp|broken/i.test(segment.text))).toBe(true);
    expect(result.themes.some((theme) => theme.codes.includes(best.id))).toBe(true);
  });

  test('when an idea is raised across the themes and none holds half its answers, then its code is in no theme, and every code under a theme, even one named as it is, has half its answers there', () => {
    const membersOf = new Map(result.themes.map((theme) => [theme.id, new Set(theme.members)]));
    const inTheme = new Set(result.themes.flatMap((theme) => theme.codes));
    const across = result.codes.filter((code) => !inTheme.has(code.id));
    // "Overall" starts answers of every topic.
    expect(across.map((code) => code.label)).toContain('Overall');
    for (const code of across) {
      expect(code.definition).toMatch(/whichever theme their answer is in\.$/);
      for (const members of membersOf.values())
        expect(code.members.filter((id) => members.has(id)).length).toBeLessThan(code.members.length / 2);
    }
    for (const theme of result.themes) {
      const members = membersOf.get(theme.id)!;
      for (const code of result.codes.filter((candidate) => theme.codes.includes(candidate.id))) {
        const inside = code.members.filter((id) => members.has(id)).length;
        expect([code.label, inside >= code.members.length / 2]).toEqual([code.label, true]);
      }
    }
  });

  test('when a code holds an answer, then its segments are sentences of that answer, as the answers are cut to be coded', () => {
    const textOf = new Map([...answers, ...scattered].map((answer) => [answer.id, answer.text]));
    for (const code of result.codes) {
      const cut = code.segments.filter((segment) => !sentences(textOf.get(segment.row)!).includes(segment.text));
      expect([code.label, cut]).toEqual([code.label, []]);
      expect([code.label, new Set(code.segments.map((segment) => segment.row)).size]).toEqual([
        code.label,
        code.members.length,
      ]);
    }
  });

  test('when a code is named as a theme is, then it sits under that theme, and no two codes share a name', () => {
    const themeOfCode = new Map(result.themes.flatMap((theme) => theme.codes.map((id) => [id, theme] as const)));
    const namedAsTheme = result.codes.filter((code) =>
      result.themes.some((theme) => !theme.mixed && theme.label.toLowerCase() === code.label.toLowerCase()),
    );
    expect(namedAsTheme.length).toBeGreaterThan(0);
    for (const code of namedAsTheme)
      expect(themeOfCode.get(code.id)!.label.toLowerCase()).toBe(code.label.toLowerCase());
    for (const theme of result.themes) {
      const names = theme.codes.map((id) => result.codes.find((code) => code.id === id)!.label.toLowerCase());
      expect([theme.label, new Set(names).size]).toEqual([theme.label, names.length]);
    }
    // Nor two codes anywhere: a "Staff" code under two themes reads as one idea counted twice.
    const everyName = result.codes.map((code) => code.label.toLowerCase());
    expect(everyName.filter((name, i) => everyName.indexOf(name) !== i)).toEqual([]);
  });
});

describe("an idea code's name", () => {
  const phrase = (text: string, content: string[], coverage: number, negated = false) =>
    scoredPhrase(text, content, coverage, { negated });
  const food = phrase('food', ['food'], 1);
  const labelling = (label: string, coverage: number): Labelling => ({
    label,
    mixed: false,
    coverage,
    phrases: [phrase(label.toLowerCase(), ['good', 'food'], coverage), food],
  });
  const idea = { stems: ['food'], rows: [0, 1, 2, 3] };
  const texts = ['Good food.', 'Good food, thanks.', "Didn't like the food.", 'The food was cold.'];
  // Both words of "good food" in each answer, but as written in one of four.
  const scattered = ['Good food.', 'Good staff, and the food.', 'The food was good.', 'Food: good.'];

  test.each<[string, string, Labelling, string[], Set<string>]>([
    ['its fuller phrase is said by 40% of its answers', 'Good food', labelling('Good food', 0.4), texts, new Set()],
    ['its fuller phrase is said as written by fewer than 40%', 'Food', labelling('Good food', 1), scattered, new Set()],
    ['another idea is named by its word', 'Good food', labelling('Good food', 1), scattered, new Set(['food'])],
    [
      'most of its answers say its word negated',
      'Good food',
      labelling('Good food', 0.25),
      ['No food.', 'Not the food.', 'Nothing but food, never food.', 'Food.'],
      new Set(),
    ],
  ])('when %s, then it is named "%s"', (_case, expected, named, answerTexts, taken) => {
    expect(truerIdeaLabel(named, idea, answerTexts, taken).label).toBe(expected);
  });

  const askIdea = { stems: ['ask'], rows: [0, 1, 2, 3] };
  const asked = [
    'Very helpful when I asked questions.',
    'Not rude, answered all I asked.',
    'I asked for help.',
    "Couldn't ask for more.",
  ];
  const askLabelling = (label: string, content: string[], negated: boolean, coverage: number): Labelling => ({
    label,
    mixed: false,
    coverage,
    phrases: [phrase(label.toLowerCase(), content, coverage, negated), phrase('asked', ['ask'], 1)],
  });

  test.each<[string, string, Labelling]>([
    [
      "its phrase in the negative is negated in the same clause in too few answers (any 'not' in an answer counted before)",
      'Asked',
      askLabelling("Couldn't ask", ['ask'], true, 0.5),
    ],
    ["its label does not say the idea's word", 'Asked', askLabelling('Helped', ['help'], false, 0.6)],
    [
      "its label says the idea's word and half its answers say it",
      'Answered all I asked',
      askLabelling('Answered all I asked', ['answer', 'ask'], false, 0.5),
    ],
  ])('when %s, then it is named "%s"', (_case, expected, named) => {
    expect(truerIdeaLabel(named, askIdea, asked, new Set()).label).toBe(expected);
  });
});

describe('an idea code named by a word that only describes', () => {
  test('when its fuller phrase is said as written by too few, then it keeps the phrase rather than a bare adjective', () => {
    const long = (text: string, coverage: number, content: string[]) => scoredPhrase(text, content, coverage);
    const named: Labelling = {
      label: 'Long time',
      mixed: false,
      coverage: 0.45,
      phrases: [long('long time', 0.45, ['long', 'time']), long('long', 1, ['long'])],
    };
    const texts = ['A long wait.', 'Long time waiting.', 'Too long on the phone.', 'As long as it takes, a time.'];
    expect(truerIdeaLabel(named, { stems: ['long'], rows: [0, 1, 2, 3] }, texts, new Set()).label).toBe('Long time');
  });
});

describe('an idea code whose name does not say its word', () => {
  test('when no phrase of its word can name it, then the word as the answers write it does, "not" kept when most deny it, and a word that only describes is dropped', () => {
    const thank = scoredPhrase("can't thank", ['thank'], 0.36, { negated: true, score: 1 });
    const named: Labelling = { label: "Can't thank", mixed: false, coverage: 0.36, phrases: [thank] };
    const texts = ['Visits are not enough.', "Can't thank you enough.", 'Not enough staff.', 'Never enough time.'];
    const idea = { stems: ['enough'], rows: [0, 1, 2, 3] };
    expect(truerIdeaLabel(named, idea, texts, new Set()).label).toBe('Not enough');
    expect(
      // Not denied, "enough" only describes: no idea to code, dropped as one no phrase names.
      truerIdeaLabel(named, idea, ['Enough said.', 'Good enough.', 'Enough staff.', 'Enough.'], new Set()).mixed,
    ).toBe(true);
  });
});

describe("a theme's other answers", () => {
  // A theme of 40 answers; its one idea code holds those that say "wait".
  const texts = Array.from({ length: 40 }, (_, i) =>
    i < 30 ? `The wait was long (${i}).` : ` Queued for hours ${i}. Then sent home. `,
  );
  const answers = texts.map((text, i) => ({ id: `a${i}`, text }));
  const rows = texts.map((_, i) => i);
  const code = (members: number[]): InductiveCode => ({
    id: 'c',
    label: 'Waiting',
    keywords: [],
    definition: '',
    members: members.map((row) => `a${row}`),
    segments: [],
  });

  test.each([
    ['every answer carries one of its codes', 'no code of other answers', rows, null],
    ['four answers carry none (under five)', 'no code of other answers', rows.slice(0, 36), null],
    ['ten answers carry none', 'a code holds those ten, sentence by sentence', rows.slice(0, 30), rows.slice(30)],
  ])('when %s, then %s', (_case, _then, coded, expected) => {
    const rest = otherAnswers(rows, [code(coded)], answers, texts);
    if (expected === null) return expect(rest).toBeNull();
    expect(rest!.members).toEqual(expected.map((row) => `a${row}`));
    // Sentence by sentence, as the answers are cut to be coded: a whole answer of two would match no segment.
    expect(rest!.segments).toHaveLength(2 * expected.length);
    expect(rest!.segments.slice(0, 2)).toEqual([
      { row: 'a30', text: 'Queued for hours 30.' },
      { row: 'a30', text: 'Then sent home.' },
    ]);
    expect(rest!.definition).toMatch(/^Answers the machine grouped under this theme that use none of the words/);
  });
});

describe("an idea code's definition, for a theme made of it", () => {
  test.each([
    ['Answers that say “phone”, in this theme or any other.'],
    ['Answers that say “phone”, whichever theme their answer is in.'],
    ['Answers that say “phone”, in this theme.'],
    ['Answers that say “phone”, in themes other than “Phone”.'],
  ])('when it reads "%s", then the theme reads "Answers that say “phone”."', (definition) => {
    expect(withoutPlacement(definition)).toBe('Answers that say “phone”.');
  });

  test('when a researcher wrote it, then it stays as they wrote it', () => {
    expect(withoutPlacement('Calls to the practice, in any theme we like.')).toBe(
      'Calls to the practice, in any theme we like.',
    );
  });
});

describe("what an idea code's answers say, in its definition", () => {
  const said = ['Once every 4 weeks is not enough.', 'Not enough staff.', 'Enough said, it was fine.'];
  test.each([
    [
      'its name is said by all its answers',
      'visit',
      1,
      ['A home visit.', 'The visit.'],
      'visit',
      'Answers that say “visit”',
    ],
    [
      'its name is a phrase only some say',
      'not enough',
      0.81,
      said,
      stem('enough'),
      'Answers that say “enough”, 81% of them as “not enough”',
    ],
    [
      'its name is its word, said by most',
      'care',
      0.9,
      ['Good care.', 'Caring staff.'],
      stem('care'),
      'Answers that say “care” (90% of them)',
    ],
  ])('when %s, then the definition opens "%s"', (_case, phrase, coverage, texts, ideaStem, expected) => {
    expect(whatAnswersSay(phrase, coverage, texts, ideaStem)).toBe(expected);
  });
});

describe('an idea said plainly and in the negative', () => {
  const topics: Record<string, string[]> = {
    parking: ['car park', 'parking space', 'parking charges', 'pay machine', 'parking ticket', 'parking fees'],
    food: ['cold food', 'hospital food', 'the meals', 'tasty soup', 'menu choice', 'fresh fruit'],
    waiting: ['long wait', 'waiting room', 'waited hours', 'waiting times', 'delayed clinic', 'slow triage'],
  };
  const fillers = ['I thought', 'Honestly', 'On the day', 'Overall', 'This time'];
  const answers = [
    ...Object.entries(topics).flatMap(([topic, phrases]) =>
      Array.from({ length: 70 }, (_, i) => ({
        id: `${topic}-${i}`,
        text: `${fillers[i % 5]} the ${phrases[i % 6]} and the ${phrases[(i * 5 + 1) % 6]} were as expected.`,
      })),
    ),
    ...Array.from({ length: 40 }, (_, i) => ({
      id: `listened-${i}`,
      text: `${fillers[i % 5]} the ${['nurse', 'doctor', 'physio', 'team'][i % 4]} listened to me and explained it.`,
    })),
    ...Array.from({ length: 12 }, (_, i) => ({
      id: `unheard-${i}`,
      text: `${fillers[i % 5]} the ${['nurse', 'doctor', 'physio', 'team'][i % 4]} did not listen to me at all.`,
    })),
  ];
  const result = discoverThemes(answers);

  test('when some answers say a word in the negative, then no code holds both those and the answers that say it plainly', () => {
    const plain = (code: InductiveCode) => code.members.filter((id) => id.startsWith('listened-')).length;
    const negated = (code: InductiveCode) => code.members.filter((id) => id.startsWith('unheard-')).length;
    const listened = result.codes.filter((code) => plain(code) > 0);
    expect(listened.length).toBeGreaterThan(0);
    for (const code of listened.filter((candidate) => /listen/i.test(candidate.label)))
      expect([code.label, negated(code)]).toEqual([code.label, 0]);
  });
});
