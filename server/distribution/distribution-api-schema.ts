import { z } from 'zod';

const rate = z.number().nullable().describe('Complete responses as a percentage of practices');

/** What GET /api/surveys/:slug/distribution answers (DistributionService.report), as zod. */
export const distributionReportSchema = z.object({
  survey: z.string(),
  title: z.string(),
  status: z.enum(['open', 'scheduled', 'closed']),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  question: z.string().nullable().describe('The question whose answer says the area'),
  link: z.string(),
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      practices: z.number(),
      complete: z.number(),
      partial: z.number(),
      rate,
      link: z.string(),
      reminder: z
        .object({ subject: z.string(), body: z.string() })
        .describe("An e-mail for the area's practices, to paste into the LMC's own (no count below the minimum base)"),
    }),
  ),
  unassigned: z
    .object({ complete: z.number(), partial: z.number() })
    .describe('Responses whose area is missing or not on the list'),
  total: z.object({ practices: z.number(), complete: z.number(), partial: z.number(), rate }),
});
