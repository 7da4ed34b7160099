import type { Command } from 'commander';
import { loadConfig, type Config } from '../config';
import type { Store } from '../store/repository';

/** A mistake in how a command was called: printed as it is, exit status 1. */
export class CliError extends Error {}

export function configFrom(command: Command): Config {
  const { store } = command.optsWithGlobals<{ store?: string }>();
  return loadConfig(process.env, store ? { store } : {});
}

/** Opens the store with the bundled surveys present, runs the work, and always closes the store. */
export async function withStore<T>(command: Command, work: (store: Store, config: Config) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `canvass --help` and the CSV-only commands never open a store.
  const { openStore } = require('../store/open-store') as typeof import('../store/open-store');
  const { SurveyService } = require('../surveys/survey-service') as typeof import('../surveys/survey-service');
  const config = configFrom(command);
  const store = await openStore(config.store);
  try {
    await new SurveyService(store).addBundled(config.surveysDir);
    return await work(store, config);
  } finally {
    await store.close();
  }
}
