import type { Command } from 'commander';
import { loadConfig, type Config } from '../config';
import type { Services } from '../services';
import type { Store } from '../store/repository';

export { CliError } from './cli-error';

function configFrom(command: Command): Config {
  const { store } = command.optsWithGlobals<{ store?: string }>();
  return loadConfig(process.env, store ? { store } : {});
}

export interface CommandContext {
  services: Services;
  store: Store;
  config: Config;
}

/** Opens the store with the bundled surveys present, runs the work, and always closes the store. */
export async function withStore<T>(command: Command, work: (context: CommandContext) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `canvass --help` and the CSV-only commands never open a store.
  const { openStore } = require('../store/open-store') as typeof import('../store/open-store');
  const { createServices } = require('../services') as typeof import('../services');
  const config = configFrom(command);
  const store = await openStore(config.store);
  try {
    const services = createServices(store, { analysisSeconds: config.analysisSeconds });
    await services.surveys.addBundled(config.surveysDir);
    return await work({ services, store, config });
  } finally {
    await store.close();
  }
}
