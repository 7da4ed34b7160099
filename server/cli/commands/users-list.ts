import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

export const usersList = defineCommand({
  name: 'list',
  description: 'list staff accounts with role, surveys and status',
  run: async (_options, command) => {
    await withStore(command, async ({ services }) => {
      for (const user of await services.users.list()) {
        const surveys = user.role === 'admin' || !user.surveys ? 'all surveys' : user.surveys.join(',');
        console.log(`${user.email}\t${user.role}\t${surveys}\t${user.disabled ? 'disabled' : 'active'}`);
      }
    });
  },
});
