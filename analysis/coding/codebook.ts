import fs from 'node:fs';
import { convert } from 'xmlbuilder2';
import YAML from 'yaml';
import { z } from 'zod';
import { AnalysisInputError } from '../input-error';
import { sentences, stem, words } from '../text';

/** A term is matched on word stems ("admin support" also finds "administrative supports"); "/…/" is a regular expression. */
const patternSchema = z.string().min(1).max(200);

const codebookSchema = z.strictObject({
  codes: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "-" or "_"'),
        label: z.string().min(1).max(200),
        definition: z.string().max(2000).default(''),
        include: z.array(patternSchema).min(1),
        exclude: z.array(patternSchema).default([]),
        parent: z.string().optional(),
      }),
    )
    .min(1)
    .refine((codes) => new Set(codes.map((code) => code.id)).size === codes.length, { message: 'code ids must be unique' }),
});

export type Codebook = z.infer<typeof codebookSchema>;

export interface CodebookMatch {
  code: string;
  segment: string;
  /** The terms or patterns that matched: why the code was applied. */
  evidence: string[];
}

type XmlCode = { '@guid'?: string; '@name'?: string; Description?: string | { '#': string }; Code?: XmlCode | XmlCode[] };

/**
 * A REFI-QDA codebook (.qdc) from NVivo, ATLAS.ti or MAXQDA as our codebook: every code keeps its GUID as id,
 * its name as label and as the term to look for, its description as definition, and its parent code.
 */
function fromQdc(text: string): unknown {
  const document = convert(text, { format: 'object' }) as { CodeBook?: { Codes?: { Code?: XmlCode | XmlCode[] } } };
  const codes: unknown[] = [];
  const list = (value: XmlCode | XmlCode[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const visit = (code: XmlCode, parent?: string) => {
    const id = (code['@guid'] ?? '').replace(/[{}]/g, '');
    const description = typeof code.Description === 'object' ? code.Description['#'] : code.Description;
    codes.push({ id, label: code['@name'] ?? id, definition: description ?? '', include: [code['@name'] ?? id], ...(parent ? { parent } : {}) });
    for (const child of list(code.Code)) visit(child, id);
  };
  for (const code of list(document.CodeBook?.Codes?.Code)) visit(code);
  return { codes };
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
    throw new AnalysisInputError('codebook', `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
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
      throw new AnalysisInputError('codebook', `pattern ${pattern} is not a valid regular expression: ${(error as Error).message}`);
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
        if (evidence.length > 0 && !code.exclude.some((matcher) => matcher(stems, segment))) matches.push({ code: code.id, segment, evidence });
      }
    }
    return matches;
  }
}
