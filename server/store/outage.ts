const SQLITE_OUTAGE = /^SQLITE_(BUSY|LOCKED|IOERR|READONLY|CANTOPEN|FULL|NOTADB|CORRUPT)/;
const MONGO_OUTAGE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** Errors that mean the store cannot be reached or written just now: the client should retry later (503). */
export function isStoreOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SQLITE_OUTAGE.test(code)) return true;
  if (MONGO_OUTAGE.has(error.name)) return true;
  // mongoose with buffering off: "Cannot call `responses.insertOne()` before initial connection is complete".
  return error.name === 'MongooseError' && /before initial connection|not connected|buffering/i.test(error.message);
}
