import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/project-root';

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const docs = [
  'README.md',
  ...fs
    .readdirSync(path.join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const anchorsOf = (text: string) => new Set([...text.matchAll(/^#+ (.+)$/gm)].map((match) => anchor(match[1]!)));

describe('the README and docs/', () => {
  test('when a newcomer reads the README, then it is short and gives the start, demo, first-account and test commands', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(100);
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
    expect(blocks).toEqual([
      'npm ci && npm start',
      './canvass demo',
      './canvass users add you@example.org --role admin',
      'npm test',
    ]);
    expect(readme).toContain('(docs/README.md)');
  });

  test.each(docs)('when %s links to a file or heading of this repository, then it exists', (file) => {
    const text = read(file);
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [relative, hash] = target!.split('#');
      const linked = relative ? path.join(path.dirname(file), relative) : file;
      expect({ link: target, exists: fs.existsSync(path.join(PROJECT_ROOT, linked)) }).toEqual({
        link: target,
        exists: true,
      });
      if (hash)
        expect({ link: target, anchor: anchorsOf(read(linked)).has(hash) }).toEqual({ link: target, anchor: true });
    }
  });
});
