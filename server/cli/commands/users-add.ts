import type { Command } from 'commander';
import { passwordFromEnv } from '../../config';
import { readPassword } from '../read-password';
import { CliError, withStore } from '../shared';

export const run = async (
  email: string,
  options: { role: 'admin' | 'researcher' | 'viewer'; surveys?: string; allSurveys?: boolean },
  command: Command,
) => {
  if (options.surveys !== undefined && options.allSurveys)
    throw new CliError('--surveys and --all-surveys contradict each other: give one');
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
};
