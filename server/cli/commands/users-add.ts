import { ROLES } from '../../users/roles';
import { defineCommand } from '../command-definition';
import { CliError, withStore } from '../shared';

export const usersAdd = defineCommand({
  name: 'add',
  arguments: '<email>',
  description: 'create a staff account, or change its role and password (password from stdin or CANVASS_PASSWORD)',
  options: {
    role: { flags: '--role <role>', description: 'admin, researcher or viewer', choices: ROLES, required: true },
    surveys: {
      flags: '--surveys <slugs>',
      description:
        'comma-separated surveys a researcher or viewer may see (new accounts: all; existing ones keep theirs)',
    },
    allSurveys: { flags: '--all-surveys', description: 'lift a restriction to some surveys' },
  },
  run: async (email, options, command) => {
    if (options.surveys !== undefined && options.allSurveys)
      throw new CliError('--surveys and --all-surveys contradict each other: give one');
    const { passwordFromEnv } = require('../../config') as typeof import('../../config');
    // node:readline alone costs more than the rest of `canvass --help`: loaded only to ask.
    const { readPassword } = require('../read-password') as typeof import('../read-password');
    const password = passwordFromEnv() ?? (await readPassword(`Password for ${email}: `));
    const surveys = options.allSurveys
      ? ('all' as const)
      : options.surveys
          ?.split(',')
          .map((slug) => slug.trim())
          .filter(Boolean);
    await withStore(command, async ({ services }) => {
      const outcome = await services.users.add({ email, role: options.role, password, surveys });
      console.log(`${outcome === 'created' ? 'Created' : 'Updated'} ${options.role} ${email.toLowerCase()}`);
    });
  },
});
