import { z } from 'zod';

// An empty one (the form's "All areas") means no filter.
const pair = z.union([z.literal(''), z.string().regex(/^[^=]+=.*$/, 'must be question=value')], {
  error: 'must be question=value',
});
const date = z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
  error: 'must be a date (YYYY-MM-DD)',
});

/**
 * Query string of GET /api/surveys/:slug/stats and of the staff statistics page, and the options of
 * `canvass stats`: one set of rules for all three. Empty fields mean "not set".
 */
export const statsQuerySchema = z
  .object({
    by: z.string().max(200).optional(),
    where: z.union([pair, z.array(pair).max(20)]).optional(),
    from: z.union([z.literal(''), date], { error: 'must be a date (YYYY-MM-DD)' }).optional(),
    to: z.union([z.literal(''), date], { error: 'must be a date (YYYY-MM-DD)' }).optional(),
    includePartial: z.enum(['true', 'false', 'on', '']).optional(),
    suppressBelow: z
      .union([
        z.literal(''),
        z.coerce.number().int('must be a whole number').min(2, 'must be at least 2').max(1000, 'must be at most 1000'),
      ])
      .optional(),
    publish: z.enum(['true', 'false', 'on', '']).optional(),
    weight: z.string().max(200).optional(),
    /** Random tables for a simulated Fisher's test (R's B); empty: 2000, as R's default. */
    simulations: z
      .union([
        z.literal(''),
        z.coerce
          .number()
          .int('must be a whole number')
          .min(100, 'must be at least 100')
          .max(1_000_000, 'must be at most 1,000,000'),
      ])
      .optional(),
  })
  .superRefine((query, context) => {
    const on = (flag: string | undefined) => flag === 'true' || flag === 'on';
    if (on(query.publish) && typeof query.suppressBelow === 'number') {
      context.addIssue({
        code: 'custom',
        path: ['suppressBelow'],
        message: 'the publication rule and the cell rule are two different rules: give one',
      });
    }
    // A partial response can still change, and counted beside the complete ones in some tables and not in others,
    // the difference would be a small count: figures under a disclosure rule are of complete responses.
    if (typeof query.suppressBelow === 'number' && on(query.includePartial)) {
      context.addIssue({
        code: 'custom',
        path: ['includePartial'],
        message: 'figures under a disclosure rule are of complete responses only',
      });
    }
  })
  .transform((query) => ({
    // Absent: the survey's usual grouping applies on the staff page; empty: explicitly no grouping.
    by: query.by === undefined ? undefined : query.by || null,
    where: ([] as string[])
      .concat(query.where ?? [])
      .filter((item) => item !== '')
      .map((item): [string, string] => {
        const at = item.indexOf('=');
        return [item.slice(0, at), item.slice(at + 1)];
      }),
    from: query.from || undefined,
    to: query.to || undefined,
    includePartial: query.includePartial === 'true' || query.includePartial === 'on',
    suppressBelow: typeof query.suppressBelow === 'number' ? query.suppressBelow : null,
    publish: query.publish === 'true' || query.publish === 'on',
    weightBy: query.weight || null,
    simulations: typeof query.simulations === 'number' ? query.simulations : undefined,
  }));

export type StatsQuery = z.output<typeof statsQuerySchema>;
