import path from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { loadConfig, type ConfigOverrides } from '../../server/config';
import { openStore } from '../../server/store/open-store';
import type { Store } from '../../server/store/repository';
import { SurveyService } from '../../server/surveys/survey-service';
import { tempSqlitePath } from './temp-files';

export const SURVEYS_DIR = path.resolve(__dirname, '..', '..', 'surveys');
export const CQL_PQL = 'gp-quality-clusters-2024';

export interface TestApp {
  app: Express;
  store: Store;
  file: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  file?: string;
  now?: () => Date;
  config?: ConfigOverrides;
}

/** The real app on a real SQLite file, with the bundled surveys added, as `canvass serve` builds it. */
export async function buildTestApp({ file = tempSqlitePath(), now, config = {} }: TestAppOptions = {}): Promise<TestApp> {
  const fullConfig = loadConfig({}, { store: `sqlite:${file}`, surveysDir: SURVEYS_DIR, ...config });
  const store = await openStore(fullConfig.store);
  await new SurveyService(store, now).addBundled(SURVEYS_DIR);
  const app = createApp({ config: fullConfig, store, sessionSecret: 'test-secret-that-is-at-least-32-characters', now, log: () => undefined });
  return { app, store, file, close: () => store.close() };
}
