import type { ProgressCallback } from '../../analysis/progress';
import { writeFileAtomically } from '../atomic-file';
import { CodebookMatcher, readCodebook } from '../../analysis/coding/codebook';
import { discoverThemes, type InductiveResult } from '../../analysis/coding/themes';
import { ValidationError, validationFrom } from '../errors';
import { readCsvWithColumns } from './coding-csv';

/** Reads answers from a CSV and writes candidate codes and themes as JSON (see docs/coding.md). */
export function themesFromCsv(
  input: string,
  output: string,
  columns: { text: string; id?: string },
  options: { themes?: number; codebook?: string; onProgress?: ProgressCallback } = {},
): InductiveResult {
  options.onProgress?.('reading answers', 0, 0);
  const rows = readCsvWithColumns(input, [columns.text, columns.id]);
  const answers = rows.map((row, i) => ({
    id: columns.id ? row[columns.id]! : String(i + 1),
    text: row[columns.text] ?? '',
  }));
  const ids = new Set<string>();
  answers.forEach((answer, i) => {
    if (ids.has(answer.id))
      throw new ValidationError({
        message: `row ${i + 1}: id "${answer.id}" appears twice`,
        details: [{ field: columns.id ?? 'id', message: `row ${i + 1} repeats "${answer.id}"` }],
      });
    ids.add(answer.id);
  });
  const result = discoverThemes(answers, options);
  const deductive = options.codebook ? applyCodebook(options.codebook, answers, result) : [];
  const json = {
    codes: [...deductive, ...result.codes.map(({ segments: _segments, ...code }) => code)],
    themes: result.themes.map(({ quoteIds: _quoteIds, ...theme }) => theme),
    assignments: result.assignments,
    unassigned: result.unassigned,
    method: result.method,
  };
  writeFileAtomically(output, `${JSON.stringify(json, null, 2)}\n`);
  return result;
}

/** Codebook codes first in the output, each with the answers it applies to and the terms that matched in each. */
function applyCodebook(file: string, answers: Array<{ id: string; text: string }>, result: InductiveResult) {
  let codebook;
  try {
    codebook = readCodebook(file);
  } catch (error) {
    throw validationFrom(error, 'The codebook cannot be used');
  }
  const matcher = new CodebookMatcher(codebook);
  const evidence = new Map(codebook.codes.map((code) => [code.id, new Map<string, Set<string>>()]));
  for (const answer of answers) {
    for (const match of matcher.match(answer.text)) {
      const byAnswer = evidence.get(match.code)!;
      const terms = byAnswer.get(answer.id) ?? new Set<string>();
      match.evidence.forEach((term) => terms.add(term));
      byAnswer.set(answer.id, terms);
      const assigned = result.assignments[answer.id]!;
      if (!assigned.codes.includes(match.code)) assigned.codes.unshift(match.code);
    }
  }
  return codebook.codes.map((code) => ({
    id: code.id,
    label: code.label,
    keywords: code.include,
    definition: code.definition,
    ...(code.parent ? { parent: code.parent } : {}),
    members: [...evidence.get(code.id)!.keys()],
    evidence: Object.fromEntries([...evidence.get(code.id)!].map(([id, terms]) => [id, [...terms]])),
  }));
}
