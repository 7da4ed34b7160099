import { z } from 'zod';
import { dayBoundary } from '../../analysis/day-boundary';
import type { PartialLimits } from '../kernel/survey-records';

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lower-case letters, digits or "-", starting with a letter or digit');

/** Limits on what anonymous respondents may store before they finish; defaults suit a survey of a few thousand. */
const partialLimitsSchema = z.strictObject({
  keepDays: z.number().int().min(1).max(3650).default(30),
  perMinute: z.number().int().min(1).max(100_000).default(120),
  total: z.number().int().min(1).max(10_000_000).default(20_000),
  maxAnswerKb: z.number().int().min(1).max(256).default(64),
}) satisfies z.ZodType<PartialLimits, unknown>;

export const DEFAULT_PARTIAL_LIMITS: PartialLimits = partialLimitsSchema.parse({});

export const distributionSchema = z.strictObject({
  question: z.string().min(1),
  partials: partialLimitsSchema.optional(),
  areas: z
    .array(
      z.strictObject({
        code: z.string().min(1).max(64),
        name: z.string().min(1).max(200),
        practices: z.number().int().min(0).max(100_000),
      }),
    )
    .min(1)
    .refine((areas) => new Set(areas.map((area) => area.code)).size === areas.length, {
      message: 'area codes must be unique',
    }),
});

/**
 * An ISO date or date-time, or empty for "not set" (from a form). A bare closing date means "open all that
 * day", so it closes at the end of the day rather than at its first minute.
 */
const optionalDate = (dayEdge: 'start' | 'end') =>
  z
    .union([z.literal(''), z.iso.date(), z.iso.datetime({ local: true, offset: true })])
    .optional()
    .transform((value) => {
      // The union above has already refused anything that is not a date.
      return value ? dayBoundary(value, dayEdge)!.toISOString() : null;
    });

export const scheduleFormSchema = z.object({
  opensAt: optionalDate('start'),
  closesAt: optionalDate('end'),
  action: z.enum(['save', 'close', 'reopen']).default('save'),
  /** Closing takes a second, deliberate step: the confirmation page sends `confirm=yes`. */
  confirm: z.literal('yes', { error: 'must be yes' }).optional(),
});

/** The practices form: one `practices_<area code>` field per area, plus the CSRF token; gives { code: practices }. */
export const practicesFormSchema = z
  .object({ _csrf: z.string().optional() })
  .catchall(z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(100_000))
  .superRefine((fields, ctx) => {
    for (const key of Object.keys(fields)) {
      if (key !== '_csrf' && !key.startsWith('practices_')) ctx.addIssue({ code: 'custom', path: [key], message: 'is not a field of this form' });
    }
  })
  .transform(({ _csrf, ...fields }) =>
    Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.slice('practices_'.length), value as number])),
  );
