import path from 'node:path';
import { PROJECT_ROOT } from '../project-root';

/**
 * Where the server and every `canvass` command keep their data unless told otherwise: one file under the project
 * folder, whatever folder the command is run from, so `npm start` and `./canvass demo` always meet in the same store.
 * Kept free of zod and the store adapters so `canvass --help` can name it without loading them.
 */
export const DEFAULT_STORE = `sqlite:${path.join(PROJECT_ROOT, 'data', 'canvass.db')}`;

/** The store as people should see it: an SQLite file by its full path; a MongoDB URI without its password. */
export function describeStore(location: string): string {
  if (location.startsWith('sqlite:'))
    return `sqlite:${path.resolve(location.slice('sqlite:'.length) || path.join(PROJECT_ROOT, 'data', 'canvass.db'))}`;
  return location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
