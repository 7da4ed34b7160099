import type { Command } from 'commander';
import { ask } from '../read-password';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const run = async (slug: string, options: { before: string; yes?: boolean }, command: Command) => {
  await withStore(command, async ({ services, store }) => {
    const { purge } = services;
    const count = await purge.count(slug, options.before);
    console.log(`${count} responses to "${slug}" were last saved before ${options.before}.`);
    if (count === 0) return;
    if (!options.yes) {
      if (!process.stdin.isTTY) throw new CliError('Nothing deleted: add --yes to confirm when not at a terminal');
      const typed = await ask(`Type the survey name (${slug}) to delete them for good: `);
      if (typed.trim() !== slug) throw new CliError('Nothing deleted: the name did not match');
    }
    const progress = cliProgress({ quiet: quietFrom(command) });
    progress.report(
      `deleting ${count.toLocaleString('en-GB')} responses and clearing their text from the database file`,
      0,
      0,
    );
    const { deleted, ondisk } = await purge.purge(slug, options.before).finally(() => progress.stop());
    console.log(`Deleted ${deleted} responses.`);
    if (!ondisk) {
      console.warn(
        store.kind === 'mongodb'
          ? 'MongoDB keeps deleted text in its data files until the space is reused, and in its journal and oplog until they roll over: see docs/security.md, "Purge".'
          : 'The database is in use by another process, so its write-ahead log still holds the deleted text: run the purge again with the server stopped.',
      );
    }
  });
};
