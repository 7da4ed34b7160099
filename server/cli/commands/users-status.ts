import type { UserService } from '../../users/user-service';
import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

const CHANGES = [
  {
    name: 'disable',
    description: 'stop an account signing in and end its sessions (kept, can be enabled again)',
    change: (service: UserService, email: string) => service.setDisabled(email, true),
    done: 'Disabled',
  },
  {
    name: 'enable',
    description: 'let a disabled account sign in again',
    change: (service: UserService, email: string) => service.setDisabled(email, false),
    done: 'Enabled',
  },
  {
    name: 'remove',
    description: 'delete an account and end its sessions',
    change: (service: UserService, email: string) => service.remove(email),
    done: 'Removed',
  },
];

/** `users disable`, `users enable` and `users remove`: one change to an account's status each. */
export const usersStatus = CHANGES.map(({ name, description, change, done }) =>
  defineCommand({
    name,
    arguments: '<email>',
    description,
    run: async (email, _options, command) => {
      await withStore(command, ({ services }) => change(services.users, email));
      console.log(`${done} ${email.toLowerCase()}`);
    },
  }),
);
