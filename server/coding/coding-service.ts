import { CodebookMatcher, readCodebook } from '../../analysis/coding/codebook';
import { discoverThemes } from '../../analysis/coding/themes';
import { sentences } from '../../analysis/text';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Store } from '../store/repository';
import type { SurveyService } from '../surveys/survey-service';
import type { CodeApplication, CodingCode, CodingSegment, CodingState, CodingTheme } from './coding-state';

const FREE_TEXT = new Set(['comment', 'text']);

/** Sentences of an answer with where each starts and ends in it. */
function segmentsOf(responseId: string, text: string, startIndex: number): CodingSegment[] {
  let cursor = 0;
  return sentences(text).map((sentence, i) => {
    const start = Math.max(0, text.indexOf(sentence, cursor));
    cursor = start + sentence.length;
    return { id: `s${startIndex + i + 1}`, responseId, text: sentence, start, end: start + sentence.length };
  });
}

/** Runs the coding pipeline over stored answers and keeps the result for researchers to review. */
export class CodingService {
  constructor(
    private readonly store: Store,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async code(slug: string, question: string, options: { codebook?: string; replace?: boolean; by: string }): Promise<CodingState> {
    const { compiled } = await this.surveys.get(slug);
    const info = compiled.questions.get(question);
    if (!info) throw new NotFoundError({ message: `"${question}" is not a question of survey "${slug}"` });
    if (!FREE_TEXT.has(info.type) || info.value.safeParse('text').success === false) {
      throw new ValidationError({ message: `"${question}" is not a free-text question`, details: [{ field: 'question', message: 'must be a comment or text question' }] });
    }
    const existing = await this.store.codings.get(slug, question);
    const decided = existing?.state.applications.some((application) => application.by !== 'machine') || existing?.state.codes.some((code) => code.status !== 'proposed');
    if (decided && !options.replace) {
      throw new ConflictError({ message: `Researchers have already reviewed the coding of "${question}"; use --replace to start again (their work stays in the audit trail)` });
    }

    const answers: Array<{ id: string; text: string }> = [];
    for await (const response of this.store.responses.stream(slug)) {
      const value = response.data[question];
      if (typeof value === 'string' && value.trim()) answers.push({ id: response.id, text: value });
    }
    const segments: CodingSegment[] = [];
    for (const answer of answers) segments.push(...segmentsOf(answer.id, answer.text, segments.length));
    const segmentIds = new Map<string, string[]>();
    for (const segment of segments) {
      const key = `${segment.responseId}\u0000${segment.text}`;
      segmentIds.set(key, [...(segmentIds.get(key) ?? []), segment.id]);
    }

    const inductive = discoverThemes(answers);
    const themeOfCode = new Map(inductive.themes.flatMap((theme) => theme.codes.map((code) => [code, theme.id])));
    const codes: CodingCode[] = inductive.codes.map((code) => ({
      id: code.id,
      label: code.label,
      definition: code.definition,
      keywords: code.keywords,
      source: 'inductive',
      themeId: themeOfCode.get(code.id) ?? null,
      parentId: null,
      status: 'proposed',
    }));
    const applications: CodeApplication[] = inductive.codes.flatMap((code) =>
      code.segments.flatMap((segment) =>
        (segmentIds.get(`${segment.row}\u0000${segment.text}`) ?? []).map((segmentId) => ({
          segmentId,
          codeId: code.id,
          by: 'machine',
          status: 'suggested' as const,
          confidence: null,
          evidence: [],
        })),
      ),
    );
    if (options.codebook) {
      const codebook = readCodebook(options.codebook);
      codes.push(
        ...codebook.codes.map((code) => ({
          id: `cb-${code.id}`,
          label: code.label,
          definition: code.definition,
          keywords: code.include,
          source: 'codebook' as const,
          themeId: null,
          parentId: code.parent ? `cb-${code.parent}` : null,
          status: 'proposed' as const,
        })),
      );
      const matcher = new CodebookMatcher(codebook);
      for (const segment of segments) {
        for (const match of matcher.match(segment.text)) {
          applications.push({ segmentId: segment.id, codeId: `cb-${match.code}`, by: 'machine', status: 'suggested', confidence: null, evidence: match.evidence });
        }
      }
    }
    const themes: CodingTheme[] = inductive.themes.map((theme) => ({
      id: theme.id,
      label: theme.label,
      definition: `Candidate theme grouping ${theme.codes.length} codes.`,
      status: 'proposed',
      proposedQuotes: theme.quoteIds,
      chosenQuotes: [],
    }));
    const state: CodingState = { surveySlug: slug, question, segments, codes, themes, applications, memos: [] };
    const saved = await this.store.codings.save(state, existing?.version ?? 0, {
      operation: `code: ${answers.length} answers, ${codes.length} codes, ${themes.length} candidate themes`,
      doneBy: options.by,
      doneAt: this.now().toISOString(),
    });
    if (!saved) throw new ConflictError({ message: 'Someone else changed this coding at the same time; run it again' });
    return state;
  }

  async get(slug: string, question: string): Promise<CodingState> {
    await this.surveys.get(slug);
    const stored = await this.store.codings.get(slug, question);
    if (!stored) throw new NotFoundError({ message: `"${question}" of survey "${slug}" has not been coded yet: run canvass code first` });
    return stored.state;
  }
}
