import { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError } from '../errors';
import { requireRole } from '../http/auth';
import { validateQuery } from '../http/validate';
import type { Views } from '../http/views';
import type { SurveyService } from '../surveys/survey-service';
import { canSeeSurvey, type SessionUser } from '../http/session-user';
import type { CompareService, WaveComparison } from './compare-service';
import { percentText, pointsText, pText } from '../../analysis/stats-format';

const slug = z.string().min(1).max(200);
const publish = z
  .enum(['true', 'false', 'on', ''])
  .optional()
  .transform((flag) => flag === 'true' || flag === 'on');
/** Comparing a wave with itself shows nothing but zeros: the two waves must differ. */
const twoWaves = (query: { a?: string; b?: string }) => !query.a || !query.b || query.a !== query.b;
const differentWave = { message: 'must be a different survey from the first wave (a)', path: ['b'] };
export const compareQuerySchema = z
  .object({ a: slug, b: slug, by: z.string().max(200).optional(), publish })
  .refine(twoWaves, differentWave);
const pageQuerySchema = z
  .object({
    a: slug.optional(),
    b: slug.optional(),
    by: z.string().max(200).optional(),
    publish,
  })
  .refine(twoWaves, differentWave);

function checkAccess(user: SessionUser | undefined, ...slugs: string[]) {
  for (const one of slugs)
    if (!canSeeSurvey(user, one))
      throw new ForbiddenError({ message: 'Your account does not have access to this survey' });
}

/** Rows for the page: one per option (or one per numeric question), with the change and whether it is significant. */
function pageRows(comparison: WaveComparison) {
  return Object.entries(comparison.questions).map(([name, question]) => ({
    name,
    title: question.title,
    rows:
      question.kind === 'number'
        ? [
            {
              label: 'Mean',
              a: question.a.mean?.toFixed(2) ?? '–',
              b: question.b.mean?.toFixed(2) ?? '–',
              change: question.difference === null ? '–' : pointsText(question.difference),
              interval: '',
              p: pText(question.p),
              significant: question.p !== null && question.p < 0.05,
            },
          ]
        : question.options.map((option) => ({
            label: option.label,
            a: `${percentText(option.a.percent)} of ${option.a.answered}`,
            b: `${percentText(option.b.percent)} of ${option.b.answered}`,
            change: pointsText(option.difference.points),
            interval: option.difference.ci95
              ? `${pointsText(option.difference.ci95[0])} to ${pointsText(option.difference.ci95[1])}`
              : '',
            p: pText(option.p),
            significant: option.p !== null && option.p < 0.05,
          })),
  }));
}

/** Two waves of a survey side by side: the JSON contract and a staff page. */
export function compareRoutes(compare: CompareService, surveys: SurveyService, views: Views): Router {
  const router = Router();

  router.get('/api/compare', requireRole('viewer'), validateQuery(compareQuerySchema), async (req, res) => {
    const query = res.locals.query as z.infer<typeof compareQuerySchema>;
    checkAccess(req.session.user, query.a, query.b);
    const by = query.by || undefined;
    res.json(
      query.publish
        ? await compare.comparePublished(query.a, query.b, by)
        : await compare.compare(query.a, query.b, by),
    );
  });

  router.get('/staff/compare', requireRole('viewer'), validateQuery(pageQuerySchema), async (req, res) => {
    const query = res.locals.query as z.infer<typeof pageQuerySchema>;
    const list = (await surveys.listWithStatus())
      .filter(({ record }) => canSeeSurvey(req.session.user, record.slug))
      .map(({ record }) => record);
    let comparison: WaveComparison | null = null;
    if (query.a && query.b) {
      checkAccess(req.session.user, query.a, query.b);
      const by = query.by || undefined;
      comparison = query.publish
        ? await compare.comparePublished(query.a, query.b, by)
        : await compare.compare(query.a, query.b, by);
    }
    // Two waves of one survey often share its title: the slug tells them apart.
    const waveLabel = (wave: WaveComparison['a'], other: WaveComparison['a']) =>
      wave.title === other.title ? `${wave.title} (${wave.slug})` : wave.title;
    const waves = comparison
      ? { a: waveLabel(comparison.a, comparison.b), b: waveLabel(comparison.b, comparison.a) }
      : null;
    res.send(
      views.page('compare', {
        title: 'Compare two waves',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        surveysA: list.map((record) => ({ slug: record.slug, title: record.title, selected: record.slug === query.a })),
        surveysB: list.map((record) => ({ slug: record.slug, title: record.title, selected: record.slug === query.b })),
        comparison,
        waves,
        questions: comparison ? pageRows(comparison) : [],
      }),
    );
  });

  return router;
}
