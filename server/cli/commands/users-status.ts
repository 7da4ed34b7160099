import type { Command } from 'commander';
import type { UserService } from '../../users/user-service';
import { withStore } from '../shared';

const CHANGES = {
  disable: { change: (service: UserService, email: string) => service.setDisabled(email, true), done: 'Disabled' },
  enable: { change: (service: UserService, email: string) => service.setDisabled(email, false), done: 'Enabled' },
  remove: { change: (service: UserService, email: string) => service.remove(email), done: 'Removed' },
};

export const run = async (name: keyof typeof CHANGES, email: string, command: Command) => {
  await withStore(command, ({ services }) => CHANGES[name].change(services.users, email));
  console.log(`${CHANGES[name].done} ${email.toLowerCase()}`);
};
