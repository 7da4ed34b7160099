const OUTAGE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** The MongoDB driver's and mongoose's errors that mean the server cannot be reached just now: retry later. */
export function isMongoOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (OUTAGE_ERRORS.has(error.name)) return true;
  // mongoose with buffering off: "Cannot call `responses.insertOne()` before initial connection is complete".
  return error.name === 'MongooseError' && /before initial connection|not connected|buffering/i.test(error.message);
}
