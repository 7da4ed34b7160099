import { Router, type Request } from 'express';
import { requireRole } from '../http/auth';
import { canSeeSurvey } from '../http/session-user';
import { validateBody } from '../http/validate';
import type { Views } from '../http/views';
import { practicesFormSchema, scheduleFormSchema } from '../surveys/survey-schema';
import type { SurveyService } from '../surveys/survey-service';
import type { DistributionService } from './distribution-service';

/** Staff pages and API for distributing a survey by area (LMC) and watching response rates. */
export function distributionRoutes(
  surveys: SurveyService,
  distribution: DistributionService,
  views: Views,
  publicUrl: string | undefined,
): Router {
  const router = Router();
  const baseUrl = (req: Request) => (publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');

  router.get('/staff', requireRole('viewer'), async (req, res) => {
    const list = (await surveys.listWithStatus()).filter(({ record }) => canSeeSurvey(req.session.user, record.slug));
    res.send(views.page('staff-surveys', { title: 'Surveys', user: req.session.user, csrfToken: req.csrfToken?.(), surveys: list }));
  });

  router.get('/staff/surveys/:slug', requireRole('viewer'), async (req, res) => {
    const report = await distribution.report(req.params.slug as string, baseUrl(req));
    res.send(
      views.page('distribution', {
        title: `${report.title}: distribution`,
        user: req.session.user,
        isAdmin: req.session.user?.role === 'admin',
        csrfToken: req.csrfToken?.(),
        report,
        saved: req.query.saved,
      }),
    );
  });

  router.get('/api/surveys/:slug/distribution', requireRole('viewer'), async (req, res) => {
    res.json(await distribution.report(req.params.slug as string, baseUrl(req)));
  });

  router.post('/staff/surveys/:slug/schedule', requireRole('admin'), validateBody(scheduleFormSchema), async (req, res) => {
    await surveys.setSchedule(req.params.slug as string, req.body);
    res.redirect(303, `/staff/surveys/${encodeURIComponent(req.params.slug as string)}?saved=schedule`);
  });

  router.post('/staff/surveys/:slug/practices', requireRole('admin'), validateBody(practicesFormSchema), async (req, res) => {
    await surveys.setPractices(req.params.slug as string, req.body as Record<string, number>, req.session.user!.email);
    res.redirect(303, `/staff/surveys/${encodeURIComponent(req.params.slug as string)}?saved=practices`);
  });

  return router;
}
