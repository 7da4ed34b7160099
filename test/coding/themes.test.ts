import fs from 'node:fs';
import path from 'node:path';
import { discoverThemes } from '../../analysis/coding/themes';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-files';
import { developmentAnswers } from '../support/coding-factories';

/** Answers on three clearly different topics, in several phrasings, written for this test. */
const TOPICS: Record<string, string[]> = {
  parking: [
    'The car park was full and I could not find a space.',
    'Parking at the hospital is impossible, the car park is always full.',
    'Finding a parking space took longer than the appointment.',
    'The car park charges are too high and spaces are few.',
    'No parking spaces near the entrance of the car park.',
    'I drove round the car park for twenty minutes looking for a space.',
  ],
  staff: [
    'The nurses were kind, caring and very friendly.',
    'Lovely friendly staff who were kind to my father.',
    'The staff were caring and the nurses explained everything kindly.',
    'Kind and friendly nurses made a difference.',
    'Caring staff, friendly nurses, thank you.',
    'Every nurse was kind and the staff so caring.',
  ],
  waiting: [
    'I waited three hours in the waiting room.',
    'The waiting time in clinic was far too long.',
    'Long wait to be seen, waited hours past my appointment time.',
    'We waited and waited, the waiting room was packed.',
    'The wait for the appointment was hours too long.',
    'Waiting times are too long, I waited two hours.',
  ],
};
const answers = Object.entries(TOPICS).flatMap(([topic, texts]) =>
  texts.map((text, i) => ({ id: `${topic}-${i}`, text })),
);

describe('discoverThemes', () => {
  test('when answers are about three different things, then each topic lands in a theme of its own', () => {
    const result = discoverThemes(answers, { themes: 3 });
    expect(result.themes).toHaveLength(3);
    for (const topic of Object.keys(TOPICS)) {
      // An answer the machine left unassigned (theme null) belongs to no theme; the rest share one.
      const themesOfTopic = new Set(
        answers
          .filter((a) => a.id.startsWith(topic) && !result.unassigned.includes(a.id))
          .map((a) => result.assignments[a.id]!.theme),
      );
      expect([topic, themesOfTopic.size]).toEqual([topic, 1]);
    }
    const labels = result.themes.map((theme) => theme.label.toLowerCase()).join(' | ');
    expect(labels).toMatch(/park/);
    expect(labels).toMatch(/kind|caring|friendly|nurse|staff/);
    expect(labels).toMatch(/wait/);
  });

  test('when themes are formed, then each has a definition, codes, members, and up to three different quotes from its answers', () => {
    const result = discoverThemes(answers, { themes: 3 });
    for (const theme of result.themes) {
      // No counts of answers in the words: they would go stale as researchers code (the workbench shows them live).
      expect(theme.definition).toMatch(/^(\d+% of its answers say “.+”|A mixed group to review: )[^]*\.$/);
      expect(theme.definition).not.toMatch(/\d+ answers/);
      expect(theme.codes.length).toBeGreaterThan(0);
      expect(theme.members.length).toBeGreaterThan(0);
      expect(theme.quotes.length).toBeGreaterThan(0);
      expect(new Set(theme.quotes).size).toBe(theme.quotes.length);
      for (const quote of theme.quotes) expect(answers.map((a) => a.text)).toContain(quote);
    }
    for (const code of result.codes) {
      expect(code.keywords.length).toBeGreaterThan(0);
      expect(code.definition).toMatch(
        /^Segments (that say “.+” \(\d+% of them\)|with no phrase shared by a third of them)/,
      );
      expect(result.codes.filter((other) => other.id === code.id)).toHaveLength(1);
    }
  });

  test('when many respondents gave the same answer, then a theme offers it as a quote once', () => {
    // 97 answers, 8 different texts, as when respondents paste the same wording.
    const same = Array.from({ length: 97 }, (_, i) => ({
      id: `same-${i}`,
      text: developmentAnswers[i % 8]!.text,
    }));
    const result = discoverThemes(same);
    expect(result.themes.length).toBeGreaterThan(0);
    for (const theme of result.themes) {
      const texts = theme.quotes.map((quote) => quote.toLowerCase().replace(/\s+/g, ' ').trim());
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  test('when quotes carry personal data, then it is scrubbed from them', () => {
    // Only three answers about parking, so all three are the parking theme's quotes.
    const parking = answers.filter((a) => a.id.startsWith('parking')).slice(0, 2);
    const others = answers.filter((a) => !a.id.startsWith('parking'));
    const withEmail = [
      ...others,
      ...parking,
      { id: 'x', text: 'The car park was full, email me at someone@example.org about a parking space.' },
    ];
    const quotes = discoverThemes(withEmail, { themes: 3 }).themes.flatMap((theme) => theme.quotes);
    expect(quotes.join(' ')).toContain('[email]');
    expect(quotes.join(' ')).not.toContain('someone@example.org');
  });

  test.each([
    ['no answers', []],
    [
      'empty answers',
      [
        { id: 'a', text: '' },
        { id: 'b', text: '   ' },
      ],
    ],
    ['one answer', [{ id: 'a', text: 'The parking was bad.' }]],
  ])('when there are %s, then the result is empty but every row has an assignment', (_case, input) => {
    const result = discoverThemes(input);
    expect(result.codes).toEqual([]);
    expect(result.themes).toEqual([]);
    expect(Object.keys(result.assignments)).toEqual(input.map((a) => a.id));
  });
});

describe('canvass themes', () => {
  test('when run on a CSV, then it writes codes, themes and assignments in the documented shape', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'answers.csv');
    fs.writeFileSync(input, ['ref,answer', ...answers.map((a) => `${a.id},"${a.text}"`)].join('\n'));
    const out = path.join(dir, 'themes.json');
    const result = await runCli(['themes', input, '--text', 'answer', '--id', 'ref', '--themes', '3', '--out', out], {
      store: 'sqlite::memory:',
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(Object.keys(json)).toEqual(['codes', 'themes', 'assignments', 'unassigned', 'method']);
    expect(Object.keys(json.codes[0]).sort()).toEqual(['definition', 'id', 'keywords', 'label', 'members']);
    expect(Object.keys(json.themes[0]).sort()).toEqual([
      'codes',
      'definition',
      'id',
      'label',
      'labelCoverage',
      'members',
      'mergedFrom',
      'mixed',
      'phrases',
      'quotes',
    ]);
    expect(Object.keys(json.assignments)).toHaveLength(answers.length);
    expect(json.assignments['parking-0']).toEqual({
      codes: expect.any(Array),
      theme: expect.stringMatching(/^theme-/),
      themes: [expect.stringMatching(/^theme-/)],
    });
    expect(json.method).toMatchObject({ representation: 'words', themeCount: 'given' });
    expect(result.stdout).toContain(
      'answers grouped by the words they use (18 answers are too few to learn word meaning from); into the number of themes asked for',
    );
    expect(result.stdout).toMatch(/label's words in \d+% of them/);
    const bad = await runCli(['themes', input, '--text', 'answer', '--themes', 'many', '--out', out], {
      store: 'sqlite::memory:',
    });
    expect(bad.code).toBe(1);
  });
});
