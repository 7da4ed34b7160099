import path from 'node:path';
import express, { type Express } from 'express';
import session from 'express-session';
import type { Config } from './config';
import { distributionRoutes } from './distribution/distribution-routes';
import { NotFoundError, StoreUnavailableError, UnauthorizedError } from './errors';
import { errorHandler } from './http/error-handler';
import { csrf, securityHeaders } from './http/security';
import compression from 'compression';
import { PROJECT_ROOT } from './project-root';
import { Assets } from './http/assets';
import { LoginFormToken } from './http/login-token';
import { openApiDocument } from './openapi';
import { RouteRegistry } from './http/typed-route';
import { RepositorySessionStore } from './http/session-store';
import { PdfPrinter } from './reports/report-pdf';
import { Views } from './http/views';
import { createLogger, requestLog } from './http/request-log';
import type { Logger } from 'pino';
import type { Store } from './store/repository';
import { createServices, type Services } from './services';
import { publicSurveyRoutes, staffSurveyRoutes } from './surveys/survey-routes';
import { codingRoutes } from './coding/coding-routes';
import { workbenchRoutes } from './coding/workbench-routes';
import { codingScreenRoutes } from './coding/coding-screen-routes';
import { reportRoutes } from './reports/report-routes';
import { ReportRenderer } from './reports/report-render-queue';
import { WorkQueue } from './http/work-queue';
import { themeRunRoutes } from './coding/theme-run-routes';
import { ThemeRuns } from './coding/theme-runs';
import { statsRoutes } from './stats/stats-routes';
import { compareRoutes } from './stats/compare-routes';
import { userRoutes } from './users/user-routes';
import { submissionRoutes } from './responses/response-routes';
import { responseDownloadRoutes } from './responses/response-download-routes';

export interface AppDependencies {
  config: Config;
  store: Store;
  /** Shared by all instances; see sessionSecretFor. */
  sessionSecret: string;
  now?: () => Date;
  log?: (error: unknown) => void;
  /** Shared headless Chromium for PDF reports; whoever builds the app closes it. */
  pdf?: PdfPrinter;
  /** The services over `store`, when the caller has built them already (createServices). */
  services?: Services;
  /** Where request logs go when config.logRequests is set; stdout unless given. */
  logger?: Logger;
}

const TEMPLATES = path.join(PROJECT_ROOT, 'templates');

/** Browser files served from node_modules and templates/static, never from a CDN. */
const packageDir = (name: string) => path.dirname(require.resolve(name));
const VENDOR_FILES: Record<string, string> = {
  'survey-core.min.js': path.join(packageDir('survey-core'), 'survey.core.min.js'),
  // The fontless build: the other one pulls its font from Google, which NHS networks may block.
  'survey-core.min.css': path.join(packageDir('survey-core'), 'survey-core.fontless.min.css'),
  'survey-js-ui.min.js': path.join(packageDir('survey-js-ui'), 'survey-js-ui.min.js'),
};
const STATIC = path.join(TEMPLATES, 'static');
const assets = new Assets({
  ...VENDOR_FILES,
  'canvass.css': path.join(STATIC, 'canvass.css'),
  'survey-page.js': path.join(STATIC, 'survey-page.js'),
  'coding-answers.js': path.join(STATIC, 'coding-answers.js'),
  'theme-run.js': path.join(STATIC, 'theme-run.js'),
  'busy.js': path.join(STATIC, 'busy.js'),
  'distribution.js': path.join(STATIC, 'distribution.js'),
  'workbench.js': path.join(STATIC, 'workbench.js'),
  'coding-screen.js': path.join(STATIC, 'coding-screen.js'),
  'coding-screen.css': path.join(STATIC, 'coding-screen.css'),
});

/** Compresses the browser files ahead of the first visitor; the server entry calls it at start-up. */
export const warmAssets = () => assets.warm();

const HEALTH_TIMEOUT_MS = 2000;

export function createApp({
  config,
  store,
  sessionSecret,
  now = () => new Date(),
  log = console.error,
  pdf = new PdfPrinter(),
  services,
  logger,
}: AppDependencies): Express {
  const views = new Views(TEMPLATES, (name) => assets.url(name));
  const { surveys, responses, users, tokens, distribution, stats, compare, reports, coding } =
    services ?? createServices(store, { now, analysisSeconds: config.analysisSeconds, statsOffThread: true });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy === true ? 1 : config.trustProxy);
  if (config.logRequests) app.use(requestLog(logger ?? createLogger(), { logAddresses: config.logAddresses }));
  app.use(securityHeaders());
  // Pages and JSON compressed per response; the browser files are compressed once (Assets) and skipped here.
  // Only what is read is worth compressing: submissions and form posts get a few bytes back.
  const compress = compression();
  app.use((req, res, next) => (req.method === 'GET' ? compress(req, res, next) : next()));
  app.get('/assets/:hash/:name', assets.handler());

  app.get('/vendor/:file', (req, res, next) => {
    // Own keys only: a plain lookup would find "constructor" or "toString" on Object.prototype.
    const file = Object.hasOwn(VENDOR_FILES, req.params.file) ? VENDOR_FILES[req.params.file] : undefined;
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  app.use('/static', express.static(STATIC, { maxAge: '1h', index: false }));

  app.get('/healthz', async (_req, res) => {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref(),
    );
    try {
      await Promise.race([store.ping(), timeout]);
    } catch (error) {
      throw new StoreUnavailableError({ message: 'The store is not answering', cause: error, retryAfter: 5 });
    }
    res.json({ status: 'ok', store: store.kind });
  });

  // Every typed route registers here as it is added below; the description is written once they all are.
  const routes = new RouteRegistry();
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', (_req, res) => {
    openApi ??= openApiDocument(routes);
    res.json(openApi);
  });

  app.get('/', (_req, res) => {
    res.send(views.page('home', { title: 'Canvass' }));
  });

  // Respondents never get a session: the survey page and submissions carry no cookie at all.
  app.use(publicSurveyRoutes(surveys, views));
  app.use(submissionRoutes(responses, config, routes));

  // Scripts authenticate with a personal API token instead of a session: /api/ routes only, and no CSRF token is
  // needed because no cookie is involved. The request gets a session object of its own that is never stored.
  app.use(async (req, res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next();
    if (!req.path.startsWith('/api/'))
      throw new UnauthorizedError({ message: 'API tokens work on /api/ routes only; sign in to use the staff pages' });
    const user = await tokens.authenticate(header.slice('Bearer '.length).trim());
    if (!user)
      throw new UnauthorizedError({ message: 'The API token is not valid: it may have expired or been revoked' });
    req.session = { user } as unknown as typeof req.session;
    res.locals.byToken = true;
    next();
  });

  const sessionMaxAgeMs = config.sessionHours * 60 * 60 * 1000;
  app.use(
    session({
      name: 'canvass.sid',
      secret: sessionSecret,
      store: new RepositorySessionStore(store.sessions, sessionMaxAgeMs),
      resave: false,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.trustProxy ? 'auto' : false, maxAge: sessionMaxAgeMs },
    }),
  );
  // Sessions end at their absolute lifetime and whenever their account changes, is disabled or removed.
  app.use(async (req, res, next) => {
    const user = req.session?.user;
    if (user && !res.locals.byToken && !(await users.sessionStillValid(user, sessionMaxAgeMs))) {
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((error) => (error ? reject(error) : resolve())),
      );
    }
    next();
  });
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  // CSRF guards what a signed-in session may do; without one there is nothing to forge, and the route's own check
  // answers 401. The sign-in form has its own session-less token (LoginFormToken), so visitors never get a session row.
  app.use((req, res, next) =>
    req.session?.user && !res.locals.byToken ? csrf.csrfSynchronisedProtection(req, res, next) : next(),
  );
  // Staff pages, API answers and downloads hold respondents' answers: no browser or proxy may keep a copy.
  app.use(['/staff', '/api', '/login'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(userRoutes(users, views, config, new LoginFormToken(sessionSecret)));
  app.use(staffSurveyRoutes(surveys, routes));
  app.use(distributionRoutes(surveys, distribution, views, config.publicUrl, routes));
  app.use(responseDownloadRoutes(responses, surveys));
  app.use(statsRoutes(stats, surveys, views, routes));
  app.use(compareRoutes(compare, surveys, views, routes));
  const reportQueue = new WorkQueue({
    concurrency: config.reportConcurrency,
    waiting: config.reportQueue,
    perUser: config.reportsPerUser,
    retryAfterSeconds: 10,
    what: 'reports',
  });
  app.use(reportRoutes(reports, views, new ReportRenderer(reportQueue, () => pdf), reportQueue, routes));
  app.use(codingRoutes(coding, routes));
  app.use(codingScreenRoutes(coding, surveys, views, routes));
  const themeQueue = new WorkQueue({
    concurrency: config.themeConcurrency,
    waiting: config.themeQueue,
    perUser: config.themesPerUser,
    retryAfterSeconds: 30,
    what: 'theme runs',
  });
  app.use(themeRunRoutes(new ThemeRuns(coding, themeQueue, config.holdThemeRunsForTests), views, routes));
  app.use(workbenchRoutes(coding, surveys, views));

  app.use((req) => {
    throw new NotFoundError({ message: `Nothing here: ${req.path}` });
  });
  app.use(errorHandler(views, log));
  return app;
}
