import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { createApp, warmAssets } from './app';
import type { Config } from './config';
import type { Store } from './store/repository';
import { openStore } from './store/open-store';
import { createServices } from './services';
import { PdfPrinter } from './reports/report-pdf';
import { createLogger } from './http/request-log';
import type { Logger } from 'pino';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** The configured secret, or one generated once and kept in the store so every instance signs cookies alike. */
export async function sessionSecretFor(config: Config, store: Store): Promise<string> {
  return config.sessionSecret ?? store.settings.getOrInit('session-secret', randomBytes(32).toString('hex'));
}

export interface RunningServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** Opens the store, makes sure the bundled surveys are there, and listens. Used by `canvass serve` and tests. */
export async function startServer(config: Config, logger: Logger = createLogger()): Promise<RunningServer> {
  const store = await openStore(config.store);
  const services = createServices(store, { analysisSeconds: config.analysisSeconds, statsOffThread: true });
  await services.surveys.addBundled(config.surveysDir);
  const pdf = new PdfPrinter();
  warmAssets().catch((error) => console.error('canvass: compressing the browser files failed:', error));
  const log = (error: unknown) => logger.error({ err: error }, 'request failed');
  const app = createApp({
    config,
    store,
    sessionSecret: await sessionSecretFor(config, store),
    pdf,
    services,
    log,
    logger,
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  // Unfinished responses past their survey's retention period go at start-up and every hour after.
  const { purge } = services;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = purge
      .removeStalePartials(new Date())
      .catch((error) => console.error('canvass: removing stale unfinished responses failed:', error));
  };
  sweep();
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS).unref();
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    store,
    close() {
      closing ??= (async () => {
        // Stop accepting, let requests in flight finish (their answers are acknowledged only once stored).
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
        await closed;
        clearTimeout(force);
        clearInterval(sweeper);
        await sweeping;
        await pdf.close();
        await store.close();
      })();
      return closing;
    },
  };
}
