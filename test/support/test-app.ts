import path from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from '../../server/app';
import { loadConfig, type ConfigOverrides } from '../../server/config';
import { PdfPrinter } from '../../server/reports/report-pdf';
import { openStore } from '../../server/store/open-store';
import type { Store } from '../../server/store/repository';
import { SurveyService } from '../../server/surveys/survey-service';
import { tempSqlitePath } from './temp-files';
import { writeSurveyFolder, type SurveySpec } from './survey-factories';

export const SURVEYS_DIR = path.resolve(__dirname, '..', '..', 'surveys');
export const CQL_PQL = 'gp-quality-clusters-2024';

export interface TestApp {
  app: Express;
  store: Store;
  /** The store's location, as `--store` takes it. */
  location: string;
  /** The SQLite file, when the store is SQLite. */
  file: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  file?: string;
  /** A store location (`sqlite:…` or `mongodb://…`); by default a new SQLite file. */
  store?: string;
  now?: () => Date;
  config?: ConfigOverrides;
  /** Where request logs go (with config.logRequests). */
  logger?: Logger;
  /**
   * The surveys the app starts with, from its surveys folder as `canvass serve` reads them: ones the test built
   * (test/support/survey-factories.ts), or 'shipped' for the folder the product ships (only for tests of its contract).
   */
  surveys?: SurveySpec[] | 'shipped';
}

/** The real app on a real store (a new SQLite file unless told), with its surveys added, as `canvass serve` builds it. */
export async function buildTestApp({
  file = tempSqlitePath(),
  store: location = `sqlite:${file}`,
  now,
  config = {},
  logger,
  surveys = 'shipped',
}: TestAppOptions = {}): Promise<TestApp> {
  const surveysDir = surveys === 'shipped' ? SURVEYS_DIR : writeSurveyFolder(surveys);
  const fullConfig = loadConfig({}, { store: location, surveysDir, ...config });
  const store = await openStore(fullConfig.store);
  await new SurveyService(store.surveys, now).addBundled(surveysDir);
  const pdf = new PdfPrinter();
  const app = createApp({
    config: fullConfig,
    store,
    sessionSecret: 'test-secret-that-is-at-least-32-characters',
    now,
    log: () => undefined,
    pdf,
    logger,
  });
  return {
    app,
    store,
    location,
    file,
    close: async () => Promise.all([store.close(), pdf.close()]).then(() => undefined),
  };
}
