import type { Command } from 'commander';
import type { Config } from '../config';
import type { Services } from '../services';
import type { Store } from '../store/repository';
import type { CliProgress } from './progress';

export { CliError } from './cli-error';

function configFrom(command: Command): Config {
  // Loaded here, not at the top: every command module imports this file, and `canvass --help` loads them all.
  const { loadConfig } = require('../config') as typeof import('../config');
  const { store } = command.optsWithGlobals<{ store?: string }>();
  return loadConfig(process.env, store ? { store } : {});
}

/** What a command works with: the services (never the store itself) and the configuration. */
export interface CommandContext {
  services: Services;
  config: Config;
}

/**
 * Opens the store with the bundled surveys present, runs the work, and always closes the store. Given progress,
 * every stream of responses the work reads is counted on it as "reading responses: n".
 */
export async function withStore<T>(
  command: Command,
  work: (context: CommandContext) => Promise<T>,
  progress?: CliProgress,
): Promise<T> {
  // Loaded here, not at the top: `canvass --help` and the CSV-only commands never open a store.
  const { openStore } = require('../store/open-store') as typeof import('../store/open-store');
  const { createServices } = require('../services') as typeof import('../services');
  const config = configFrom(command);
  const store = await openStore(config.store);
  if (progress) countReads(store, progress);
  try {
    const services = createServices(store, { analysisSeconds: config.analysisSeconds });
    await services.surveys.addBundled(config.surveysDir);
    return await work({ services, config });
  } finally {
    await store.close();
  }
}

/** Counts the responses each stream yields onto the progress line, then says the figures are being worked out. */
function countReads(store: Store, progress: CliProgress): void {
  const stream = store.responses.stream.bind(store.responses);
  store.responses.stream = (slug, query) =>
    (async function* counted() {
      let read = 0;
      for await (const response of stream(slug, query)) {
        read += 1;
        if (read % 1000 === 0) progress.report('reading responses', read, 0);
        yield response;
      }
      progress.report('working out the figures', 0, 0);
    })();
}
