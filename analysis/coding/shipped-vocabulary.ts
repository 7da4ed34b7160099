import packed from './nhs-comments-vocabulary.json';
import { unpackVocabulary, type PackedVocabulary } from './vocabulary';
import type { WordVectors } from './word-vectors';

let unpacked: { vectors: WordVectors; source: string } | null = null;

/**
 * Word meaning learned on the NHS patient comments in the shared data (built by `npm run vocabulary:build`, see
 * docs/themes.md), shipped in the package: nothing is downloaded. Unpacked once, on first use.
 */
export function shippedVocabulary(): { vectors: WordVectors; source: string } {
  unpacked ??= { vectors: unpackVocabulary(packed as PackedVocabulary), source: packed.source };
  return unpacked;
}
