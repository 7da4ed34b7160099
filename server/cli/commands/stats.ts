import type { StatsRequest } from '../../stats/stats-service';
import { cliProgress, quietFrom } from '../progress';
import { ValidationError } from '../../errors';
import { defineCommand, type OptionsOf } from '../command-definition';
import { withStore } from '../shared';

const OPTIONS = {
  by: {
    flags: '--by <question>',
    description: 'repeat every figure per answer to this question (e.g. role), with tests',
  },
  where: {
    flags: '--where <question=value>',
    description: 'only responses with this answer (repeatable)',
    repeatable: true,
  },
  from: { flags: '--from <date>', description: 'submitted on or after this date' },
  to: { flags: '--to <date>', description: 'submitted on or before this date' },
  includePartial: { flags: '--include-partial', description: 'add partial responses to the figures' },
  weight: {
    flags: '--weight <question>',
    description: "weight responses to the practices in each area of the survey's distribution question (lmc)",
  },
  publish: {
    flags: '--publish',
    description:
      "apply the survey's publication rule: withhold figures for any group below its minimum base (default 10)",
  },
  suppressBelow: {
    flags: '--suppress-below <n>',
    description: 'the cell rule instead: hide counts from 1 to n-1 (e.g. 5)',
  },
  simulations: {
    flags: '--simulations <n>',
    description: "random tables for a simulated Fisher's test (default 2000, as R)",
  },
  json: { flags: '--json', description: 'print JSON (the default)' },
  csv: { flags: '--csv <dir>', description: 'write one tidy CSV per question into this folder instead' },
} as const;

/** The command's options checked by the same schema as the API's query string; the CLI words the issues with the flags. */
function statsRequestFrom(options: OptionsOf<typeof OPTIONS>): StatsRequest {
  const { statsQuerySchema } = require('../../stats/stats-schema') as typeof import('../../stats/stats-schema');
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

export const stats = defineCommand({
  name: 'stats',
  arguments: '<slug>',
  description: 'descriptive statistics as JSON (or tidy CSV tables): counts, %, 95% CIs, tests by group',
  options: OPTIONS,
  run: async (slug, options, command) => {
    const request = statsRequestFrom(options);
    const progress = cliProgress({ quiet: quietFrom(command) });
    const stats = await withStore(command, ({ services }) => services.stats.compute(slug, request), progress).finally(
      () => progress.stop(),
    );
    if (options.csv) {
      const { writeStatsCsv } = require('../../stats/stats-csv') as typeof import('../../stats/stats-csv');
      for (const file of writeStatsCsv(stats, options.csv)) console.log(file);
    } else {
      process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    }
  },
});
