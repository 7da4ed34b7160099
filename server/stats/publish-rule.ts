import { answerMatches } from '../../analysis/survey-stats';
import { valueKey } from '../../analysis/tallies';
import { ValidationError, type FieldIssue } from '../errors';
import type { ResponseRecord } from '../kernel/response-records';

/**
 * The publication rule against differencing. Withholding each group below the minimum base is not enough when
 * the same people can be asked for twice: two published tables that differ by a few respondents give those
 * respondents' answers away by subtraction. So in publish mode:
 * - figures are of complete responses over the whole survey: no date window (two windows a day apart differ by
 *   that day's respondents, and a binary search on `to=` finds one person), no unfinished responses;
 * - a `where=` filter (at most three) is allowed only when every group it removes from the table it narrows
 *   is empty or reaches the minimum base: checked for each filter against the table without it, for every
 *   combination of the others, overall and in each `by` group;
 * - within a table grouped `by`, the groups withheld for being small must together be none or reach the base:
 *   otherwise the total minus the groups shown is their figure.
 * Queries that break a rule are refused (400) naming the filter, rather than answered with figures withheld.
 */
export const PUBLISH_MAX_FILTERS = 3;

const NO_ANSWER = '\u0000no answer';

/** A refusal as the API answers it: 400 naming each field at fault. */
export function publishRefused(issues: FieldIssue[]): ValidationError {
  return new ValidationError({
    message: `Published figures cannot be worked out that way: ${issues[0]!.message}`,
    details: issues,
  });
}

/** The filters publish mode never allows, each that was given. */
export function unpublishableFilters(request: {
  from?: string | null;
  to?: string | null;
  includePartial?: boolean;
  where?: Array<[string, string]>;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (request.from || request.to)
    issues.push({
      field: request.from ? 'from' : 'to',
      message: 'a date window can be differenced against another; published figures cover the whole survey',
    });
  if (request.includePartial)
    issues.push({ field: 'includePartial', message: 'published figures are of complete responses only' });
  if ((request.where?.length ?? 0) > PUBLISH_MAX_FILTERS)
    issues.push({ field: 'where', message: `at most ${PUBLISH_MAX_FILTERS} filters in published figures` });
  return issues;
}

/** One pass over the complete responses: how many match each combination of filters, overall and per group. */
async function countCombinations(
  responses: AsyncIterable<ResponseRecord>,
  where: Array<[string, string]>,
  by: string | undefined,
) {
  const combinations = 1 << where.length;
  const counts = Array.from({ length: combinations }, () => new Map<string, number>());
  for await (const response of responses) {
    if (!response.complete) continue;
    let matched = 0;
    where.forEach(([name, value], i) => {
      if (answerMatches(response.data[name], value)) matched |= 1 << i;
    });
    const answer = by ? response.data[by] : undefined;
    const group = by
      ? answer === undefined || answer === null || answer === ''
        ? NO_ANSWER
        : String(valueKey(answer))
      : null;
    for (let mask = 0; mask < combinations; mask += 1) {
      if ((matched & mask) !== mask) continue;
      const tally = counts[mask]!;
      tally.set('', (tally.get('') ?? 0) + 1);
      if (group !== null) tally.set(group, (tally.get(group) ?? 0) + 1);
    }
  }
  return counts;
}

/** Why a publish-mode table could be differenced against another (see the rules above), or null. */
export async function differencingRefusal(
  responses: AsyncIterable<ResponseRecord>,
  where: Array<[string, string]>,
  by: string | undefined,
  minimumBase: number,
): Promise<FieldIssue | null> {
  if (where.length === 0 && !by) return null;
  const counts = await countCombinations(responses, where, by);
  const small = (n: number) => n > 0 && n < minimumBase;
  for (let mask = 0; mask < counts.length; mask += 1) {
    for (const [i, [name, value]] of where.entries()) {
      if (mask & (1 << i)) continue;
      const wider = counts[mask]!;
      const narrower = counts[mask | (1 << i)]!;
      for (const [group, n] of wider) {
        if (small(n - (narrower.get(group) ?? 0))) {
          return {
            field: 'where',
            message: `the filter ${name}=${value} leaves out fewer than ${minimumBase} respondents${group ? ' of a group' : ''}, so the figures with and without it could be subtracted`,
          };
        }
      }
    }
  }
  const table = counts[counts.length - 1]!;
  if (by && (table.get('') ?? 0) >= minimumBase) {
    const withheld = [...table]
      .filter(([group, n]) => group !== '' && n < minimumBase)
      .reduce((sum, [, n]) => sum + n, 0);
    if (small(withheld))
      return {
        field: 'by',
        message: `the groups withheld for being under ${minimumBase} together number fewer than ${minimumBase}, so the total minus the groups shown would give their figures`,
      };
  }
  return null;
}

/** The shape of a wave comparison this rule reads (compare-service's WaveComparison), kept here to avoid a cycle. */
interface ComparisonLike {
  a: { responses: number };
  b: { responses: number };
  questions: Record<string, { kind: string; groups?: Record<string, unknown> }>;
}

const answeredOf = (question: {
  kind: string;
  options?: Array<{ a: { answered: number }; b: { answered: number } }>;
  a?: { n: number };
  b?: { n: number };
}) =>
  question.kind === 'number'
    ? { a: question.a!.n, b: question.b!.n }
    : { a: question.options?.[0]?.a.answered ?? 0, b: question.options?.[0]?.b.answered ?? 0 };

export interface PublishedExtras {
  suppression: { rule: 'minimum-base'; thresholds: { a: number; b: number } };
  /** What was withheld: whole questions, or groups of a question (question: group). */
  withheld: string[];
}

/**
 * Two waves under the publication rule: a question is withheld when fewer than the wave's minimum base answered
 * it in either wave; a group when fewer than the base answered in either wave, and every group of a question
 * when those withheld in a wave together number under the base (the total minus the shown groups would give
 * them). A wave with fewer responses than its base shows nothing.
 */
export function publishComparison<C extends ComparisonLike>(
  comparison: C,
  baseA: number,
  baseB: number,
): C & PublishedExtras {
  const withheld: string[] = [];
  const questions: Record<string, C['questions'][string]> = {};
  const tooFewWaves = comparison.a.responses < baseA || comparison.b.responses < baseB;
  for (const [name, question] of Object.entries(comparison.questions)) {
    const overall = answeredOf(question as never);
    if (tooFewWaves || overall.a < baseA || overall.b < baseB) {
      withheld.push(name);
      continue;
    }
    const copy = structuredClone(question);
    const groups = (copy as { groups?: Record<string, unknown> }).groups;
    if (groups) {
      const sizes = Object.entries(groups).map(
        ([key, group]) =>
          [
            key,
            question.kind === 'number'
              ? answeredOf({ kind: 'number', ...(group as object) } as never)
              : answeredOf({ kind: 'choice', options: group } as never),
          ] as const,
      );
      const small = sizes.filter(([, n]) => n.a < baseA || n.b < baseB);
      const sumA = small.reduce((sum, [, n]) => sum + n.a, 0);
      const sumB = small.reduce((sum, [, n]) => sum + n.b, 0);
      const all = (sumA > 0 && sumA < baseA) || (sumB > 0 && sumB < baseB);
      for (const [key] of all ? sizes : small) {
        delete groups[key];
        withheld.push(`${name}: ${key}`);
      }
    }
    questions[name] = copy as C['questions'][string];
  }
  return {
    ...comparison,
    questions,
    suppression: { rule: 'minimum-base', thresholds: { a: baseA, b: baseB } },
    withheld,
  };
}
