import { Autocoder } from '../../analysis/coding/autocode';
import { CodebookMatcher, readCodebook } from '../../analysis/coding/codebook';
import { discoverThemesOffThread, type OffThreadControls } from './off-thread';
import { sentences } from '../../analysis/text';
import {
  CodingConflictError,
  CodingReviewedError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  validationFrom,
} from '../errors';
import type { Role } from '../kernel/roles';
import type { ResponseService } from '../responses/response-service';
import type { StoredCoding } from '../kernel/coding-records';
import type { CodingRepository } from '../store/repository';
import { codableSurvey, researchersReviewed } from './coded-question';
import type { SurveyService } from '../surveys/survey-service';
import { randomBytes } from 'node:crypto';
import { changesBetween, inverseOf, overlapping, stillAsBefore, withChanges, type PartChange } from './coding-changes';
import { carriedOver, describeRerun, type RerunSummary } from './coding-rerun';
import {
  revealedAuthor,
  codingSeenBy,
  codedOverlapping,
  decidedApplications,
  learnableCodes,
  LEARNED_FROM,
  lastUndoable,
  historySeenBy,
  placeKey,
  seesOnlyOwn,
  withoutResponses,
  type CodeApplication,
  type CodingCode,
  type CodingSegment,
  type CodingState,
  type CodingTheme,
  type UndoEntry,
  type Viewer,
} from './coding-state';
import { recordedSentence } from './history-text';
import { answerName, answerNaming, type ScreenAnswer } from './coding-screen-model';
import { codingStateFrom } from './coding-record';
import { codingAgreementOf } from './researcher-agreement';
import { exportQdpx, type QdpxOptions, type SourceAnswer } from './qdpx-export';
import { importQdpx, type QdpxImportSummary } from './qdpx-import';
import {
  applyReviewOperation,
  codeLabelled,
  describeOperation,
  reviewOperations,
  type ReviewOperation,
} from './review-operations';

/** Sentences of an answer with where each starts and ends in it. */
function segmentsOf(responseId: string, text: string, startIndex: number): CodingSegment[] {
  let cursor = 0;
  return sentences(text).map((sentence, i) => {
    const start = Math.max(0, text.indexOf(sentence, cursor));
    cursor = start + sentence.length;
    return { id: `s${startIndex + i + 1}`, responseId, text: sentence, start, end: start + sentence.length };
  });
}

/**
 * Runs the coding pipeline over stored answers and keeps the result for researchers to review. The coding domain
 * alone keeps codings; it reads answers through the responses domain.
 */
export class CodingService {
  constructor(
    private readonly codings: CodingRepository,
    private readonly responses: ResponseService,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
    /** How long the coding pipeline may run (in a worker thread) before it is stopped. */
    private readonly analysisTimeLimitMs = 300_000,
  ) {}

  /**
   * Runs the machine over the answers. Once people have worked on the coding, only with `replace` and (from the
   * workbench) only by an admin; their work is carried over (coding-rerun.ts) and the summary says what was replaced.
   */
  async code(
    slug: string,
    question: string,
    options: { codebook?: string; replace?: boolean; by: string; role?: Role } & OffThreadControls,
  ): Promise<CodingState> {
    return (await this.run(slug, question, options)).state;
  }

  /** Running the machine again over a question already coded is an admin's call (people's work is carried over). */
  async checkMayRun(slug: string, question: string, role: Role): Promise<void> {
    if (role !== 'admin' && (await this.codings.get(slug, question)))
      throw new ForbiddenError({ message: 'Only an admin can run the machine over a question again' });
  }

  async run(
    slug: string,
    question: string,
    options: { codebook?: string; replace?: boolean; by: string; role?: Role } & OffThreadControls,
  ): Promise<{ state: CodingState; summary: RerunSummary | null }> {
    const { record } = await codableSurvey(this.surveys, slug, question);
    const groupBy = record.analysis?.groupBy;
    const existing = await this.read(slug, question);
    // The first run proposes a coding for anyone to review; running again over people's work is an admin's call.
    if (existing && options.role && options.role !== 'admin')
      throw new ForbiddenError({ message: 'Only an admin can run the machine over a question again' });
    if (existing && researchersReviewed(existing.state) && !options.replace) {
      throw new CodingReviewedError({
        message: `Researchers have already reviewed the coding of "${question}"`,
        details: [
          {
            field: 'replace',
            message:
              'asked for explicitly, the machine proposes codes and themes afresh and keeps what researchers made, renamed, defined, accepted or discarded, with their coding and memos',
          },
        ],
      });
    }

    const answers: Array<{ id: string; text: string }> = [];
    const groupOf = new Map<string, string>();
    for await (const response of this.responses.stream(slug)) {
      const value = response.data[question];
      if (typeof value !== 'string' || !value.trim()) continue;
      answers.push({ id: response.id, text: value });
      if (answers.length % 500 === 0) options.onProgress?.('reading answers', answers.length, 0);
      if (groupBy && response.data[groupBy] !== undefined) groupOf.set(response.id, String(response.data[groupBy]));
    }
    // Built from a Map: a response id such as "__proto__" is an own key like any other.
    const groups: Record<string, string> = Object.fromEntries(groupOf);
    const segments: CodingSegment[] = [];
    for (const answer of answers) segments.push(...segmentsOf(answer.id, answer.text, segments.length));
    const segmentIds = new Map<string, string[]>();
    for (const segment of segments) {
      const key = `${segment.responseId}\u0000${segment.text}`;
      segmentIds.set(key, [...(segmentIds.get(key) ?? []), segment.id]);
    }

    const inductive = await discoverThemesOffThread(
      answers,
      { places: record.analysis?.places },
      this.analysisTimeLimitMs,
      { onProgress: options.onProgress, signal: options.signal },
    );
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
      ...(code.mixed ? { mixed: true } : {}),
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
    const codebook = options.codebook ? readCodebookOrRefuse(options.codebook) : undefined;
    if (codebook) {
      codes.push(
        ...codebook.codes.map((code) => ({
          id: `cb-${code.id}`,
          label: code.label,
          definition: code.definition,
          keywords: code.include,
          source: 'codebook' as const,
          themeId: code.theme ? `cb-${code.theme}` : null,
          parentId: code.parent ? `cb-${code.parent}` : null,
          status: 'proposed' as const,
        })),
      );
      const matcher = new CodebookMatcher(codebook);
      for (const segment of segments) {
        for (const match of matcher.match(segment.text)) {
          applications.push({
            segmentId: segment.id,
            codeId: `cb-${match.code}`,
            by: 'machine',
            status: 'suggested',
            confidence: null,
            evidence: match.evidence,
          });
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
      mixed: theme.mixed,
      labelCoverage: theme.labelCoverage,
      mergedFrom: theme.mergedFrom,
    }));
    // A codebook's themes (a .qdc's codes that are not codable) group its codes; they are not applied.
    if (codebook)
      themes.push(
        ...codebook.themes.map((theme) => ({
          id: `cb-${theme.id}`,
          label: theme.label,
          definition: theme.definition,
          status: 'proposed' as const,
          proposedQuotes: [],
          chosenQuotes: [],
        })),
      );
    const proposal: CodingState = {
      surveySlug: slug,
      question,
      segments,
      codes,
      themes,
      applications,
      memos: [],
      groups,
      unassigned: inductive.unassigned,
      method: inductive.method,
    };
    // Earlier changes cannot be taken back across a new run: the undo log starts again.
    const { state, summary } = existing ? carriedOver(existing.state, proposal) : { state: proposal, summary: null };
    const saved = await this.codings.save(state, existing?.version ?? 0, {
      operation: `code: ${answers.length} answers, ${codes.length} codes, ${themes.length} candidate themes${summary ? `; ${describeRerun(summary)}` : ''}`,
      doneBy: options.by,
      doneAt: this.now().toISOString(),
    });
    if (!saved)
      throw new CodingConflictError({
        message: 'Someone else changed this coding at the same time; run it again',
      });
    return { state, summary };
  }

  /**
   * Applies one person's operation (see review) and says what it came to: a span coded with a new label that a code
   * already has is coded with that code, which is `joined`.
   */
  async reviewAndSay(
    slug: string,
    question: string,
    operation: ReviewOperation,
    expectedVersion: number,
    by: string,
    role: Role = 'researcher',
  ): Promise<{ version: number; joined?: CodingCode }> {
    const joined =
      operation.op === 'code-span' && operation.label
        ? codeLabelled((await this.stored(slug, question)).state, operation.label)
        : undefined;
    return { version: await this.review(slug, question, operation, expectedVersion, by, role), joined };
  }

  /**
   * Applies one person's operation. Coding independently (and not an admin), it is applied to their own view of
   * the coding and may change only their own work. Made on a version someone else has since changed, it is made
   * anyway when none of the changes since touched what it changes; otherwise 409. One that changes nothing is
   * refused (400), unless `unchangedIsFine`: a form sent as it was ("Rename" with the same name) is no mistake.
   */
  async review(
    slug: string,
    question: string,
    operation: ReviewOperation,
    expectedVersion: number,
    by: string,
    role: Role = 'researcher',
    { unchangedIsFine = false } = {},
  ): Promise<number> {
    const handler = reviewOperations[operation.op];
    if (handler.adminOnly && role !== 'admin')
      throw new ForbiddenError({ message: 'Only an admin can start, stop or reveal independent coding' });
    // Some operations need the whole answer, which the coding does not keep: read it from the response.
    const answer = handler.needsText && 'answer' in operation ? await this.responses.get(slug, operation.answer) : null;
    if (handler.onlySubmitted && answer && !answer.complete) {
      throw new ValidationError({
        message: 'That answer is not finished yet',
        details: [
          {
            field: 'answer',
            message: 'is from a response not yet complete, whose text may still change: code it once it is submitted',
          },
        ],
      });
    }
    const answerText = (id: string) =>
      answer && answer.id === id && typeof answer.data[question] === 'string'
        ? (answer.data[question] as string)
        : undefined;
    for (;;) {
      const stored = await this.stored(slug, question);
      if (expectedVersion > stored.version) throw this.conflict(stored.version);
      const viewer = { email: by, role };
      const independentCoder = seesOnlyOwn(stored.state, viewer) ? by : undefined;
      const before = independentCoder ? codingSeenBy(stored.state, viewer) : stored.state;
      const after = applyReviewOperation(before, operation, by, this.now(), {
        answerText,
        ...(revealedAuthor(stored.state, viewer) ? { author: by } : {}),
        ...(independentCoder
          ? { independentCoder, newId: (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}` }
          : {}),
      });
      const changes = changesBetween(before, after);
      if (changes.length === 0 && unchangedIsFine) return stored.version;
      if (changes.length === 0)
        throw new ValidationError({
          message: 'That changes nothing',
          details: [{ field: 'op', message: 'the coding is already so: nothing was saved' }],
        });
      if (independentCoder && changes.some((change) => !ownedBy(change, independentCoder))) {
        throw new ValidationError({
          message: 'While coding independently you change only your own coding',
          details: [{ field: 'op', message: 'it would change work that is not yours' }],
        });
      }
      if (
        stored.version !== expectedVersion &&
        !this.changedApart(stored.state, expectedVersion, stored.version, changes)
      )
        throw this.conflict(stored.version);
      const next = independentCoder ? withChanges(stored.state, changes) : after;
      if (await this.commit(stored, next, { by, operation: describeOperation(operation, before, by), changes }))
        return stored.version + 1;
    }
  }

  /**
   * Takes back the caller's own latest change that is not yet undone, and only what of it nobody has changed since
   * (a code they made that someone else has since applied stays). Admins' changes of how the question is coded
   * (independent coding, the reveal) are theirs to undo: a researcher never has them to take back.
   */
  async undo(
    slug: string,
    question: string,
    by: string,
    role: Role = 'researcher',
  ): Promise<{ undone: string; sentence: string; kept: number }> {
    for (;;) {
      const stored = await this.stored(slug, question);
      const last = lastUndoable(stored.state, by);
      if (!last) throw new ConflictError({ title: 'Nothing to undo', message: 'There is nothing of yours to undo' });
      if (
        role !== 'admin' &&
        last.changes.some((change) => change.part === 'settings' && change.key === 'independent')
      ) {
        throw new ForbiddenError({
          message: 'Only an admin can undo starting, stopping or revealing independent coding',
        });
      }
      const back = consistent(stored.state, stillAsBefore(stored.state, inverseOf(last.changes)));
      const next = withChanges(stored.state, back);
      if (
        await this.commit(stored, next, {
          by,
          operation: `undo: ${last.operation}`,
          changes: back,
          undoes: last.version,
        })
      ) {
        return {
          undone: last.operation,
          sentence: recordedSentence(last.operation, stored.state),
          kept: last.changes.length - back.length,
        };
      }
    }
  }

  /**
   * Learns from decisions (accepted and applied codes) and suggests codes, with a confidence, for the segments
   * nobody has decided on yet. Earlier suggestions stay as they are, with their evidence: the new ones are added
   * beside them. A discarded code is never suggested, and a segment a researcher decided on (accepted, applied or
   * rejected a code) gets no new suggestion. Coding independently, a researcher's suggestions are learned from
   * their own decisions only, for the segments they have not decided, and are theirs.
   */
  async suggest(slug: string, question: string, by: string, role: Role = 'researcher'): Promise<number> {
    for (;;) {
      const stored = await this.stored(slug, question);
      const viewer = { email: by, role };
      const own = seesOnlyOwn(stored.state, viewer);
      const before = own ? codingSeenBy(stored.state, viewer) : stored.state;
      const state = structuredClone(before);
      const live = new Set(state.codes.filter((code) => code.status !== 'discarded').map((code) => code.id));
      const learnable = learnableCodes(state);
      const decided = decidedApplications(state).filter((application) => learnable.has(application.codeId));
      const bySegment = new Map<string, string[]>();
      for (const application of decided)
        bySegment.set(application.segmentId, [...(bySegment.get(application.segmentId) ?? []), application.codeId]);
      const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
      const coder = new Autocoder();
      try {
        coder.train([...bySegment].map(([segmentId, codes]) => ({ text: segments.get(segmentId)!.text, codes })));
      } catch (error) {
        throw validationFrom(
          error,
          `Accept or apply each of two codes or more on at least ${LEARNED_FROM} answers before asking for suggestions`,
        );
      }
      const touched = new Set(
        state.applications
          .filter((application) => application.status !== 'suggested')
          .map((application) => application.segmentId),
      );
      const already = new Set(state.applications.map(placeKey));
      // Not where the researcher put the code on words that overlap the segment (a phrase of its sentence).
      const codedThere = codedOverlapping(state, by);
      let suggested = 0;
      for (const segment of state.segments) {
        if (touched.has(segment.id)) continue;
        // Only where a code fits (a positive margin): most answers carry none of the few codes decided so far.
        const suggestion = coder.suggest(segment.text, { abstain: true });
        for (const codeId of suggestion.codes) {
          const key = placeKey({ segmentId: segment.id, codeId });
          if (!live.has(codeId) || already.has(key) || codedThere({ segmentId: segment.id, codeId })) continue;
          already.add(key);
          state.applications.push({
            segmentId: segment.id,
            codeId,
            by: 'machine',
            status: 'suggested',
            confidence: Number(suggestion.confidence.toFixed(3)),
            evidence: [],
            ...(own ? { suggestedFor: by } : {}),
          });
          suggested += 1;
        }
      }
      if (suggested === 0) return 0;
      const changes = changesBetween(before, state);
      const next = own ? withChanges(stored.state, changes) : state;
      if (
        await this.commit(stored, next, {
          by,
          operation: `suggest: learned from ${bySegment.size} decided segments, ${suggested} new suggestions`,
          changes,
        })
      )
        return suggested;
    }
  }

  /** Whether every change since `from` is in the undo log and none touched what `changes` touches. */
  private changedApart(state: CodingState, from: number, to: number, changes: PartChange[]): boolean {
    const since = (state.undoLog ?? []).filter((entry) => entry.version > from && entry.version <= to);
    return since.length === to - from && since.every((entry) => !overlapping(entry.changes, changes));
  }

  /** The stored coding, checked as a coding (the store checks only which survey and question it is of). */
  private async read(slug: string, question: string): Promise<StoredCoding<CodingState> | null> {
    const stored = await this.codings.get(slug, question);
    return stored && { ...stored, state: codingStateFrom(stored.state) };
  }

  private conflict(version: number) {
    return new CodingConflictError({
      message: 'Someone changed the same part of the coding since you loaded it; reload to see it, then try again',
      details: [{ field: 'version', message: `the coding is now at version ${version}` }],
    });
  }

  /** Saves a change with its entry in the undo log; false when someone else saved first (the caller tries again). */
  private async commit(
    stored: { state: CodingState; version: number },
    next: CodingState,
    entry: Omit<UndoEntry, 'version'>,
  ): Promise<boolean> {
    const log = [...(stored.state.undoLog ?? []), { ...entry, version: stored.version + 1 }].slice(-UNDO_LOG_LENGTH);
    const state: CodingState = { ...next, undoLog: log };
    return this.codings.save(state, stored.version, {
      operation: entry.operation,
      doneBy: entry.by,
      doneAt: this.now().toISOString(),
    });
  }

  /** The coding as a REFI-QDA project, with each coded answer's text and its respondent's role and area. */
  async qdpx(slug: string, question: string, options: QdpxOptions = {}): Promise<Buffer> {
    const { record } = await this.surveys.get(slug);
    const { state } = await this.stored(slug, question);
    const wanted = new Set(state.segments.map((segment) => segment.responseId));
    const variables = [record.analysis?.groupBy, record.distribution?.question].filter((name): name is string =>
      Boolean(name),
    );
    const answers: SourceAnswer[] = [];
    for await (const response of this.responses.stream(slug, { includePartial: true })) {
      if (!wanted.has(response.id)) continue;
      const text = response.data[question];
      if (typeof text !== 'string') continue;
      answers.push({
        id: response.id,
        text,
        variables: Object.fromEntries(
          variables
            .filter((name) => response.data[name] !== undefined)
            .map((name) => [name, String(response.data[name])]),
        ),
      });
    }
    return exportQdpx(state, answers, `${record.title}: ${question}`, this.now(), options);
  }

  async questionsWithCoding(slug: string): Promise<string[]> {
    return this.codings.questions(slug);
  }

  /** The audit trail as this person may read it (see historySeenBy); null: all of it. */
  async history(slug: string, question: string, viewer: Viewer | undefined = undefined, limit = 100) {
    if (viewer === undefined) return this.codings.history(slug, question, limit);
    const { state } = await this.stored(slug, question);
    // Coding independently, the latest entries may all be someone else's: read further back for this person's own.
    const entries = await this.codings.history(slug, question, seesOnlyOwn(state, viewer) ? limit * 20 : limit);
    return historySeenBy(state, entries, viewer).slice(0, limit);
  }

  async stored(slug: string, question: string) {
    await this.surveys.get(slug);
    const stored = await this.read(slug, question);
    if (!stored) throw new NotFoundError({ message: `"${question}" of survey "${slug}" has not been coded yet` });
    return stored;
  }

  /** The coding as this viewer may see it (see codingSeenBy), and their own latest change that undo would take back. */
  async storedFor(slug: string, question: string, viewer: Viewer) {
    const stored = await this.stored(slug, question);
    const undoable = viewer ? (lastUndoable(stored.state, viewer.email)?.operation ?? null) : null;
    return { ...stored, state: codingSeenBy(stored.state, viewer), undoable };
  }

  /**
   * The coding as this user may see it, with every coded answer to the question in the order they came in, named
   * by the respondent's role and area: what the one-screen coding view shows.
   */
  async screenAnswers(slug: string, question: string, viewer: Viewer) {
    const stored = await this.storedFor(slug, question, viewer);
    const wanted = new Set(stored.state.segments.map((segment) => segment.responseId));
    const { record, compiled } = await this.surveys.get(slug);
    const nameOf = answerNaming(record, compiled);
    const answers: ScreenAnswer[] = [];
    for await (const response of this.responses.stream(slug)) {
      const text = response.data[question];
      if (!wanted.has(response.id) || typeof text !== 'string') continue;
      answers.push({ id: response.id, text, ...nameOf(response.data) });
    }
    return { stored, answers };
  }

  /**
   * Answers to the question stored after the machine last ran: answers with a sentence to code that the coding
   * holds none of. Read as the run reads them, one response at a time.
   */
  async answersSinceRun(slug: string, question: string, state: CodingState): Promise<number> {
    const held = new Set(state.segments.map((segment) => segment.responseId));
    let count = 0;
    for await (const response of this.responses.stream(slug)) {
      const text = response.data[question];
      if (typeof text === 'string' && !held.has(response.id) && sentences(text).length > 0) count += 1;
    }
    return count;
  }

  /**
   * Some answers named as the coding screen names them ("Answer 4 · PQL · Lothian": its number among the coded
   * answers to the question, then the respondent's role and area), so that a list elsewhere can be matched to it.
   */
  async answerNames(slug: string, question: string, viewer: Viewer, ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    const wanted = new Set(ids);
    // Counted as screenAnswers lists them, without holding every answer's text to name a few.
    const { state } = await this.storedFor(slug, question, viewer);
    const coded = new Set(state.segments.map((segment) => segment.responseId));
    const { record, compiled } = await this.surveys.get(slug);
    const nameOf = answerNaming(record, compiled);
    let number = 0;
    for await (const response of this.responses.stream(slug)) {
      if (!coded.has(response.id) || typeof response.data[question] !== 'string') continue;
      number += 1;
      if (wanted.has(response.id)) names.set(response.id, answerName(number, nameOf(response.data)));
    }
    return names;
  }

  /**
   * Agreement between the researchers who coded this question in the platform: unit = answer, value = the codes
   * each gave it (a researcher who decided nothing there is missing for that answer), overall and per code, with the answers
   * where they disagree. `coders`: e-mails to compare (default: everyone who applied a code).
   */
  async agreement(slug: string, question: string, coders?: string[], viewer?: Viewer) {
    const { state } = await this.stored(slug, question);
    return codingAgreementOf(viewer === undefined ? state : codingSeenBy(state, viewer), coders);
  }

  /**
   * Agreement as `viewer` may see it. It shows every researcher's codes, so not to a researcher before an admin
   * reveals independent coding: null then.
   */
  async agreementShownTo(slug: string, question: string, viewer: Viewer, coders?: string[]) {
    const { state } = await this.stored(slug, question);
    return seesOnlyOwn(state, viewer) ? null : codingAgreementOf(state, coders);
  }

  /**
   * A code and the segments it is on, for splitting it. Coding independently, a researcher splits only their own
   * applications (see split-code).
   */
  async codeToSplit(slug: string, question: string, codeId: string, viewer: { email: string; role: string }) {
    const stored = await this.storedFor(slug, question, viewer);
    const code = stored.state.codes.find((candidate) => candidate.id === codeId);
    if (!code) throw new NotFoundError({ message: `There is no code "${codeId}"` });
    const segments = new Map(stored.state.segments.map((segment) => [segment.id, segment]));
    const applied = stored.state.applications.filter(
      (application) =>
        application.codeId === code.id &&
        application.status !== 'rejected' &&
        (!seesOnlyOwn(stored.state, viewer) || application.by === viewer.email),
    );
    return {
      version: stored.version,
      code,
      segments: applied.map((application) => segments.get(application.segmentId)).filter(Boolean),
    };
  }

  /** Agreement for someone who asked for it: refused while the researchers code independently and unrevealed. */
  async agreementFor(slug: string, question: string, viewer: Viewer, coders?: string[]) {
    const agreement = await this.agreementShownTo(slug, question, viewer, coders);
    if (!agreement) {
      throw new ForbiddenError({
        message: 'The researchers are coding independently: agreement is shown once an admin reveals their coding',
      });
    }
    return agreement;
  }

  /** The full text of some answers to a question, read from their responses (the coding keeps only segments). */
  async answerTexts(slug: string, question: string, responseIds: string[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const id of responseIds) {
      const value = (await this.responses.get(slug, id))?.data[question];
      if (typeof value === 'string') texts.set(id, value);
    }
    return texts;
  }

  /** The stored coding of a question as everyone may see it, or null while it has none. */
  async current(slug: string, question: string): Promise<CodingState | null> {
    const stored = await this.read(slug, question);
    return stored ? codingSeenBy(stored.state, null) : null;
  }

  /**
   * Takes the answers of responses that are being deleted out of every coding of the survey: the current state
   * and every earlier state the audit trail keeps.
   */
  async forgetResponses(slug: string, responseIds: ReadonlySet<string>): Promise<void> {
    if ((await this.codings.questions(slug)).length === 0) return;
    await this.codings.rewriteAll(slug, (state) => withoutResponses(codingStateFrom(state), responseIds));
  }

  /** A REFI-QDA project read back as the coding of a question (see qdpx-import.ts). */
  async importQdpx(
    slug: string,
    question: string,
    buffer: Buffer,
    options: { replace?: boolean; by: string; at?: Date },
  ): Promise<QdpxImportSummary> {
    return importQdpx(this.codings, this.responses, this.surveys, slug, question, buffer, options);
  }

  async get(slug: string, question: string): Promise<CodingState> {
    await this.surveys.get(slug);
    const stored = await this.read(slug, question);
    if (!stored) throw new NotFoundError({ message: `"${question}" of survey "${slug}" has not been coded yet` });
    return stored.state;
  }
}

/** How many of the latest changes the undo log keeps (each person undoes their own among them). */
const UNDO_LOG_LENGTH = 200;

/** Whether a change touches only the researcher's own work (what they made, applied or were suggested). */
function ownedBy(change: PartChange, coder: string): boolean {
  const values = [change.before, change.after].filter((value) => value !== undefined) as Array<Record<string, unknown>>;
  if (change.part === 'applications')
    return values.every((value) => value.by === coder || (value.by === 'machine' && value.suggestedFor === coder));
  if (change.part === 'codes' || change.part === 'themes' || change.part === 'segments' || change.part === 'memos')
    return values.every((value) => value.privateTo === coder);
  return false;
}

/**
 * An undo's changes less any that would leave someone else's work pointing at nothing: a code, theme or segment
 * it would remove stays while an application or code not being removed with it still refers to it.
 */
function consistent(state: CodingState, changes: PartChange[]): PartChange[] {
  let kept = changes;
  for (;;) {
    const next = withChanges(state, kept);
    const codes = new Set(next.applications.map((application) => application.codeId));
    const segments = new Set(next.applications.map((application) => application.segmentId));
    const themes = new Set(next.codes.map((code) => code.themeId));
    const needed = (change: PartChange) =>
      change.after === undefined &&
      ((change.part === 'codes' && codes.has(change.key)) ||
        (change.part === 'segments' && segments.has(change.key)) ||
        (change.part === 'themes' && themes.has(change.key)));
    const fewer = kept.filter((change) => !needed(change));
    if (fewer.length === kept.length) return kept;
    kept = fewer;
  }
}

function readCodebookOrRefuse(file: string) {
  try {
    return readCodebook(file);
  } catch (error) {
    throw validationFrom(error, 'The codebook cannot be used');
  }
}
