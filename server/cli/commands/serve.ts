import { DEFAULT_STORE, describeStore } from '../../store/location';
import { defineCommand } from '../command-definition';

export const serve = defineCommand({
  name: 'serve',
  description: 'run the web server (the CQL/PQL survey is live at /s/gp-quality-clusters-2024)',
  options: { port: { flags: '--port <port>', description: 'port to listen on (default: PORT or 3000)' } },
  run: async (options, command) => {
    const { loadConfig } = require('../../config') as typeof import('../../config');
    const { startServer } = require('../../server') as typeof import('../../server');
    const { createLogger, exitOnUncaughtErrors } =
      require('../../http/request-log') as typeof import('../../http/request-log');
    const store = command.optsWithGlobals<{ store?: string }>().store;
    const config = loadConfig(process.env, {
      ...(store ? { store } : {}),
      ...(options.port ? { port: options.port } : {}),
    });
    const logger = createLogger();
    const starting = startServer(config, logger);
    // From the start, not once listening: an error nothing catches while the server starts is logged and stops it too.
    exitOnUncaughtErrors(logger, () => starting.then((server) => server.close()));
    // Listening for the signals before the server is up, so one arriving as it starts stops it gracefully too; npm
    // forwards SIGINT and SIGTERM as well as the terminal sending them: stop once, however many arrive.
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: finishing requests in flight, then stopping`);
      starting
        .then((server) => server.close())
        .then(
          () => process.exit(0),
          (error) => {
            console.error(error);
            process.exit(1);
          },
        );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    const server = await starting;
    console.log(`Canvass is listening on ${server.url}`);
    console.log(
      config.store === DEFAULT_STORE
        ? `store: ${describeStore(config.store)} (the default, which ./canvass commands use too)`
        : `store: ${describeStore(config.store)} (give ./canvass commands --store '${describeStore(config.store)}' to use it)`,
    );
    console.log(`The CQL/PQL survey: ${server.url}/s/gp-quality-clusters-2024 · staff: ${server.url}/login`);
  },
});
