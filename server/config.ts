import { ConfigurationError } from './errors';
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
  /** Set when behind a TLS-terminating proxy or load balancer, so cookies become Secure and rate limits see client IPs. */
  trustProxy: booleanFromEnv.default(false),
  surveysDir: z.string().default(path.join(PROJECT_ROOT, 'surveys')),
  loginAttemptsPerWindow: z.coerce.number().int().min(1).default(10),
  loginWindowMinutes: z.coerce.number().int().min(1).default(15),
  sessionHours: z.coerce.number().min(1).default(12),
  logRequests: booleanFromEnv.default(false),
  /** Longest a run of the coding pipeline may take before it is stopped (it runs off the request thread). */
  analysisSeconds: z.coerce.number().int().min(1).default(300),
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
    analysisSeconds: env.CANVASS_ANALYSIS_SECONDS,
  };
  const defined = Object.fromEntries(
    Object.entries({ ...fromEnv, ...overrides }).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(defined);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw new ConfigurationError({ message: 'Invalid configuration', details });
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
