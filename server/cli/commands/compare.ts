import type { Command } from 'commander';
import { withStore } from '../shared';

export const run = async (slugA: string, slugB: string, options: { by?: string }, command: Command) => {
      const comparison = await withStore(command, ({ services }) => services.compare.compare(slugA, slugB, options.by));
      process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    };
