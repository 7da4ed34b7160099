import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { startServer } from '../../server';
import { createLogger, exitOnUncaughtErrors } from '../../http/request-log';

export const run = async (options: { port?: string }, command: Command) => {
      const config = loadConfig(process.env, {
        ...(command.optsWithGlobals<{ store?: string }>().store ? { store: command.optsWithGlobals<{ store: string }>().store } : {}),
        ...(options.port ? { port: options.port } : {}),
      });
      const logger = createLogger();
      const server = await startServer(config, logger);
      exitOnUncaughtErrors(logger, () => server.close());
      console.log(`Canvass is listening on ${server.url} (store: ${server.store.kind})`);
      console.log(`The CQL/PQL survey: ${server.url}/s/gp-quality-clusters-2024 · staff: ${server.url}/login`);
      const stop = (signal: string) => {
        console.log(`${signal}: finishing requests in flight, then stopping`);
        server.close().then(() => process.exit(0), (error) => {
          console.error(error);
          process.exit(1);
        });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    };
