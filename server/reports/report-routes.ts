import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import { requireRole, signedInUser } from '../http/auth';
import { canSeeSurvey, type SessionUser } from '../http/session-user';
import type { FileBody, RouteRegistry } from '../http/typed-route';
import { parseBody } from '../http/validate';
import type { Views } from '../http/views';
import type { WorkQueue } from '../http/work-queue';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from './render-report';
import type { ReportRenderer } from './report-render-queue';
import type { ReportService } from './report-service';
import { reportEditorModel } from './report-page-model';
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
  // catchall(text) makes every other field a string: the sections to save, by name.
  .transform(({ _csrf, ...sections }): Record<string, string> => sections);

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
export function reportRoutes(
  reports: ReportService,
  views: Views,
  renderer: ReportRenderer,
  queue: WorkQueue,
  routes: RouteRegistry,
): Router {
  const router = Router();

  router.get('/staff/surveys/:slug/report', requireRole('viewer'), async (req, res) => {
    const slug = req.params.slug;
    const user = signedInUser(req);
    // Building reads every response: it takes a turn in the same queue as downloads.
    const report = await queue.run(user.email, () =>
      reports.build(slug, { canSee: (other) => canSeeSurvey(user, other) }),
    );
    const { narrative, final, finalBy } = await reports.narrative(slug);
    res.send(
      views.page('report-editor', {
        title: `${report.title}: report`,
        user,
        csrfToken: req.csrfToken?.(),
        ...reportEditorModel(slug, report, narrative, user),
        final,
        finalBy,
        history: await reports.history(slug),
        saved: req.query.saved,
        // Candidate themes nobody has reviewed: marking final asks the admin to confirm.
        confirmUnreviewed:
          typeof req.query.confirm === 'string' && /^\d+$/.test(req.query.confirm) ? Number(req.query.confirm) : null,
      }),
    );
  });

  /** The report in one format, as published (the survey's rule), named as a draft until marked final. */
  async function reportFile(user: SessionUser, slug: string, format: ReportFormat): Promise<FileBody> {
    const canSee = (other: string) => canSeeSurvey(user, other);
    // The reader's access is part of the key: one who may not see the earlier wave never gets a cached copy with it.
    const key = `${slug}\u0000${user.role === 'admin' || !user.surveys ? 'all' : user.surveys.join(',')}`;
    const { report, body } = await renderer.render(user.email, key, format, () => reports.build(slug, { canSee }));
    return {
      type: REPORT_FORMATS[format],
      body,
      attachment: format === 'html' ? undefined : `${slug}-report${report.final ? '' : '-DRAFT'}.${format}`,
    };
  }

  router.get('/staff/surveys/:slug/report.:format', requireRole('viewer'), async (req, res) => {
    const format = req.params.format;
    if (!isReportFormat(format)) throw new NotFoundError({ message: 'Reports come as .html, .pdf or .docx' });
    const file = await reportFile(signedInUser(req), req.params.slug, format);
    res.type(file.type);
    if (file.attachment) res.attachment(file.attachment);
    res.send(file.body);
  });

  // The same files for scripts, with a personal API token (or a session): viewers and above, within their surveys.
  routes.add(
    router,
    {
      method: 'get',
      path: '/api/surveys/:slug/report',
      summary:
        'The report as published (groups below the minimum base withheld), as HTML, PDF or Word; a draft until an admin marks it final (viewers and above)',
      access: 'viewer',
      params: z.object({ slug: z.string() }),
      query: reportQuerySchema,
      responses: {
        200: {
          description:
            'The report; PDF and Word come as an attachment named <slug>-report.pdf (…-report-DRAFT.pdf while a draft)',
          file: ['text/html', REPORT_FORMATS.pdf, REPORT_FORMATS.docx],
        },
      },
      errors: { 503: 'PDF only: Chromium is not installed or the print took too long' },
    },
    ({ params, query, user }) => reportFile(user, params.slug, query.format),
  );

  router.post('/staff/surveys/:slug/report/narrative', requireRole('researcher'), async (req, res) => {
    const sections = parseBody(narrativeFormSchema, req);
    const changed = await reports.saveNarrative(req.params.slug, sections, signedInUser(req).email);
    res.redirect(
      303,
      `/staff/surveys/${encodeURIComponent(req.params.slug)}/report?saved=${changed > 0 ? 'narrative' : 'unchanged'}`,
    );
  });

  router.post('/staff/surveys/:slug/report/final', requireRole('admin'), async (req, res) => {
    const body = parseBody(finalFormSchema, req);
    const outcome = await reports.markFinal(
      req.params.slug,
      body.final === 'true',
      signedInUser(req).email,
      body.confirm === 'true',
    );
    const next = outcome.marked ? 'saved=final' : `confirm=${outcome.unreviewed}`;
    res.redirect(303, `/staff/surveys/${encodeURIComponent(req.params.slug)}/report?${next}`);
  });

  return router;
}
