import type { ScoredPhrase } from '../../analysis/coding/phrase-labels';
import type { CodingCode, CodingTheme } from '../../server/coding/coding-state';

/** A machine's code, proposed, in a theme or none; `extra` overrides any field. */
export const machineCode = (
  id: string,
  label: string,
  themeId: string | null,
  extra: Partial<CodingCode> = {},
): CodingCode => ({
  id,
  label,
  definition: '',
  keywords: [],
  source: 'inductive',
  themeId,
  parentId: null,
  status: 'proposed',
  ...extra,
});

/** A machine's candidate theme, proposed, with no quotes; `extra` overrides any field. */
export const candidateTheme = (id: string, label: string, extra: Partial<CodingTheme> = {}): CodingTheme => ({
  id,
  label,
  definition: '',
  status: 'proposed',
  proposedQuotes: [],
  chosenQuotes: [],
  ...extra,
});

/** A phrase as the label rules score it: covering that share of a group, loosely as strictly, nowhere closer. */
export const scoredPhrase = (
  text: string,
  content: string[],
  coverage: number,
  { negated = false, score = coverage }: { negated?: boolean; score?: number } = {},
): ScoredPhrase => ({
  key: text.toLowerCase(),
  text,
  content,
  negated,
  coverage,
  looseCoverage: coverage,
  specificity: 1,
  closeness: 0,
  score,
});
