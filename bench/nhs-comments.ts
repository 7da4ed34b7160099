import fs from 'node:fs';
import path from 'node:path';
import { inPlainSense } from '../analysis/coding/phrase-labels';
import { learnWordVectors, type WordVectors } from '../analysis/coding/word-vectors';

/**
 * The human-coded NHS comments in the shared data, which sits beside the project (../shared) or, from a git
 * worktree under wt/, two levels up; the first place is named when neither has it.
 */
export function nhsCommentsFile(): string {
  const places = [path.resolve(__dirname, '..', '..', 'shared'), path.resolve(__dirname, '..', '..', '..', 'shared')];
  const files = places.map((dir) => path.join(dir, 'data', 'nhs-fft-phase1', 'text_data.csv'));
  return files.find((file) => fs.existsSync(file)) ?? files[0]!;
}

/**
 * Word meaning learned on comments as the shipped vocabulary is (`npm run vocabulary:build`): names left out, the
 * text read as the themes read it. The themes benchmark learns it on the comments outside its sample, as held-out
 * answers would meet a vocabulary learned without them.
 */
export function learnVocabulary(comments: string[]): { vectors: WordVectors; names: Set<string>; texts: string[] } {
  const kept = comments.filter((text) => text.trim() !== '');
  const names = namesIn(kept);
  const texts = kept.map((text) =>
    inPlainSense(text.replace(/[A-Za-z']+/g, (word) => (names.has(word.toLowerCase()) ? '' : word))),
  );
  const vectors = learnWordVectors(texts);
  if (!vectors) throw new Error('too few distinct words in the comments to learn word meaning from');
  return { vectors, names, texts };
}

/**
 * Words written with a capital inside a sentence four times in five or more (seen at least three times there):
 * people's and places' names ("Chris", "Millbrook"), which have no place in a shipped vocabulary. Forms of
 * address stay ("Dr" is how many comments say doctor).
 */
function namesIn(texts: string[]): Set<string> {
  const inside = new Map<string, number>();
  const capitalised = new Map<string, number>();
  for (const text of texts) {
    const tokens = text.split(/\s+/);
    tokens.forEach((token, i) => {
      const word = token.replace(/[^A-Za-z']/g, '');
      if (!word || i === 0 || /[.!?]$/.test(tokens[i - 1]!)) return;
      const key = word.toLowerCase();
      inside.set(key, (inside.get(key) ?? 0) + 1);
      if (/^[A-Z][a-z]/.test(word)) capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
    });
  }
  const address = new Set(['dr', 'mr', 'mrs', 'ms', 'miss']);
  return new Set(
    [...inside]
      .filter(([word, n]) => n >= 3 && (capitalised.get(word) ?? 0) >= 0.8 * n && !address.has(word))
      .map(([word]) => word),
  );
}
