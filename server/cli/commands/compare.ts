import type { Command } from 'commander';
import { withStore } from '../shared';

export const run = async (
  slugA: string,
  slugB: string,
  options: { by?: string; publish?: boolean },
  command: Command,
) => {
  const comparison = await withStore(command, ({ services }) =>
    options.publish
      ? services.compare.comparePublished(slugA, slugB, options.by)
      : services.compare.compare(slugA, slugB, options.by),
  );
  process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
};
