import { defineCommand } from '../command-definition';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const purge = defineCommand({
  name: 'purge',
  arguments: '<slug>',
  description: 'delete the responses last saved before a date, after showing how many and asking to confirm',
  options: {
    before: {
      flags: '--before <date>',
      description: 'responses saved before this date (YYYY-MM-DD) go',
      required: true,
    },
    yes: { flags: '--yes', description: 'confirm without asking (for scripts)' },
  },
  run: async (slug, options, command) => {
    await withStore(command, async ({ services }) => {
      const { purge } = services;
      const count = await purge.count(slug, options.before);
      console.log(`${count} responses to "${slug}" were last saved before ${options.before}.`);
      if (count === 0) return;
      if (!options.yes) {
        if (!process.stdin.isTTY) throw new CliError('Nothing deleted: add --yes to confirm when not at a terminal');
        const { ask } = require('../read-password') as typeof import('../read-password');
        const typed = await ask(`Type the survey name (${slug}) to delete them for good: `);
        if (typed.trim() !== slug) throw new CliError('Nothing deleted: the name did not match');
      }
      const progress = cliProgress({ quiet: quietFrom(command) });
      progress.report(
        `deleting ${count.toLocaleString('en-GB')} responses and clearing their text from the database file`,
        0,
        0,
      );
      const { deleted, copiesLeft } = await purge.purge(slug, options.before).finally(() => progress.stop());
      console.log(`Deleted ${deleted} responses.`);
      if (copiesLeft) console.warn(copiesLeft);
    });
  },
});
