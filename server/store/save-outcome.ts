import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { SaveOutcome } from './repository';

/**
 * The rules every adapter applies when a response is saved under an id it may already hold, in one place:
 * nothing there, it is created; a completed response never changes (the same answers again are "unchanged",
 * different ones a "conflict"); an unfinished one takes the new answers, unless they are the same and still
 * unfinished. Answers are compared by `answersKey`, whatever the adapter.
 */
export function decideSaveOutcome(
  existing: { key: string; complete: boolean } | null,
  incoming: { key: string; complete: boolean },
): SaveOutcome {
  if (!existing) return 'created';
  const same = existing.key === incoming.key;
  if (existing.complete) return same ? 'unchanged' : 'conflict';
  if (same && !incoming.complete) return 'unchanged';
  return 'updated';
}

/** The key two answer sets share exactly when they hold the same answers, in any key order. */
export const answersKey = (answers: unknown) => createHash('sha256').update(canonicalJson(answers)).digest('hex');

/** An undo is kept in the coding audit as the operation it undoes, so marked. */
export const UNDO_PREFIX = 'undo: ';
export const isUndo = (operation: string) => operation.startsWith(UNDO_PREFIX.trim());
