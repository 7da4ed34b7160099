import { canonicalJson } from '../store/canonical-json';
import type { CodingState, Part, PartChange } from './coding-state';

export type { Part, PartChange };

/**
 * A change to the coding as the things it touched, each named by what it is and its id: a code, a theme, a
 * segment, one researcher's application of a code to a segment, a memo, a settled answer, or a setting. With the
 * value before and after (absent: it did not exist), a change can be applied to a later state of the coding, and
 * taken back from one, without touching anything else: that is how an operation made on a researcher's own view
 * goes into the whole coding, how one researcher's undo leaves everyone else's work alone, and how two people's
 * changes to different things can both be saved. JSON Patch (the store's audit) works by array positions, which
 * other people's changes shift; this works by ids.
 */

type Keyed = Map<string, unknown>;

/** Same value: compared as JSON (what the store keeps), not by prototype, so a structured clone equals its original. */
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const SETTINGS = ['independent', 'groups', 'method'] as const;

export const applicationKey = (application: { segmentId: string; codeId: string; by: string; suggestedFor?: string }) =>
  [application.segmentId, application.codeId, application.by, application.suggestedFor ?? ''].join('\u0000');

/** Each part of the coding as a map from key to value (Maps: ids come from people and may be "__proto__"). */
function partsOf(state: CodingState): Record<Part, Keyed> {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item as unknown]));
  const applications: Keyed = new Map();
  for (const application of state.applications) {
    // The same application twice (older documents) is kept twice, under a numbered key.
    let key = applicationKey(application);
    for (let n = 2; applications.has(key); n += 1) key = `${applicationKey(application)}\u0000${n}`;
    applications.set(key, application);
  }
  const settings: Keyed = new Map();
  for (const name of SETTINGS) if (state[name] !== undefined) settings.set(name, state[name]);
  return {
    codes: byId(state.codes),
    themes: byId(state.themes),
    segments: byId(state.segments),
    applications,
    memos: byId(state.memos),
    consensus: new Map(Object.entries(state.consensus ?? {})),
    settings,
  };
}

/** What changed from one state to another, part by part. */
export function changesBetween(before: CodingState, after: CodingState): PartChange[] {
  const [from, to] = [partsOf(before), partsOf(after)];
  const changes: PartChange[] = [];
  for (const part of Object.keys(from) as Part[]) {
    for (const [key, value] of from[part]) {
      if (!to[part].has(key)) changes.push({ part, key, before: value });
      else if (!same(value, to[part].get(key))) changes.push({ part, key, before: value, after: to[part].get(key) });
    }
    for (const [key, value] of to[part]) if (!from[part].has(key)) changes.push({ part, key, after: value });
  }
  return changes;
}

/** The changes taken back: each one's before becomes its after. */
export const inverseOf = (changes: PartChange[]): PartChange[] =>
  changes.map(({ part, key, before, after }) => ({ part, key, before: after, after: before }));

/**
 * The changes whose starting value the state still holds (nobody changed it since). The state is read into its parts
 * once for all of them: undoing a batch of 5,000 suggestions read it 5,000 times and took half a minute.
 */
export function stillAsBefore(state: CodingState, changes: PartChange[]): PartChange[] {
  const parts = partsOf(state);
  return changes.filter((change) => {
    const current = parts[change.part];
    return change.before === undefined ? !current.has(change.key) : same(current.get(change.key), change.before);
  });
}

/** A new state with the changes made; values keep their place, new ones go at the end. */
export function withChanges(state: CodingState, changes: PartChange[]): CodingState {
  const parts = partsOf(state);
  for (const change of changes) {
    if (change.after === undefined) parts[change.part].delete(change.key);
    else parts[change.part].set(change.key, structuredClone(change.after));
  }
  const values = <T>(part: Part) => [...parts[part].values()] as T[];
  const next: CodingState = {
    ...state,
    codes: values('codes'),
    themes: values('themes'),
    segments: values('segments'),
    applications: values('applications'),
    memos: values('memos'),
  };
  if (parts.consensus.size > 0 || state.consensus)
    next.consensus = Object.fromEntries(parts.consensus) as CodingState['consensus'];
  for (const name of SETTINGS) {
    if (parts.settings.has(name)) (next as unknown as Record<string, unknown>)[name] = parts.settings.get(name);
    else delete next[name];
  }
  return next;
}

/** The keys two lists of changes both touch: none means both can be made, in either order. */
export function overlapping(a: PartChange[], b: PartChange[]): boolean {
  const keys = new Set(a.map((change) => `${change.part}\u0000${change.key}`));
  return b.some((change) => keys.has(`${change.part}\u0000${change.key}`));
}
