import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that it is either absent, as it was, or complete: the content goes to a temporary file in the
 * same folder, which is then renamed over the target (atomic on one file system). A command stopped with Ctrl-C
 * mid-way leaves no half-written report or themes file behind under the name asked for.
 */
export function writeFileAtomically(target: string, content: string | Uint8Array): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
