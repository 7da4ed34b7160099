import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireRole, signedInUser } from '../http/auth';
import type { RouteRegistry } from '../http/typed-route';
import type { Views } from '../http/views';
import { questionParamsSchema, runSummaryAnswerSchema, themeRunAnswerSchema } from './coding-api-schema';
import { runModel } from './theme-run-page-model';
import type { ThemeRuns } from './theme-runs';

const base = (req: Request<{ slug: string; question: string }>) =>
  `/staff/surveys/${encodeURIComponent(req.params.slug)}/coding/${encodeURIComponent(req.params.question)}`;

/**
 * Theme runs ("Propose codes and themes") as pages: starting one (or joining the question's run) leads to a page
 * that shows its phase and progress, refreshing itself without JavaScript and polling run.json with it, and that
 * offers Cancel to whoever started it or an admin. When the run is done the page leads on to the workbench.
 */
export function themeRunRoutes(runs: ThemeRuns, views: Views, routes: RouteRegistry): Router {
  const router = Router();

  router.post('/staff/surveys/:slug/coding/:question/run', requireRole('researcher'), async (req, res) => {
    const user = signedInUser(req);
    const replace = req.body?.replace === 'yes';
    if (req.accepts(['html', 'json']) === 'json') {
      // A script waits for the run and is told what a re-run replaced and kept (also in the audit trail).
      const { summary } = await runs.runNow(req.params.slug, req.params.question, user, {
        replace,
      });
      return res.json({ summary } satisfies z.input<typeof runSummaryAnswerSchema>);
    }
    await runs.start(req.params.slug, req.params.question, user, { replace });
    res.redirect(303, `${base(req)}/run`);
  });

  router.get('/staff/surveys/:slug/coding/:question/run', requireRole('researcher'), (req, res) => {
    const run = runs.find(req.params.slug, req.params.question);
    if (!run || run.status === 'done') return res.redirect(303, base(req));
    const model = runModel(run);
    res.send(
      views.page('theme-run', {
        title: run.status === 'running' ? `Proposing codes: ${model.phaseText}` : 'Proposing codes: stopped',
        pageScript: 'theme-run.js',
        refreshSeconds: run.status === 'running' ? 3 : undefined,
        user: req.session.user,
        csrfToken: req.csrfToken?.(),
        slug: req.params.slug,
        question: req.params.question,
        base: base(req),
        run: model,
        mayCancel: runs.mayCancel(run, signedInUser(req)),
      }),
    );
  });

  routes.add(
    router,
    {
      method: 'get',
      path: '/staff/surveys/:slug/coding/:question/run.json',
      summary: "The question's theme run, as its page's script polls it (researchers)",
      access: 'researcher',
      params: questionParamsSchema,
      responses: { 200: { description: 'The run, or status "none"', json: themeRunAnswerSchema } },
    },
    ({ params: { slug, question } }) => {
      const run = runs.find(slug, question);
      return run ? runModel(run) : { status: 'none' as const };
    },
  );

  router.post('/staff/surveys/:slug/coding/:question/run/cancel', requireRole('researcher'), (req, res) => {
    runs.cancel(req.params.slug, req.params.question, signedInUser(req));
    res.redirect(303, `${base(req)}/run`);
  });

  return router;
}
