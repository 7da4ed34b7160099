import type { Command } from 'commander';
import { writeStatsCsv } from '../../stats/stats-csv';
import { statsQuerySchema } from '../../stats/stats-schema';
import type { StatsRequest } from '../../stats/stats-service';
import { cliProgress, quietFrom } from '../progress';
import { ValidationError } from '../../errors';
import { withStore } from '../shared';

interface StatsCliOptions {
  by?: string;
  where: string[];
  from?: string;
  to?: string;
  includePartial?: boolean;
  suppressBelow?: string;
  publish?: boolean;
  weight?: string;
  simulations?: string;
  csv?: string;
}

/** The command's options checked by the same schema as the API's query string, errors worded with the flags. */
function statsRequestFrom(options: StatsCliOptions): StatsRequest {
  const parsed = statsQuerySchema.safeParse({
    by: options.by,
    where: options.where,
    from: options.from,
    to: options.to,
    includePartial: options.includePartial ? 'true' : undefined,
    suppressBelow: options.suppressBelow,
    publish: options.publish ? 'true' : undefined,
    weight: options.weight,
    simulations: options.simulations,
  });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'The options are not valid');
  return { ...parsed.data, by: parsed.data.by ?? undefined };
}

export const run = async (slug: string, options: StatsCliOptions, command: Command) => {
  const request = statsRequestFrom(options);
  const progress = cliProgress({ quiet: quietFrom(command) });
  const stats = await withStore(command, ({ services }) => services.stats.compute(slug, request), progress).finally(
    () => progress.stop(),
  );
  if (options.csv) {
    for (const file of writeStatsCsv(stats, options.csv)) console.log(file);
  } else {
    process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
  }
};
