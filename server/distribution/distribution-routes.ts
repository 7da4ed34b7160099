import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireRole, signedInUser } from '../http/auth';
import { canSeeSurvey, hasRole } from '../http/session-user';
import type { RouteRegistry } from '../http/typed-route';
import { parseBody } from '../http/validate';
import type { Views } from '../http/views';
import { practicesFormSchema, scheduleFormSchema } from '../surveys/survey-schema';
import type { SurveyService } from '../surveys/survey-service';
import { distributionReportSchema } from './distribution-api-schema';
import { distributionPageReport } from './distribution-page-model';
import type { DistributionService } from './distribution-service';

/** Staff pages and API for distributing a survey by area (LMC) and watching response rates. */
export function distributionRoutes(
  surveys: SurveyService,
  distribution: DistributionService,
  views: Views,
  publicUrl: string | undefined,
  routes: RouteRegistry,
): Router {
  const router = Router();
  const baseUrl = (req: Request) => (publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');

  router.get('/staff', requireRole('viewer'), async (req, res) => {
    const list = (await surveys.listWithStatus()).filter(({ record }) => canSeeSurvey(req.session.user, record.slug));
    res.send(
      views.page('staff-surveys', {
        title: 'Surveys',
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        surveys: list,
        canCode: hasRole(req.session.user, 'researcher'),
      }),
    );
  });

  router.get('/staff/surveys/:slug', requireRole('viewer'), async (req, res) => {
    const report = await distribution.report(req.params.slug, baseUrl(req));
    res.send(
      views.page('distribution', {
        title: `${report.title}: distribution`,
        user: req.session.user,
        isAdmin: req.session.user?.role === 'admin',
        canDownload: hasRole(req.session.user, 'researcher'),
        // Coding is for researchers: a viewer would meet a refusal behind the link.
        canCode: hasRole(req.session.user, 'researcher'),
        csrfToken: req.csrfToken?.(),
        report: distributionPageReport(report),
        pageScript: 'distribution.js',
        // Links on localhost reach no respondent: said to admins, who set the public address.
        localLinks:
          req.session.user?.role === 'admin' && !publicUrl && /^https?:\/\/(localhost|127\.|\[::1\])/.test(report.link)
            ? new URL(report.link).origin
            : null,
        saved: req.query.saved,
      }),
    );
  });

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/surveys/:slug/distribution',
      summary: 'Responses and response rates by area',
      access: 'viewer',
      params: z.object({ slug: z.string() }),
      responses: { 200: { description: 'Distribution', json: distributionReportSchema } },
    },
    ({ params, req }) => distribution.report(params.slug, baseUrl(req)),
  );

  router.post('/staff/surveys/:slug/schedule', requireRole('admin'), async (req, res) => {
    const slug = req.params.slug;
    const { confirm, ...change } = parseBody(scheduleFormSchema, req);
    if (change.action === 'close' && confirm !== 'yes') {
      // Closing turns respondents away at once: nothing closes until it is confirmed on its own page.
      await surveys.get(slug);
      res.redirect(303, `/staff/surveys/${encodeURIComponent(slug)}/close`);
      return;
    }
    await surveys.setSchedule(slug, change);
    res.redirect(303, `/staff/surveys/${encodeURIComponent(slug)}?saved=schedule`);
  });

  router.get('/staff/surveys/:slug/close', requireRole('admin'), async (req, res) => {
    const report = await distribution.report(req.params.slug, baseUrl(req));
    res.send(
      views.page('close-survey', {
        title: `Close ${report.title}?`,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        report,
      }),
    );
  });

  router.post('/staff/surveys/:slug/practices', requireRole('admin'), async (req, res) => {
    await surveys.setPractices(req.params.slug, parseBody(practicesFormSchema, req), signedInUser(req).email);
    res.redirect(303, `/staff/surveys/${encodeURIComponent(req.params.slug)}?saved=practices`);
  });

  return router;
}
