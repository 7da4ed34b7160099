import { readDescription } from './candidate-note';
import fs from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { AnalysisInputError } from '../input-error';
import { sentences, stem, words } from '../text';
import { childNamed, childrenNamed, parseXml, type XmlElement } from './xml-tree';

/** A term is matched on word stems ("admin support" also finds "administrative supports"); "/…/" is a regular expression. */
const patternSchema = z.string().min(1).max(200);

const idSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "-" or "_"');

const codebookSchema = z
  .strictObject({
    /** Themes group codes and are not applied themselves (a REFI-QDA codebook's codes that are not codable). */
    themes: z
      .array(
        z.strictObject({
          id: idSchema,
          label: z.string().min(1).max(200),
          definition: z.string().max(2000).default(''),
        }),
      )
      .default([]),
    codes: z
      .array(
        z.strictObject({
          id: idSchema,
          label: z.string().min(1).max(200),
          definition: z.string().max(2000).default(''),
          include: z.array(patternSchema).min(1),
          exclude: z.array(patternSchema).default([]),
          parent: z.string().optional(),
          /** The id of the theme the code belongs to. */
          theme: z.string().optional(),
        }),
      )
      .min(1)
      .refine((codes) => new Set(codes.map((code) => code.id)).size === codes.length, {
        message: 'code ids must be unique',
      }),
  })
  .superRefine((codebook, context) => {
    const themes = new Set(codebook.themes.map((theme) => theme.id));
    codebook.codes.forEach((code, i) => {
      if (code.theme !== undefined && !themes.has(code.theme))
        context.addIssue({ code: 'custom', path: ['codes', i, 'theme'], message: `there is no theme "${code.theme}"` });
    });
  });

export type Codebook = z.infer<typeof codebookSchema>;

export interface CodebookMatch {
  code: string;
  segment: string;
  /** The terms or patterns that matched: why the code was applied. */
  evidence: string[];
}

/**
 * A REFI-QDA codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA, QualCoder or Canvass as our codebook: a code that is
 * not codable is a theme (REFI-QDA's way of grouping codes), a codable code keeps its GUID as id, its name as
 * label and as the term to look for, its description as definition, its parent code and its theme (the nearest
 * non-codable code above it). Read with a strict XML parser, so names come with their entities decoded.
 */
function fromQdc(text: string): unknown {
  const root = parseXml(text);
  if (root.name !== 'CodeBook') throw new Error(`a REFI-QDA codebook starts with <CodeBook>, not <${root.name}>`);
  const themes: unknown[] = [];
  const codes: unknown[] = [];
  const visit = (code: XmlElement, parent?: string, theme?: string) => {
    const id = (code.attributes.guid ?? '').replace(/[{}]/g, '');
    const label = code.attributes.name ?? id;
    const { definition } = readDescription(childNamed(code, 'Description')?.text ?? '');
    if (code.attributes.isCodable === 'false' || code.attributes.isCodable === '0') {
      themes.push({ id, label, definition });
      for (const child of childrenNamed(code, 'Code')) visit(child, undefined, id);
      return;
    }
    codes.push({ id, label, definition, include: [label], ...(parent ? { parent } : {}), ...(theme ? { theme } : {}) });
    for (const child of childrenNamed(code, 'Code')) visit(child, id, theme);
  };
  for (const code of childrenNamed(childNamed(root, 'Codes') ?? root, 'Code')) visit(code);
  return { themes, codes };
}

/** Reads a codebook from JSON, YAML or a REFI-QDA .qdc file, saying what is wrong with it when it cannot be used. */
export function readCodebook(file: string): Codebook {
  let raw: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    raw = /\.ya?ml$/i.test(file) ? YAML.parse(text) : /\.qdc$/i.test(file) ? fromQdc(text) : JSON.parse(text);
  } catch (error) {
    throw new AnalysisInputError('codebook', `${file}: ${(error as Error).message}`);
  }
  const parsed = codebookSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AnalysisInputError(
      'codebook',
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  for (const code of parsed.data.codes) for (const pattern of [...code.include, ...code.exclude]) compile(pattern);
  return parsed.data;
}

type Matcher = (stems: string[], text: string) => boolean;

function compile(pattern: string): Matcher {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    let expression: RegExp;
    try {
      expression = new RegExp(regex[1]!, regex[2]!.includes('i') ? regex[2] : `${regex[2]}i`);
    } catch (error) {
      throw new AnalysisInputError(
        'codebook',
        `pattern ${pattern} is not a valid regular expression: ${(error as Error).message}`,
      );
    }
    return (_stems, text) => expression.test(text);
  }
  const wanted = words(pattern).map(stem);
  if (wanted.length === 0) throw new AnalysisInputError('codebook', `term "${pattern}" has no words`);
  return (stems) => stems.some((_, i) => wanted.every((word, j) => stems[i + j] === word));
}

/** Applies a codebook to each sentence of an answer, with the evidence for every code applied. */
export class CodebookMatcher {
  private readonly compiled: Array<{ id: string; include: Array<[string, Matcher]>; exclude: Matcher[] }>;

  constructor(codebook: Codebook) {
    this.compiled = codebook.codes.map((code) => ({
      id: code.id,
      include: code.include.map((pattern): [string, Matcher] => [pattern, compile(pattern)]),
      exclude: code.exclude.map(compile),
    }));
  }

  match(answer: string): CodebookMatch[] {
    const matches: CodebookMatch[] = [];
    for (const segment of sentences(answer)) {
      const stems = words(segment).map(stem);
      for (const code of this.compiled) {
        const evidence = code.include.filter(([, matcher]) => matcher(stems, segment)).map(([pattern]) => pattern);
        if (evidence.length > 0 && !code.exclude.some((matcher) => matcher(stems, segment)))
          matches.push({ code: code.id, segment, evidence });
      }
    }
    return matches;
  }
}
