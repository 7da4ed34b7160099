import { ConfigurationError, ValidationError } from './errors';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './project-root';
import { DEFAULT_STORE } from './store/location';

const booleanFromEnv = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  store: z
    .string()
    .refine((value) => value.startsWith('sqlite:') || /^mongodb(\+srv)?:\/\//.test(value), {
      message: 'must be sqlite:<path> or a mongodb:// or mongodb+srv:// URI',
    })
    .default(DEFAULT_STORE),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /** Shared by every instance behind a load balancer; when absent one is generated once and kept in the store. */
  sessionSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Base of the links handed to LMCs, e.g. https://surveys.example.org; defaults to the host of the request. */
  publicUrl: z.url().optional(),
  /**
   * Set when behind a TLS-terminating proxy or load balancer, so cookies become Secure and rate limits see client
   * addresses: true trusts the one hop in front; a list of the proxies' addresses or subnets (or loopback,
   * linklocal, uniquelocal) trusts X-Forwarded-For only from them, so a client reaching the app directly cannot
   * pick its own address.
   */
  trustProxy: z
    .union([
      booleanFromEnv,
      z
        .string()
        .regex(
          /^\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?))*\s*$/,
          'must be true, false, or a comma-separated list of proxy addresses or subnets',
        ),
    ])
    .default(false),
  surveysDir: z.string().default(path.join(PROJECT_ROOT, 'surveys')),
  loginAttemptsPerWindow: z.coerce.number().int().min(1).default(10),
  loginWindowMinutes: z.coerce.number().int().min(1).default(15),
  /** Failed sign-ins to one account per window, from any address: a rotating address cannot guess on. */
  loginAttemptsPerAccount: z.coerce.number().int().min(1).default(10),
  sessionHours: z.coerce.number().min(1).default(12),
  /**
   * New complete responses accepted per minute from one client address (per instance). Generous: a health
   * board's practices share one NAT address; a script posting made-up answers is what it stops.
   */
  completePerMinute: z.coerce.number().int().min(1).default(60),
  /** Reports (page, HTML, Word, PDF) built and rendered at once per process; more wait in line (see WorkQueue). */
  reportConcurrency: z.coerce.number().int().min(1).default(2),
  /** Reports waiting for a turn, over all users; past it, 503 with Retry-After. */
  reportQueue: z.coerce.number().int().min(0).default(8),
  /** Reports one user may have running or waiting. */
  reportsPerUser: z.coerce.number().int().min(1).default(2),
  /** Theme runs (worker threads) at once per process, waiting over all users, and per user. */
  themeConcurrency: z.coerce.number().int().min(1).default(1),
  themeQueue: z.coerce.number().int().min(0).default(2),
  themesPerUser: z.coerce.number().int().min(1).default(1),
  /** One JSON line per request on stdout (server/http/request-log.ts). */
  logRequests: booleanFromEnv.default(false),
  /** Whether request logs carry the client's address; off, as addresses are personal data. */
  logAddresses: booleanFromEnv.default(false),
  /** Longest a run of the coding pipeline may take before it is stopped (it runs off the request thread). */
  analysisSeconds: z.coerce.number().int().min(1).default(300),
  /** Test only, set through loadConfig's overrides and never from the environment: awaited before each theme run works. */
  holdThemeRunsForTests: z.custom<() => Promise<void>>((value) => typeof value === 'function').optional(),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigOverrides = Partial<z.input<typeof configSchema>>;

/** The only place that reads the environment: called once by the CLI and the server entry. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const fromEnv = {
    store: env.CANVASS_STORE,
    port: env.PORT,
    host: env.HOST,
    sessionSecret: env.CANVASS_SESSION_SECRET,
    publicUrl: env.CANVASS_PUBLIC_URL,
    trustProxy: env.CANVASS_TRUST_PROXY,
    surveysDir: env.CANVASS_SURVEYS_DIR,
    loginAttemptsPerWindow: env.CANVASS_LOGIN_ATTEMPTS,
    logRequests: env.CANVASS_LOG_REQUESTS,
    logAddresses: env.CANVASS_LOG_ADDRESSES,
    completePerMinute: env.CANVASS_COMPLETE_PER_MINUTE,
    reportConcurrency: env.CANVASS_REPORT_CONCURRENCY,
    reportQueue: env.CANVASS_REPORT_QUEUE,
    reportsPerUser: env.CANVASS_REPORTS_PER_USER,
    themeConcurrency: env.CANVASS_THEME_CONCURRENCY,
    themeQueue: env.CANVASS_THEME_QUEUE,
    themesPerUser: env.CANVASS_THEMES_PER_USER,
    loginAttemptsPerAccount: env.CANVASS_LOGIN_ATTEMPTS_PER_ACCOUNT,
    analysisSeconds: env.CANVASS_ANALYSIS_SECONDS,
  };
  const defined = Object.fromEntries(
    Object.entries({ ...fromEnv, ...overrides }).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigurationError({
      message: 'Invalid configuration',
      details: ValidationError.fieldIssues(parsed.error),
    });
  }
  return parsed.data;
}

/** Read once at start-up by the CLI for `users add`; kept here so nothing else touches process.env. */
export function passwordFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CANVASS_PASSWORD || undefined;
}

export function mongoUriFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MONGODB_URI || undefined;
}
