const OUTAGE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|READONLY|CANTOPEN|FULL|NOTADB|CORRUPT)/;

/** better-sqlite3's errors that mean the database cannot be read or written just now: the client should retry later. */
export function isSqliteOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && OUTAGE_CODES.test(code);
}
