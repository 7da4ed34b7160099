import { Autocoder } from '../../analysis/coding/autocode';
import { CodebookMatcher, readCodebook } from '../../analysis/coding/codebook';
import { discoverThemesOffThread, type OffThreadControls } from './off-thread';
import { sentences } from '../../analysis/text';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, validationFrom } from '../errors';
import type { Role, Store } from '../store/repository';
import { isFreeText } from '../surveys/question-catalogue';
import type { SurveyService } from '../surveys/survey-service';
import { codingSeenBy, type CodeApplication, type CodingCode, type CodingSegment, type CodingState, type CodingTheme } from './coding-state';
import { codingAgreementOf } from './researcher-agreement';
import { exportQdpx, type SourceAnswer } from './qdpx-export';
import { ADMIN_OPERATIONS, applyReviewOperation, describeOperation, type ReviewOperation } from './review-operations';


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
    /** How long the coding pipeline may run (in a worker thread) before it is stopped. */
    private readonly analysisTimeLimitMs = 300_000,
  ) {}

  async code(slug: string, question: string, options: { codebook?: string; replace?: boolean; by: string } & OffThreadControls): Promise<CodingState> {
    const { compiled, record } = await this.surveys.get(slug);
    const groupBy = record.analysis?.groupBy;
    const info = compiled.questions.get(question);
    if (!info) throw new NotFoundError({ message: `"${question}" is not a question of survey "${slug}"` });
    if (!isFreeText(info)) {
      throw new ValidationError({ message: `"${question}" is not a free-text question`, details: [{ field: 'question', message: 'must be a comment or text question' }] });
    }
    const existing = await this.store.codings.get<CodingState>(slug, question);
    const decided = existing?.state.applications.some((application) => application.by !== 'machine') || existing?.state.codes.some((code) => code.status !== 'proposed');
    if (decided && !options.replace) {
      throw new ConflictError({
        message: `Researchers have already reviewed the coding of "${question}"`,
        details: [{ field: 'replace', message: 'asked for explicitly, the machine starts again; their work stays in the audit trail' }],
      });
    }

    const answers: Array<{ id: string; text: string }> = [];
    const groups: Record<string, string> = {};
    for await (const response of this.store.responses.stream(slug)) {
      const value = response.data[question];
      if (typeof value !== 'string' || !value.trim()) continue;
      answers.push({ id: response.id, text: value });
      if (answers.length % 500 === 0) options.onProgress?.('reading answers', answers.length, 0);
      if (groupBy && response.data[groupBy] !== undefined) groups[response.id] = String(response.data[groupBy]);
    }
    const segments: CodingSegment[] = [];
    for (const answer of answers) segments.push(...segmentsOf(answer.id, answer.text, segments.length));
    const segmentIds = new Map<string, string[]>();
    for (const segment of segments) {
      const key = `${segment.responseId}\u0000${segment.text}`;
      segmentIds.set(key, [...(segmentIds.get(key) ?? []), segment.id]);
    }

    const inductive = await discoverThemesOffThread(answers, { places: record.analysis?.places }, this.analysisTimeLimitMs, { onProgress: options.onProgress, signal: options.signal });
    options.onProgress?.('saving', 0, 0);
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
      const codebook = readCodebookOrRefuse(options.codebook);
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
      definition: theme.definition,
      status: 'proposed',
      proposedQuotes: theme.quoteIds,
      chosenQuotes: [],
    }));
    const state: CodingState = { surveySlug: slug, question, segments, codes, themes, applications, memos: [], groups, method: inductive.method };
    const saved = await this.store.codings.save(state, existing?.version ?? 0, {
      operation: `code: ${answers.length} answers, ${codes.length} codes, ${themes.length} candidate themes`,
      doneBy: options.by,
      doneAt: this.now().toISOString(),
    });
    if (!saved) throw new ConflictError({ message: 'Someone else changed this coding at the same time; run it again' });
    return state;
  }

  /** Applies one researcher operation to the version they saw; 409 when someone else changed it first. */
  async review(slug: string, question: string, operation: ReviewOperation, expectedVersion: number, by: string, role: Role = 'researcher'): Promise<number> {
    if (ADMIN_OPERATIONS.has(operation.op) && role !== 'admin') throw new ForbiddenError({ message: 'Only an admin can start, stop or reveal independent coding' });
    const stored = await this.stored(slug, question);
    if (stored.version !== expectedVersion) throw new ConflictError({ message: 'The coding changed since you loaded it; reload and try again', details: [{ field: 'version', message: `now ${stored.version}` }] });
    // Coding a span needs the whole answer, which the coding does not keep: read it from the response.
    const answer = operation.op === 'code-span' || operation.op === 'settle-answer' ? await this.store.responses.get(slug, operation.answer) : null;
    const answerText = (id: string) => (answer && answer.id === id && typeof answer.data[question] === 'string' ? (answer.data[question] as string) : undefined);
    const next = applyReviewOperation(stored.state, operation, by, this.now(), { answerText });
    await this.saveOrConflict(next, stored.version, describeOperation(operation), by);
    return stored.version + 1;
  }

  async undo(slug: string, question: string, by: string): Promise<void> {
    await this.stored(slug, question);
    const undone = await this.store.codings.undo(slug, question, { operation: 'undo', doneBy: by, doneAt: this.now().toISOString() });
    if (!undone) throw new ConflictError({ message: 'There is nothing to undo' });
  }

  /**
   * Learns from the researchers' decisions (accepted and applied codes) and suggests codes, with a confidence,
   * for the segments nobody has decided on yet; earlier machine suggestions not yet decided are replaced.
   */
  async suggest(slug: string, question: string, by: string): Promise<number> {
    const stored = await this.stored(slug, question);
    const state = structuredClone(stored.state);
    const decided = state.applications.filter((application) => application.status === 'accepted');
    const bySegment = new Map<string, string[]>();
    for (const application of decided) bySegment.set(application.segmentId, [...(bySegment.get(application.segmentId) ?? []), application.codeId]);
    const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
    const coder = new Autocoder();
    try {
      coder.train([...bySegment].map(([segmentId, codes]) => ({ text: segments.get(segmentId)!.text, codes })));
    } catch (error) {
      throw validationFrom(error, 'Accept or apply at least two different codes before asking for suggestions');
    }
    const touched = new Set(state.applications.filter((application) => application.status !== 'suggested').map((application) => application.segmentId));
    state.applications = state.applications.filter((application) => application.status !== 'suggested' || application.by !== 'machine');
    let suggested = 0;
    for (const segment of state.segments) {
      if (touched.has(segment.id)) continue;
      const suggestion = coder.suggest(segment.text);
      for (const codeId of suggestion.codes) {
        state.applications.push({ segmentId: segment.id, codeId, by: 'machine', status: 'suggested', confidence: Number(suggestion.confidence.toFixed(3)), evidence: [] });
        suggested += 1;
      }
    }
    await this.saveOrConflict(state, stored.version, `suggest: learned from ${bySegment.size} decided segments, ${suggested} suggestions`, by);
    return suggested;
  }

  /** The coding as a REFI-QDA project, with each coded answer's text and its respondent's role and area. */
  async qdpx(slug: string, question: string): Promise<Buffer> {
    const { record } = await this.surveys.get(slug);
    const { state } = await this.stored(slug, question);
    const wanted = new Set(state.segments.map((segment) => segment.responseId));
    const variables = [record.analysis?.groupBy, record.distribution?.question].filter((name): name is string => Boolean(name));
    const answers: SourceAnswer[] = [];
    for await (const response of this.store.responses.stream(slug, { includePartial: true })) {
      if (!wanted.has(response.id)) continue;
      const text = response.data[question];
      if (typeof text !== 'string') continue;
      answers.push({
        id: response.id,
        text,
        variables: Object.fromEntries(variables.filter((name) => response.data[name] !== undefined).map((name) => [name, String(response.data[name])])),
      });
    }
    return exportQdpx(state, answers, `${record.title}: ${question}`, this.now());
  }

  async questionsWithCoding(slug: string): Promise<string[]> {
    return this.store.codings.questions(slug);
  }

  async history(slug: string, question: string) {
    return this.store.codings.history(slug, question, 100);
  }

  async stored(slug: string, question: string) {
    await this.surveys.get(slug);
    const stored = await this.store.codings.get<CodingState>(slug, question);
    if (!stored) throw new NotFoundError({ message: `"${question}" of survey "${slug}" has not been coded yet` });
    return stored;
  }

  private async saveOrConflict(state: CodingState, version: number, operation: string, by: string) {
    const saved = await this.store.codings.save(state, version, { operation, doneBy: by, doneAt: this.now().toISOString() });
    if (!saved) throw new ConflictError({ message: 'Someone else changed this coding at the same time; reload and try again' });
  }

  /** The coding as this user may see it (see codingSeenBy). */
  async storedFor(slug: string, question: string, viewer: { email: string; role: Role }) {
    const stored = await this.stored(slug, question);
    return { ...stored, state: codingSeenBy(stored.state, viewer) };
  }

  /**
   * Agreement between the researchers who coded this question in the platform: unit = answer, value = the codes
   * each gave it (a researcher who gave none is missing for that answer), overall and per code, with the answers
   * where they disagree. `coders`: e-mails to compare (default: everyone who applied a code).
   */
  async agreement(slug: string, question: string, coders?: string[]) {
    const { state } = await this.stored(slug, question);
    return codingAgreementOf(state, coders);
  }

  /** The full text of some answers to a question, read from their responses (the coding keeps only segments). */
  async answerTexts(slug: string, question: string, responseIds: string[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const id of responseIds) {
      const value = (await this.store.responses.get(slug, id))?.data[question];
      if (typeof value === 'string') texts.set(id, value);
    }
    return texts;
  }

  async get(slug: string, question: string): Promise<CodingState> {
    await this.surveys.get(slug);
    const stored = await this.store.codings.get<CodingState>(slug, question);
    if (!stored) throw new NotFoundError({ message: `"${question}" of survey "${slug}" has not been coded yet` });
    return stored.state;
  }
}

function readCodebookOrRefuse(file: string) {
  try {
    return readCodebook(file);
  } catch (error) {
    throw validationFrom(error, 'The codebook cannot be used');
  }
}
