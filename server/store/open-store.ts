import { ConfigurationError } from '../errors';
import type { Store } from './repository';
import { DEFAULT_STORE } from './location';
import { openSqliteStore } from './sqlite/sqlite-store';

/** `sqlite:<path>` (the zero-setup default) or a `mongodb://` / `mongodb+srv://` URI. */
export async function openStore(location: string): Promise<Store> {
  if (location.startsWith('sqlite:'))
    return openSqliteStore(location.slice('sqlite:'.length) || DEFAULT_STORE.slice('sqlite:'.length));
  if (/^mongodb(\+srv)?:\/\//.test(location)) {
    // Loaded only when asked for, so the SQLite path never pays for the MongoDB driver. require, not import():
    // the CLI runs through tsx's CommonJS hook, where a dynamic import() of a .ts file is not resolved.
    const { openMongoStore } = require('./mongo/mongo-store') as typeof import('./mongo/mongo-store');
    return openMongoStore(location);
  }
  throw new ConfigurationError({
    message: `Unknown store "${location}"`,
    details: [{ field: 'store', message: 'use sqlite:<path> or a mongodb:// URI' }],
  });
}
