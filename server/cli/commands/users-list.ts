import type { Command } from 'commander';
import { withStore } from '../shared';

export const run = async (_options: unknown, command: Command) => {
  await withStore(command, async ({ services }) => {
    for (const user of await services.users.list()) {
      const surveys = user.role === 'admin' || !user.surveys ? 'all surveys' : user.surveys.join(',');
      console.log(`${user.email}\t${user.role}\t${surveys}\t${user.disabled ? 'disabled' : 'active'}`);
    }
  });
};
