import type { Command } from 'commander';
import { withStore } from '../shared';

export const run = async (_options: unknown, command: Command) => {
  await withStore(command, async ({ services }) => {
    const list = await services.surveys.listWithStatus();
    for (const { record, status } of list) console.log(`${record.slug}\t${status}\t${record.title}`);
  });
};
