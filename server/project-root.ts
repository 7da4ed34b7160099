import path from 'node:path';

const parent = path.resolve(__dirname, '..');

/** The project folder (package.json, templates/, surveys/), whether running from the sources or from dist/. */
export const PROJECT_ROOT = path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
