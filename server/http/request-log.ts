import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** The process's logger: one JSON object a line on stdout (or the stream given, in tests). */
export function createLogger(destination?: DestinationStream): Logger {
  return pino({ base: { service: 'canvass' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One JSON line per request: its id (the proxy's X-Request-Id when it looks like one, else a new UUID, echoed
 * back), method, path, status, time taken and the signed-in user. Never the query string, headers, cookies or
 * body (answers travel in bodies), and the client's address only when `logAddresses` is set.
 */
export function requestLog(logger: Logger, { logAddresses }: { logAddresses: boolean }): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({
        id: req.id,
        method: req.method,
        path: (req.originalUrl ?? req.url).split('?')[0],
        ...(logAddresses ? { address: req.ip } : {}),
      }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customProps: (req: IncomingMessage) => {
      const user = (req as Request).session?.user;
      return user ? { user: user.email } : {};
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res) => `${req.method} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}

/**
 * A thrown error nothing caught, or a rejected promise nothing awaited, leaves the process in a state nobody
 * planned: log it as one JSON line, let requests in flight finish (`close`, at most 10 s), and exit 1 so the
 * supervisor starts a clean process.
 */
export function exitOnUncaughtErrors(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const fail = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, kind);
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    close().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fail('uncaught exception'));
  process.on('unhandledRejection', fail('unhandled promise rejection'));
}
