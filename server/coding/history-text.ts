import { listText } from '../../analysis/stats-format';
import type { CodingAuditEntry } from '../kernel/coding-records';
import { UNDO_PREFIX } from '../store/save-outcome';
import { countText } from './count-text';
import { answerTexts, type CodingState } from './coding-state';
import { reviewOperationSchema, type ReviewOperation } from './review-operations';

const QUOTE_LENGTH = 40;

/** A piece of an answer or a label short enough for one line of the change list. */
function quoted(text: string, length = QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return `“${flat}”`;
  // Cut at a word's end where there is one in the second half, so no word is left half-written.
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `“${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…”`;
}

/** What a change did, as the end of a sentence whose subject is who did it ("applied “Admin support” to “We need…”"). */
export function operationSentence(
  operation: ReviewOperation,
  state: CodingState,
  /** The name a rename replaced, as recorded with it. */
  from?: string,
  /** A rejection that took off a code someone gave by hand. */
  removed = false,
  /** The names of the codes, themes and passages it named, as recorded with it (older records have none). */
  names: Record<string, string> = {},
): string {
  // Names as they are now; a code or passage gone since (merged away, or taken out by a new machine run) by the name
  // recorded with the change; by its id only in records older than that.
  const code = (id: string) => quoted(state.codes.find((candidate) => candidate.id === id)?.label ?? names[id] ?? id);
  const theme = (id: string) => quoted(state.themes.find((candidate) => candidate.id === id)?.label ?? names[id] ?? id);
  const segment = (id: string) => {
    const text = state.segments.find((candidate) => candidate.id === id)?.text ?? names[id];
    return text !== undefined ? quoted(text) : `segment ${id}`;
  };
  const list = (ids: string[], name: (id: string) => string) => listText(ids.map(name));
  switch (operation.op) {
    case 'rename-code':
      return from === undefined
        ? `renamed a code to ${quoted(operation.label)}`
        : `renamed the code ${quoted(from)} to ${quoted(operation.label)}`;
    case 'define-code':
      return operation.definition.trim()
        ? `defined the code ${code(operation.code)} as ${quoted(operation.definition)}`
        : `removed the definition of the code ${code(operation.code)}`;
    case 'accept-code':
      return `accepted the code ${code(operation.code)}`;
    case 'discard-code':
      return `discarded the code ${code(operation.code)}`;
    case 'merge-codes':
      return `merged ${list(
        operation.codes.filter((id) => id !== operation.into),
        code,
      )} into ${code(operation.into)}`;
    case 'split-code':
      return `split ${countText(operation.segments.length, 'segment')} off ${code(operation.code)} into a new code ${quoted(operation.label)}`;
    case 'move-code':
      return operation.theme === null
        ? `took the code ${code(operation.code)} out of its theme`
        : `moved the code ${code(operation.code)} to the theme ${theme(operation.theme)}`;
    case 'promote-code':
      return `made the code ${code(operation.code)} a theme`;
    case 'rename-theme':
      return from === undefined
        ? `renamed a theme to ${quoted(operation.label)}`
        : `renamed the theme ${quoted(from)} to ${quoted(operation.label)}`;
    case 'define-theme':
      return operation.definition.trim()
        ? `defined the theme ${theme(operation.theme)} as ${quoted(operation.definition)}`
        : `removed the definition of the theme ${theme(operation.theme)}`;
    case 'accept-theme':
      return `accepted the theme ${theme(operation.theme)}`;
    case 'discard-theme':
      return `discarded the theme ${theme(operation.theme)}`;
    case 'restore-theme':
      return `brought back the theme ${theme(operation.theme)}`;
    case 'merge-themes':
      return `merged the ${operation.themes.length === 1 ? 'theme' : 'themes'} ${list(
        operation.themes.filter((id) => id !== operation.into),
        theme,
      )} into ${theme(operation.into)}`;
    case 'choose-quotes':
      return operation.answers.length === 0
        ? `chose no quotes for ${theme(operation.theme)}`
        : `chose ${countText(operation.answers.length, 'quote')} for ${theme(operation.theme)}`;
    case 'accept-suggestion':
      return `applied ${code(operation.code)} to ${segment(operation.segment)}, as suggested`;
    case 'reject-suggestion':
      return removed
        ? `removed ${code(operation.code)} from ${segment(operation.segment)}`
        : `rejected the suggestion ${code(operation.code)} for ${segment(operation.segment)}`;
    case 'apply-code':
      return `applied ${code(operation.code)} to ${segment(operation.segment)}`;
    case 'add-memo':
      return `wrote a memo: ${quoted(operation.text, 80)}`;
    case 'create-code':
      return `created the code ${quoted(operation.label)}`;
    case 'set-independent':
      return operation.on ? 'started independent coding' : 'stopped independent coding';
    case 'reveal':
      return 'revealed everyone’s coding';
    case 'settle-answer': {
      const text = answerTexts(state).get(operation.answer);
      const answer = text ? quoted(text) : `answer ${operation.answer}`;
      return operation.codes.length === 0
        ? `settled ${answer} on no codes`
        : `settled ${answer} on ${list(operation.codes, code)}`;
    }
    case 'code-span': {
      const span = state.segments.find(
        (candidate) =>
          candidate.responseId === operation.answer &&
          candidate.start === operation.start &&
          candidate.end === operation.end,
      );
      const words = span
        ? quoted(span.text)
        : `characters ${operation.start}–${operation.end} of answer ${operation.answer}`;
      return `coded ${words} as ${operation.code ? code(operation.code) : quoted(operation.label ?? '')}`;
    }
  }
}

/**
 * A recorded change (as the audit and the undo log keep it) as the end of a sentence: a review operation read back,
 * or the service's own wording.
 */
export function recordedSentence(operation: string, state: CodingState): string {
  const colon = operation.indexOf(': ');
  const [name, rest] = colon < 0 ? [operation, ''] : [operation.slice(0, colon), operation.slice(colon + 2)];
  if (name === 'code') return `had the machine propose codes and themes (${rest})`;
  if (name === 'suggest') return `asked for suggestions from the decisions made (${rest})`;
  try {
    const { from, removed, names, ...recorded } = JSON.parse(rest) as {
      from?: unknown;
      removed?: unknown;
      names?: unknown;
    };
    const parsed = reviewOperationSchema.safeParse({ op: name, ...recorded });
    const named =
      names && typeof names === 'object'
        ? Object.fromEntries(
            Object.entries(names).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          )
        : {};
    if (parsed.success)
      return operationSentence(
        parsed.data,
        state,
        typeof from === 'string' ? from : undefined,
        removed === true,
        named,
      );
  } catch {
    // Not an operation written by describeOperation: shown as it was recorded.
  }
  return operation;
}

export interface HistoryLine {
  doneAt: string;
  doneBy: string;
  version: number;
  sentence: string;
}

/**
 * The change list as sentences, newest first ("ra@… applied “Admin support” to “We need…”"). An undo names the
 * change it took back, with who made it: the latest change before it not undone yet (the store's rule); one older
 * than the entries given is "an earlier change".
 */
export function historyLines(entries: CodingAuditEntry[], state: CodingState): HistoryLine[] {
  const oldestFirst = [...entries].reverse();
  const undone = new Map<number, string>();
  // Undo takes back the person's own latest change, so each undo pairs with the latest open change by its author.
  const open = new Map<string, string[]>();
  oldestFirst.forEach((entry, index) => {
    const own = open.get(entry.doneBy) ?? [];
    open.set(entry.doneBy, own);
    if (entry.operation.startsWith(UNDO_PREFIX)) {
      undone.set(index, own.pop() ?? 'an earlier change');
      return;
    }
    own.push(`${entry.doneBy} ${recordedSentence(entry.operation, state)}`);
  });
  return oldestFirst
    .map((entry, index) => ({
      doneAt: entry.doneAt,
      doneBy: entry.doneBy,
      version: entry.version,
      sentence: `${entry.doneBy} ${undone.has(index) ? `undid: ${undone.get(index)}` : recordedSentence(entry.operation, state)}`,
    }))
    .reverse();
}
