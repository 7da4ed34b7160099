import { z } from 'zod';
import { ValidationError } from '../errors';
import { exchangeText } from '../../analysis/coding/exchange-text';
import { withContrastRenamed, withoutContrastWith } from '../../analysis/coding/theme-contrast';
import { withoutPlacement } from '../../analysis/coding/themes';
import { isQuotable } from '../../analysis/quotable';
import {
  answerTexts,
  isSealed,
  mergedInto,
  nameKey,
  type CodeApplication,
  type CodingCode,
  type CodingState,
  type CodingTheme,
  type CodingSegment,
} from './coding-state';
import { applicationKey } from './coding-changes';

const id = z.string().min(1).max(100);

/**
 * A code made a theme brings quotes to propose: the first three quotable answers the machine or the researcher
 * making it a theme put it on (not another researcher's, who may be coding independently).
 */
function quotesOf(state: CodingState, codeId: string, by: string): string[] {
  const textOf = answerTexts(state);
  const responseOf = new Map(state.segments.map((segment) => [segment.id, segment.responseId]));
  const carrying = state.applications
    .filter(
      (application) =>
        application.codeId === codeId &&
        application.status !== 'rejected' &&
        (application.by === 'machine' || application.by === by),
    )
    .map((application) => responseOf.get(application.segmentId))
    .filter((response): response is string => response !== undefined && isQuotable(textOf.get(response) ?? ''));
  return [...new Set(carrying)].slice(0, 3);
}
export const OFFSET_UNITS = ['code-point', 'utf-16'] as const;
const label = z.string().trim().min(1).max(200);

/**
 * The most ids one operation may list. A protective limit on the size of a change (each listed id is kept in the
 * audit trail and the undo log): a merge of more codes than a codebook holds, or a split of more segments than a
 * question has in practice, is refused with a 400 rather than stored.
 */
export const MAX_MERGED_CODES = 100;
export const MAX_MERGED_THEMES = 50;
/** The most quotes a theme has in the report. */
const MAX_CHOSEN_QUOTES = 5;
export const MAX_SPLIT_SEGMENTS = 2000;
export const MAX_SETTLED_CODES = 100;

function fail(field: string, message: string): never {
  throw new ValidationError({ message, details: [{ field, message }] });
}

function nextId(prefix: string, existing: string[]): string {
  let n = existing.length + 1;
  while (existing.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/** What some operations need beyond the coding. */
export interface OperationContext {
  /** The full text of an answer, by response id. */
  answerText?: (responseId: string) => string | undefined;
  /**
   * Set while the question is coded independently and the operation is applied to this researcher's own view
   * (coding-service.ts): what they make is theirs alone, they may change only their own coding, and new ids are
   * drawn at random, so that neither a clash nor a number tells them what anyone else made.
   */
  independentCoder?: string;
  /**
   * Set after the reveal for a researcher (not an admin): a code or theme someone made while coding independently
   * is still its author's to rename, define, accept, discard, move or merge away, as the screens say; anyone may
   * apply it, merge their own into it, or settle an answer.
   */
  author?: string;
  newId?: (prefix: string) => string;
}

const SHARED_UNTIL_REVEAL =
  'the researchers are coding independently: the shared codes and themes stay as they are until an admin reveals the coding (make a code of your own instead)';

/** What an operation works on: a copy of the coding to change, who changes it and when, and look-ups that name what is wrong. */
interface Review {
  state: CodingState;
  /** The coding as it was before the operation. */
  before: CodingState;
  by: string;
  at: Date;
  /** The researcher coding independently, when the operation is applied to their own view. */
  coder?: string;
  /** Marks what an independent coder makes as theirs alone. */
  privately: { privateTo?: string };
  freshId(prefix: string, existing: string[]): string;
  code(codeId: string, field?: string): CodingCode;
  theme(themeId: string, field?: string): CodingTheme;
  /** A code or theme this person may change: coding independently, only one they made themselves. */
  /** After the reveal, the researcher whose own work alone they may change (see OperationContext.author). */
  author?: string;
  ownCode(codeId: string, field?: string): CodingCode;
  ownTheme(themeId: string, field?: string): CodingTheme;
  segment(segmentId: string): CodingSegment;
  /** The full text of an answer to the question (see `needsText`). */
  answerText(responseId: string): string;
}

/** After the reveal, what a researcher made coding independently stays theirs to change (see `author`). */
function authored<T extends { label: string; privateTo?: string }>(
  found: T,
  field: string,
  author: string | undefined,
  kind: 'code' | 'theme',
): T {
  if (author && found.privateTo && found.privateTo !== author)
    fail(
      field,
      kind === 'code'
        ? `“${found.label}” is ${found.privateTo}'s, made coding independently: after the reveal each researcher changes only their own (apply it, merge a code of yours into it, or settle the answers it differs on)`
        : `“${found.label}” is ${found.privateTo}'s, made coding independently: after the reveal each researcher changes only their own themes (move codes of yours into it, or settle the answers it differs on)`,
    );
  return found;
}

function reviewOf(input: CodingState, by: string, at: Date, context: OperationContext): Review {
  const state = structuredClone(input);
  const coder = context.independentCoder;
  const code = (codeId: string, field = 'code') =>
    state.codes.find((candidate) => candidate.id === codeId) ?? fail(field, `there is no code "${codeId}"`);
  const theme = (themeId: string, field = 'theme') =>
    state.themes.find((candidate) => candidate.id === themeId) ?? fail(field, `there is no theme "${themeId}"`);
  return {
    state,
    before: input,
    by,
    at,
    coder,
    ...(context.author ? { author: context.author } : {}),
    privately: coder ? { privateTo: coder } : {},
    freshId: (prefix, existing) => context.newId?.(prefix) ?? nextId(prefix, existing),
    code,
    theme,
    ownCode(codeId, field = 'code') {
      const found = code(codeId, field);
      if (coder && found.privateTo !== coder) fail(field, SHARED_UNTIL_REVEAL);
      return authored(found, field, context.author, 'code');
    },
    ownTheme(themeId, field = 'theme') {
      const found = theme(themeId, field);
      if (coder && found.privateTo !== coder) fail(field, SHARED_UNTIL_REVEAL);
      return authored(found, field, context.author, 'theme');
    },
    segment: (segmentId) =>
      state.segments.find((candidate) => candidate.id === segmentId) ??
      fail('segment', `there is no segment "${segmentId}"`),
    answerText: (responseId) =>
      context.answerText?.(responseId) ?? fail('answer', `there is no answer "${responseId}" to this question`),
  };
}

interface OperationHandler<Operation> {
  /** What a request for it must be. */
  schema: z.ZodType;
  /** It needs the full text of the answer it names, which the coding does not keep: the service reads it first. */
  needsText: boolean;
  /** Refused on an answer not yet submitted, whose text may still change. */
  onlySubmitted?: boolean;
  /** It changes how the question is coded rather than the coding: admins only. */
  adminOnly?: boolean;
  /** Changes `review.state`; names what is wrong (a 400) when the operation cannot apply. */
  apply(review: Review, operation: Operation): void;
}

/** One operation's entry in the table: its schema, what it needs, and what it does. */
function operation<Schema extends z.ZodObject>(
  schema: Schema,
  handler: Omit<OperationHandler<z.infer<Schema>>, 'schema'>,
): OperationHandler<z.infer<Schema>> & { schema: Schema } {
  return { schema, ...handler };
}

function decideSuggestion(status: 'accepted' | 'rejected') {
  return ({ state, by, segment, code }: Review, operation: { segment: string; code: string }): void => {
    const target = segment(operation.segment).id;
    const decided = code(operation.code);
    const codeId = decided.id;
    const on = (candidate: CodeApplication) => candidate.segmentId === target && candidate.codeId === codeId;
    const none = () => fail('code', `segment "${operation.segment}" has no suggestion of "${operation.code}"`);
    if (!state.independent) {
      Object.assign(state.applications.find(on) ?? none(), { status, by });
      return;
    }
    // Coding independently, a decision is this researcher's own: on their own coding (removing a code they gave),
    // or on a copy of the machine's suggestion, which stays as it was for the others. Another's coding is theirs.
    const mine = state.applications.find((candidate) => on(candidate) && candidate.by === by);
    if (mine) {
      mine.status = status;
      return;
    }
    const suggestion = state.applications.find((candidate) => on(candidate) && candidate.by === 'machine');
    if (!suggestion) {
      const other = state.applications.find((candidate) => on(candidate) && candidate.by !== 'consensus') ?? none();
      fail(
        'code',
        `“${decided.label}” was given there by ${other.by}: coding independently, each researcher changes only their own coding`,
      );
    }
    const { suggestedFor: _for, ...suggested } = suggestion;
    state.applications.push({ ...suggested, by, origin: 'machine', status, evidence: [...suggestion.evidence] });
  };
}

/**
 * Everything a researcher can do to the proposed coding (Braun and Clarke's reviewing, defining and naming), one
 * entry per operation: the schema of its request, what it needs, and how it changes the coding.
 */
const REVIEW_OPERATIONS = {
  'rename-code': operation(z.strictObject({ op: z.literal('rename-code'), code: id, label }), {
    needsText: false,
    apply({ state, by, ownCode }, operation) {
      const renamed = ownCode(operation.code);
      const taken = codeLabelled(state, operation.label, renamed.themeId);
      if (taken && taken.id !== renamed.id)
        fail(
          'label',
          `there is a code "${operation.label}" already${renamed.themeId ? ' in this theme' : ''}: merge the two codes instead`,
        );
      if (renamed.label !== operation.label) {
        renamed.reviewedBy = by;
        // Named by a researcher, a mixed code says what its segments share: it is theirs to accept (and define) now.
        if (renamed.mixed) {
          delete renamed.mixed;
          renamed.definition = '';
        }
      }
      renamed.label = operation.label;
    },
  }),
  'define-code': operation(
    z.strictObject({ op: z.literal('define-code'), code: id, definition: z.string().max(2000) }),
    {
      needsText: false,
      apply({ by, ownCode }, operation) {
        Object.assign(ownCode(operation.code), { definition: operation.definition, reviewedBy: by });
      },
    },
  ),
  'accept-code': operation(z.strictObject({ op: z.literal('accept-code'), code: id }), {
    needsText: false,
    apply({ ownCode }, operation) {
      acceptUnlessMixed(
        ownCode(operation.code),
        'code',
        'This code is a mixed group: its segments share no phrase. Rename it to say what they have in common, then accept it; or split, merge or discard it.',
      );
    },
  }),
  'discard-code': operation(z.strictObject({ op: z.literal('discard-code'), code: id }), {
    needsText: false,
    apply({ ownCode }, operation) {
      ownCode(operation.code).status = 'discarded';
    },
  }),
  'merge-codes': operation(
    z.strictObject({ op: z.literal('merge-codes'), into: id, codes: z.array(id).min(1).max(MAX_MERGED_CODES) }),
    {
      needsText: false,
      apply({ state, by, before, code, ownCode }, operation) {
        const target = code(operation.into, 'into');
        target.reviewedBy = by;
        const merged = new Set(
          operation.codes.filter((codeId) => codeId !== target.id).map((codeId) => ownCode(codeId, 'codes').id),
        );
        // Before the reveal, one researcher's code merged into another's (or into a shared one) would leave their
        // coding under a code they cannot see.
        if (isSealed(state) && [...merged].some((codeId) => code(codeId).privateTo !== target.privateTo))
          fail(
            'codes',
            'the researchers are coding independently: only codes made by the same researcher can be merged until the reveal',
          );
        mergeCodeInto(state, target.id, merged);
        // The machine's "in this theme" is no longer true of a code that took others' answers.
        target.definition = withoutPlacement(target.definition);
        dropThemesLeftEmpty(before, state);
      },
    },
  ),
  'split-code': operation(
    z.strictObject({
      op: z.literal('split-code'),
      code: id,
      segments: z.array(id).min(1).max(MAX_SPLIT_SEGMENTS),
      label,
    }),
    {
      needsText: false,
      apply({ state, coder, privately, freshId, code }, operation) {
        const source = code(operation.code);
        const moving = new Set(operation.segments);
        // Coding independently, only this researcher's own applications are theirs to split.
        const splittable = (application: CodeApplication) =>
          application.codeId === source.id && (!coder || application.by === coder);
        const applied = new Set(state.applications.filter(splittable).map((application) => application.segmentId));
        for (const segmentId of moving)
          if (!applied.has(segmentId))
            fail(
              'segments',
              `a passage chosen (${segmentId}) is not coded “${source.label}” now: someone may have split it off or uncoded it meanwhile`,
            );
        if (codeLabelled(state, operation.label, source.themeId))
          fail(
            'label',
            `there is a code "${operation.label}" already${source.themeId ? ' in this theme' : ''}: name the new code differently`,
          );
        const newId = freshId(
          'code',
          state.codes.map((candidate) => candidate.id),
        );
        const { privateTo: _shared, ...copied } = source;
        state.codes.push({
          ...copied,
          ...privately,
          id: newId,
          label: operation.label,
          source: 'researcher',
          status: 'proposed',
        });
        state.applications = state.applications.map((application) =>
          splittable(application) && moving.has(application.segmentId)
            ? { ...application, codeId: newId }
            : application,
        );
      },
    },
  ),
  'move-code': operation(z.strictObject({ op: z.literal('move-code'), code: id, theme: id.nullable() }), {
    needsText: false,
    apply({ by, ownCode, theme }, operation) {
      Object.assign(ownCode(operation.code), {
        themeId: operation.theme === null ? null : theme(operation.theme).id,
        reviewedBy: by,
      });
    },
  }),
  'promote-code': operation(z.strictObject({ op: z.literal('promote-code'), code: id }), {
    needsText: false,
    apply({ state, by, privately, freshId, ownCode }, operation) {
      const promoted = ownCode(operation.code);
      promoted.reviewedBy = by;
      const newId = freshId(
        'theme',
        state.themes.map((candidate) => candidate.id),
      );
      state.themes.push({
        id: newId,
        label: promoted.label,
        definition: withoutPlacement(promoted.definition),
        status: 'proposed',
        proposedQuotes: quotesOf(state, promoted.id, by),
        chosenQuotes: [],
        reviewedBy: by,
        ...privately,
      });
      promoted.themeId = newId;
    },
  }),
  'rename-theme': operation(z.strictObject({ op: z.literal('rename-theme'), theme: id, label }), {
    needsText: false,
    apply({ state, by, ownTheme }, operation) {
      const renamed = ownTheme(operation.theme);
      // The machine's definition says what the theme's answers say, which a new name does not change: it stays for the
      // researcher to keep or rewrite. A mixed group's says only that it is one, which naming it ends.
      if (renamed.label !== operation.label && !renamed.definedBy && renamed.mixed) renamed.definition = '';
      // A researcher naming a mixed group says what its answers share: it is theirs to accept now. The machine's
      // label coverage was of the machine's label.
      if (renamed.label !== operation.label) {
        delete renamed.mixed;
        delete renamed.labelCoverage;
        // Look-alike groups that had its old name told the reader nothing then, and would read as another theme now.
        if (renamed.mergedFrom) renamed.mergedFrom = renamed.mergedFrom.filter((label) => label !== renamed.label);
        renamed.reviewedBy = by;
        // Other themes' machine definitions that contrast with it name it as it is called now.
        for (const other of state.themes)
          if (!other.definedBy)
            other.definition = withContrastRenamed(other.definition, renamed.label, operation.label);
      }
      renamed.label = operation.label;
    },
  }),
  'define-theme': operation(
    z.strictObject({ op: z.literal('define-theme'), theme: id, definition: z.string().max(2000) }),
    {
      needsText: false,
      apply({ by, ownTheme }, operation) {
        Object.assign(ownTheme(operation.theme), { definition: operation.definition, definedBy: by, reviewedBy: by });
      },
    },
  ),
  'accept-theme': operation(z.strictObject({ op: z.literal('accept-theme'), theme: id }), {
    needsText: false,
    apply({ ownTheme }, operation) {
      // A mixed group is never reported as a finding, and an accepted theme is one.
      acceptUnlessMixed(
        ownTheme(operation.theme),
        'theme',
        'This is a mixed group: its answers share no phrase. Rename it to say what they have in common, then accept it; or split or discard it.',
      );
    },
  }),
  'discard-theme': operation(z.strictObject({ op: z.literal('discard-theme'), theme: id }), {
    needsText: false,
    apply({ state, ownTheme }, operation) {
      const discarded = ownTheme(operation.theme);
      if (discarded.status === 'discarded') return;
      leaveBoard(state, discarded);
      const released = state.codes.filter((candidate) => candidate.themeId === discarded.id);
      for (const candidate of released) candidate.themeId = null;
      // Remembered so that bringing the theme back brings back the codes it held (those still in no theme); its
      // presence also says the theme was discarded, not merged.
      discarded.releasedCodes = released.map((candidate) => candidate.id);
    },
  }),
  'restore-theme': operation(z.strictObject({ op: z.literal('restore-theme'), theme: id }), {
    needsText: false,
    apply({ state, ownTheme }, operation) {
      const restored = ownTheme(operation.theme);
      if (restored.status !== 'discarded') fail('theme', `the theme "${restored.label}" was not discarded`);
      const into = mergedInto(state.themes, restored);
      if (into)
        fail(
          'theme',
          `the theme "${restored.label}" was merged into "${into.label}", with its codes: undo the merge, or move its codes out of "${into.label}" into a new theme`,
        );
      restored.status = 'proposed';
      for (const codeId of restored.releasedCodes ?? []) {
        const held = state.codes.find((candidate) => candidate.id === codeId);
        if (held && held.themeId === null && held.status !== 'discarded') held.themeId = restored.id;
      }
      delete restored.releasedCodes;
    },
  }),
  'merge-themes': operation(
    z.strictObject({ op: z.literal('merge-themes'), into: id, themes: z.array(id).min(1).max(MAX_MERGED_THEMES) }),
    {
      needsText: false,
      apply({ state, by, author, theme, ownTheme, ownCode }, operation) {
        // Merging accepts the theme it joins and clears its machine definition: after the reveal, only its author's.
        const target = authored(theme(operation.into, 'into'), 'into', author, 'theme');
        if (target.status === 'discarded') fail('into', `the theme "${target.label}" was discarded`);
        for (const themeId of operation.themes) {
          if (themeId === target.id) continue;
          const merged = ownTheme(themeId, 'themes');
          if (merged.status === 'discarded') fail('themes', `the theme "${merged.label}" was discarded`);
          // A theme a researcher accepted stays accepted in the theme that holds it now (a mixed one is renamed first).
          if (merged.status === 'accepted' && !target.mixed) target.status = 'accepted';
          for (const moved of state.codes.filter((code) => code.themeId === merged.id && code.status !== 'discarded')) {
            ownCode(moved.id, 'themes');
            // A code named as one of the theme's own is the same idea: one code, as merge-codes makes it.
            const same = codeLabelled(state, moved.label, target.id);
            if (same) mergeCodeInto(state, same.id, new Set([moved.id]));
            else moved.themeId = target.id;
          }
          leaveBoard(state, merged);
          merged.mergedIntoId = target.id;
          target.mergedFrom = [...new Set([...(target.mergedFrom ?? []), merged.label])];
          target.proposedQuotes = [...new Set([...target.proposedQuotes, ...merged.proposedQuotes])];
          if (!target.chosenQuotes.length) target.chosenQuotes = merged.chosenQuotes.slice(0, MAX_CHOSEN_QUOTES);
        }
        // The label's coverage, and the machine's definition ("100% of its answers say …"), were of the machine's
        // grouping, which the merge has changed.
        delete target.labelCoverage;
        if (!target.definedBy) target.definition = '';
        target.reviewedBy = by;
      },
    },
  ),
  'choose-quotes': operation(
    z.strictObject({ op: z.literal('choose-quotes'), theme: id, answers: z.array(id).max(MAX_CHOSEN_QUOTES) }),
    {
      needsText: false,
      apply({ state, ownTheme }, operation) {
        const chosenTheme = ownTheme(operation.theme);
        const answers = new Set(state.segments.map((candidate) => candidate.responseId));
        for (const answer of operation.answers)
          if (!answers.has(answer)) fail('answers', `there is no coded answer "${answer}"`);
        chosenTheme.chosenQuotes = operation.answers;
      },
    },
  ),
  'accept-suggestion': operation(z.strictObject({ op: z.literal('accept-suggestion'), segment: id, code: id }), {
    needsText: false,
    apply: decideSuggestion('accepted'),
  }),
  'reject-suggestion': operation(z.strictObject({ op: z.literal('reject-suggestion'), segment: id, code: id }), {
    needsText: false,
    apply: decideSuggestion('rejected'),
  }),
  'apply-code': operation(z.strictObject({ op: z.literal('apply-code'), segment: id, code: id }), {
    needsText: false,
    apply({ state, by, segment, code }, operation) {
      applyCode(state, segment(operation.segment).id, code(operation.code).id, by);
    },
  }),
  'add-memo': operation(z.strictObject({ op: z.literal('add-memo'), text: z.string().trim().min(1).max(10_000) }), {
    needsText: false,
    apply({ state, by, at, privately, freshId }, operation) {
      state.memos.push({
        id: freshId(
          'memo',
          state.memos.map((memo) => memo.id),
        ),
        text: operation.text,
        by,
        at: at.toISOString(),
        ...privately,
      });
    },
  }),
  'create-code': operation(
    z.strictObject({ op: z.literal('create-code'), label, definition: z.string().max(2000).optional() }),
    {
      needsText: false,
      apply({ state, coder, freshId }, operation) {
        if (codeLabelled(state, operation.label))
          fail('label', `there is a code "${operation.label}" already: apply it, or name the new code differently`);
        createCode(state, operation.label, operation.definition ?? '', freshId, coder);
      },
    },
  ),
  /** Admins only: researchers code independently from now on (or no longer), until revealed. */
  'set-independent': operation(z.strictObject({ op: z.literal('set-independent'), on: z.boolean() }), {
    needsText: false,
    adminOnly: true,
    apply({ state, at }, operation) {
      if (operation.on) state.independent = { startedAt: at.toISOString(), revealed: false };
      else delete state.independent;
    },
  }),
  reveal: operation(z.strictObject({ op: z.literal('reveal') }), {
    needsText: false,
    adminOnly: true,
    apply({ state }) {
      if (!state.independent) fail('op', 'the coding of this question is not independent');
      state.independent.revealed = true;
      joinSameNamedCodes(state);
    },
  }),
  /** After comparing, the codes an answer carries from now on (none is a choice too); replaces an earlier settling. */
  'settle-answer': operation(
    z.strictObject({ op: z.literal('settle-answer'), answer: id, codes: z.array(id).max(MAX_SETTLED_CODES) }),
    {
      needsText: true,
      apply({ state, by, at, freshId, code, answerText }, operation) {
        if (state.independent && !state.independent.revealed)
          fail(
            'op',
            'the researchers are coding independently: an admin reveals their coding before answers are settled',
          );
        const segments = state.segments.filter((candidate) => candidate.responseId === operation.answer);
        if (segments.length === 0) fail('answer', `there is no coded answer "${operation.answer}"`);
        const codes = [...new Set(operation.codes.map((codeId) => code(codeId, 'codes').id))];
        const onAnswer = new Set(segments.map((candidate) => candidate.id));
        for (const codeId of codes) {
          if (
            state.applications.some(
              (application) =>
                onAnswer.has(application.segmentId) &&
                application.codeId === codeId &&
                application.status !== 'rejected',
            )
          )
            continue;
          // A code nobody put on the answer is settled on the whole answer.
          const text = answerText(operation.answer);
          const whole = state.segments.find(
            (candidate) =>
              candidate.responseId === operation.answer && candidate.start === 0 && candidate.end === text.length,
          ) ?? {
            id: freshId(
              'span',
              state.segments.map((candidate) => candidate.id),
            ),
            responseId: operation.answer,
            text,
            start: 0,
            end: text.length,
          };
          if (!state.segments.includes(whole)) state.segments.push(whole);
          state.applications.push({
            segmentId: whole.id,
            codeId,
            by: 'consensus',
            origin: 'researcher',
            status: 'accepted',
            confidence: null,
            evidence: [],
          });
        }
        state.consensus = Object.fromEntries([
          ...Object.entries(state.consensus ?? {}),
          [operation.answer, { codes, by, at: at.toISOString() }],
        ]);
      },
    },
  ),
  /**
   * Codes any span of an answer: offsets in the answer's text, end exclusive, counted in `unit`; `label` instead
   * of `code` makes a code, or joins the code already named so (the response says so).
   */
  'code-span': operation(
    z
      .strictObject({
        op: z.literal('code-span'),
        answer: id,
        start: z.number().int().min(0).describe('where the span starts, counted in `unit`'),
        end: z.number().int().min(1).describe('where the span ends (exclusive), counted in `unit`'),
        unit: z
          .enum(OFFSET_UNITS)
          .optional()
          .describe(
            'what start and end count. "code-point" (the default): Unicode code points (what Python, R and REFI-QDA tools count) of the answer with each line break (CR LF, CR or LF) counted as one. "utf-16": UTF-16 code units of the answer as stored (JavaScript string indices; the `start` and `end` of the segments this API returns).',
          ),
        code: id.optional(),
        label: label.optional(),
      })
      .refine((span) => span.end > span.start, { path: ['end'], message: 'must be after start' })
      .refine((span) => Boolean(span.code) !== Boolean(span.label), {
        path: ['code'],
        message: 'give either a code or a label for a new one',
      }),
    {
      needsText: true,
      onlySubmitted: true,
      apply({ state, by, coder, privately, freshId, code, answerText }, operation) {
        const text = answerText(operation.answer);
        const { start, end } = utf16Span(text, operation);
        const codeId = operation.code
          ? code(operation.code).id
          : (codeLabelled(state, operation.label!) ?? createCode(state, operation.label!, '', freshId, coder)).id;
        const existing = state.segments.find(
          (candidate) =>
            candidate.responseId === operation.answer && candidate.start === start && candidate.end === end,
        );
        const span = existing ?? {
          id: freshId(
            'span',
            state.segments.map((candidate) => candidate.id),
          ),
          responseId: operation.answer,
          text: text.slice(start, end),
          start,
          end,
          ...privately,
        };
        if (!existing) state.segments.push(span);
        applyCode(state, span.id, codeId, by);
      },
    },
  ),
};

const [firstSchema, ...otherSchemas] = Object.values(REVIEW_OPERATIONS).map((entry) => entry.schema);
/** Any review operation, told apart by `op`. */
export const reviewOperationSchema = z.discriminatedUnion('op', [firstSchema!, ...otherSchemas]);

export type ReviewOperation = z.infer<typeof reviewOperationSchema>;
type OperationName = ReviewOperation['op'];
type OperationNamed<Name extends OperationName> = Extract<ReviewOperation, { op: Name }>;

/** The table, checked to hold one handler for each operation, under its own name. */
export const reviewOperations: { readonly [Name in OperationName]: OperationHandler<OperationNamed<Name>> } =
  REVIEW_OPERATIONS;

function applyNamed<Name extends OperationName>(review: Review, name: Name, operation: OperationNamed<Name>): void {
  const handler: OperationHandler<OperationNamed<Name>> = reviewOperations[name];
  handler.apply(review, operation);
}

/** A new state with the operation applied; the input is left untouched. Names what is wrong when it cannot apply. */
export function applyReviewOperation(
  input: CodingState,
  operation: ReviewOperation,
  by: string,
  at = new Date(),
  context: OperationContext = {},
): CodingState {
  const review = reviewOf(input, by, at, context);
  applyNamed(review, operation.op, operation);
  return review.state;
}

/**
 * The code already named so (ignoring case and surrounding space), in the given theme (null: in none) or, for a
 * new code, anywhere: code labels are unique under a parent, as REFI-QDA tools need to keep every code, and a
 * researcher naming a new code after an existing one means that one.
 */
export function codeLabelled(state: Pick<CodingState, 'codes'>, label: string, themeId?: string | null) {
  const wanted = nameKey(label);
  return state.codes.find(
    (candidate) =>
      candidate.status !== 'discarded' &&
      (themeId === undefined || (candidate.themeId ?? null) === themeId) &&
      nameKey(candidate.label) === wanted,
  );
}

/** A code-span's offsets as UTF-16 offsets of the stored answer, checked against it in the unit they were given in. */
function utf16Span(
  text: string,
  span: { start: number; end: number; unit?: (typeof OFFSET_UNITS)[number] },
): { start: number; end: number } {
  if (span.unit === 'utf-16') {
    if (span.start >= text.length) fail('start', `must be inside the answer (it has ${text.length} UTF-16 code units)`);
    if (span.end > text.length) fail('end', `must be at most the answer's length, ${text.length} UTF-16 code units`);
    const splits = (at: number) =>
      at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]!) && /[\uDC00-\uDFFF]/.test(text[at]!);
    if (splits(span.start))
      fail('start', 'must not fall inside a character (between the two halves of a surrogate pair)');
    if (splits(span.end)) fail('end', 'must not fall inside a character (between the two halves of a surrogate pair)');
    return { start: span.start, end: span.end };
  }
  const exchange = exchangeText(text);
  if (span.start >= exchange.length)
    fail('start', `must be inside the answer (it has ${exchange.length} characters, counted as code points)`);
  if (span.end > exchange.length)
    fail('end', `must be at most the answer's length, ${exchange.length} characters (code points)`);
  return { start: exchange.utf16At(span.start)!, end: exchange.utf16At(span.end)! };
}

/**
 * A theme leaves the board (discarded, or merged into another): the machine's definitions (not a researcher's)
 * stop contrasting their theme with it.
 */
function leaveBoard(state: CodingState, gone: CodingTheme): void {
  gone.status = 'discarded';
  for (const theme of state.themes)
    if (!theme.definedBy && theme.status !== 'discarded')
      theme.definition = withoutContrastWith(theme.definition, gone.label);
}

/** Accepts a code or theme, refused while it is the machine's mixed group: renamed, it says what it holds. */
function acceptUnlessMixed(item: CodingCode | CodingTheme, field: string, refusal: string): void {
  if (item.mixed) fail(field, refusal);
  item.status = 'accepted';
}

/** The merged codes' applications become the target's (once per segment and coder), and the merged codes go. */
function mergeCodeInto(state: CodingState, targetId: string, merged: Set<string>): void {
  state.applications = state.applications.map((application) =>
    merged.has(application.codeId) ? { ...application, codeId: targetId } : application,
  );
  // A segment coded with two of the merged codes now holds the target once for each coder; the machine's
  // suggestions made for different researchers coding independently stay apart, as they were.
  const seen = new Set<string>();
  state.applications = state.applications.filter((application) => {
    const key = applicationKey(application);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  state.codes = state.codes.filter((candidate) => !merged.has(candidate.id));
}

/**
 * Codes the researchers each made while coding independently under the same name ("Backfill costs" twice) are one
 * code once revealed: agreement then compares them as one, and the codebook lists it once.
 */
function joinSameNamedCodes(state: CodingState): void {
  const byName = new Map<string, CodingCode[]>();
  for (const candidate of state.codes) {
    if (!candidate.privateTo || candidate.status === 'discarded') continue;
    const name = nameKey(candidate.label);
    byName.set(name, [...(byName.get(name) ?? []), candidate]);
  }
  for (const [first, ...others] of byName.values()) {
    if (others.length === 0) continue;
    mergeCodeInto(state, first!.id, new Set(others.map((other) => other.id)));
    delete first!.privateTo;
  }
}

/** A theme whose last codes were merged into another theme's code is empty: it is discarded (undo brings it back). */
function dropThemesLeftEmpty(before: CodingState, after: CodingState): void {
  const themed = (state: CodingState) =>
    new Set(
      state.codes
        .filter((candidate) => candidate.status !== 'discarded')
        .map((candidate) => candidate.themeId)
        .filter(Boolean),
    );
  const had = themed(before);
  const has = themed(after);
  for (const candidate of after.themes)
    if (candidate.status !== 'discarded' && had.has(candidate.id) && !has.has(candidate.id))
      candidate.status = 'discarded';
}

function applyCode(state: CodingState, segmentId: string, codeId: string, by: string): void {
  // Coding independently, each researcher's application is their own; otherwise one per segment and code.
  const existing = state.applications.find(
    (candidate) =>
      candidate.segmentId === segmentId && candidate.codeId === codeId && (!state.independent || candidate.by === by),
  );
  if (existing) Object.assign(existing, { status: 'accepted', by });
  else
    state.applications.push({
      segmentId,
      codeId,
      by,
      origin: 'researcher',
      status: 'accepted',
      confidence: null,
      evidence: [],
    });
}

function createCode(
  state: CodingState,
  label: string,
  definition: string,
  freshId: (prefix: string, existing: string[]) => string,
  coder?: string,
): CodingCode {
  const created: CodingCode = {
    id: freshId(
      'code',
      state.codes.map((candidate) => candidate.id),
    ),
    label,
    definition,
    keywords: [],
    source: 'researcher',
    themeId: null,
    parentId: null,
    status: 'accepted',
    ...(coder ? { privateTo: coder } : {}),
  };
  state.codes.push(created);
  return created;
}

/**
 * A short account of the operation for the audit trail. A rename also keeps the name it replaced (`from`, read
 * from the coding before it), so that the change list can say "renamed the theme “Meetings” to “Admin support”".
 */
export function describeOperation(operation: ReviewOperation, before?: CodingState, by?: string): string {
  const { op, ...rest } = operation;
  const renamed =
    operation.op === 'rename-theme'
      ? before?.themes.find((theme) => theme.id === operation.theme)
      : operation.op === 'rename-code'
        ? before?.codes.find((code) => code.id === operation.code)
        : undefined;
  // Rejecting a code already on the passage (given by hand, or a suggestion accepted) takes it off: "removed", not
  // "rejected the suggestion".
  const on =
    operation.op === 'reject-suggestion'
      ? (before?.applications ?? []).filter(
          (application) => application.segmentId === operation.segment && application.codeId === operation.code,
        )
      : [];
  // Coding independently, the decision is on the doer's own coding only; otherwise on whoever's is there.
  const decided =
    on.find((application) => application.by === by) ??
    (before?.independent ? undefined : on.find((application) => application.by !== 'machine'));
  const removed = decided?.status === 'accepted';
  // A code, theme or passage can be gone by the time the change list is read (merged away, or taken out by a new
  // machine run): the names it had are kept with the change, so that the list never shows an id.
  const names = before ? namesReferred(operation, before) : {};
  const named = Object.keys(names).length > 0 ? { names } : {};
  return `${op}: ${JSON.stringify({ ...rest, ...(renamed ? { from: renamed.label } : removed ? { removed } : {}), ...named })}`;
}

/** The labels of the codes and themes an operation names, and the text of the passage it names, as they are now. */
function namesReferred(operation: ReviewOperation, state: CodingState): Record<string, string> {
  const fields = operation as Partial<Record<'code' | 'theme' | 'into' | 'segment', unknown>> &
    Partial<Record<'codes' | 'themes', unknown>>;
  const ids = [fields.code, fields.theme, fields.into, fields.segment, fields.codes, fields.themes]
    .flat()
    .filter((id): id is string => typeof id === 'string');
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const named =
      state.codes.find((code) => code.id === id)?.label ??
      state.themes.find((theme) => theme.id === id)?.label ??
      state.segments.find((segment) => segment.id === id)?.text.slice(0, PASSAGE_KEPT);
    if (named !== undefined) names[id] = named;
  }
  return names;
}

// A passage is quoted in the change list by its first words: as much is kept with a change as a line can show.
const PASSAGE_KEPT = 60;
