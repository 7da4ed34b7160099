import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import { requireRole } from '../http/auth';
import { canSeeSurvey } from '../http/session-user';
import { validateBody, validateQuery } from '../http/validate';
import type { Views } from '../http/views';
import type { WorkQueue } from '../http/work-queue';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from './render-report';
import type { ReportRenderer } from './report-render-queue';
import type { ReportService } from './report-service';
import { isInterpretationSection, NARRATIVE_SECTIONS } from './report-sections';

const text = z.string().max(20_000);
const narrativeFormSchema = z
  .object({
    _csrf: z.string().optional(),
    background: text.optional(),
    discussion: text.optional(),
    conclusion: text.optional(),
    recommendations: text.optional(),
  })
  .catchall(text)
  .superRefine((fields, ctx) => {
    for (const key of Object.keys(fields)) {
      if (!['_csrf', ...NARRATIVE_SECTIONS].includes(key) && !isInterpretationSection(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a section of the report' });
      }
    }
  })
  .transform(({ _csrf, ...sections }) => sections as Record<string, string>);

/** The report as a script asks for it with an API token: its format (HTML by default). */
export const reportQuerySchema = z.strictObject({
  format: z.enum(['html', 'pdf', 'docx']).default('html').describe('html (default), pdf or docx'),
});

const finalFormSchema = z.object({
  _csrf: z.string().optional(),
  final: z.enum(['true', 'false']),
  confirm: z.enum(['true']).optional(),
});

/** Staff preview, edit and download the report; admins mark it final. */
export function reportRoutes(reports: ReportService, views: Views, renderer: ReportRenderer, queue: WorkQueue): Router {
  const router = Router();

  router.get('/staff/surveys/:slug/report', requireRole('viewer'), async (req, res) => {
    const slug = req.params.slug as string;
    // Building reads every response: it takes a turn in the same queue as downloads.
    const report = await queue.run(req.session.user!.email, () =>
      reports.build(slug, { canSee: (other) => canSeeSurvey(req.session.user, other) }),
    );
    const { narrative, final, finalBy } = await reports.narrative(slug);
    res.send(
      views.page('report-editor', {
        title: `${report.title}: report`,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug,
        report,
        narrative,
        recommendations: narrative.recommendations.join('\n'),
        findings: report.findings.map((finding) => ({
          number: finding.number,
          heading: finding.heading,
          interpretation: narrative.interpretations[String(finding.number)] ?? '',
        })),
        final,
        finalBy,
        canEdit: req.session.user?.role !== 'viewer',
        isAdmin: req.session.user?.role === 'admin',
        history: await reports.history(slug),
        saved: req.query.saved,
        // Candidate themes nobody has reviewed: marking final asks the admin to confirm.
        confirmUnreviewed:
          typeof req.query.confirm === 'string' && /^\d+$/.test(req.query.confirm) ? Number(req.query.confirm) : null,
      }),
    );
  });

  /** The report in one format, as published (the survey's rule), named as a draft until marked final. */
  async function sendReport(req: Request, slug: string, format: ReportFormat, res: Response) {
    const canSee = (other: string) => canSeeSurvey(req.session.user, other);
    // The reader's access is part of the key: one who may not see the earlier wave never gets a cached copy with it.
    const key = `${slug}\u0000${req.session.user?.role === 'admin' || !req.session.user?.surveys ? 'all' : req.session.user.surveys.join(',')}`;
    const { report, body } = await renderer.render(req.session.user!.email, key, format, () =>
      reports.build(slug, { canSee }),
    );
    res.type(REPORT_FORMATS[format]);
    if (format !== 'html') res.attachment(`${slug}-report${report.final ? '' : '-DRAFT'}.${format}`);
    res.send(body);
  }

  router.get('/staff/surveys/:slug/report.:format', requireRole('viewer'), async (req, res) => {
    const format = req.params.format as string;
    if (!isReportFormat(format)) throw new NotFoundError({ message: 'Reports come as .html, .pdf or .docx' });
    await sendReport(req, req.params.slug as string, format, res);
  });

  // The same files for scripts, with a personal API token (or a session): viewers and above, within their surveys.
  router.get('/api/surveys/:slug/report', requireRole('viewer'), validateQuery(reportQuerySchema), async (req, res) => {
    const { format } = res.locals.query as z.infer<typeof reportQuerySchema>;
    await sendReport(req, req.params.slug as string, format, res);
  });

  router.post(
    '/staff/surveys/:slug/report/narrative',
    requireRole('researcher'),
    validateBody(narrativeFormSchema),
    async (req, res) => {
      const changed = await reports.saveNarrative(
        req.params.slug as string,
        req.body as Record<string, string>,
        req.session.user!.email,
      );
      res.redirect(
        303,
        `/staff/surveys/${encodeURIComponent(req.params.slug as string)}/report?saved=${changed > 0 ? 'narrative' : 'unchanged'}`,
      );
    },
  );

  router.post(
    '/staff/surveys/:slug/report/final',
    requireRole('admin'),
    validateBody(finalFormSchema),
    async (req, res) => {
      const body = req.body as z.infer<typeof finalFormSchema>;
      const outcome = await reports.markFinal(
        req.params.slug as string,
        body.final === 'true',
        req.session.user!.email,
        body.confirm === 'true',
      );
      const next = outcome.marked ? 'saved=final' : `confirm=${outcome.unreviewed}`;
      res.redirect(303, `/staff/surveys/${encodeURIComponent(req.params.slug as string)}/report?${next}`);
    },
  );

  return router;
}
