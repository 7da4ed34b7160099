import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

export const compare = defineCommand({
  name: 'compare',
  arguments: '<slugA> <slugB>',
  description: 'two waves of a survey compared question by question (B minus A): shares, change with 95% interval, p',
  options: {
    by: { flags: '--by <question>', description: 'compare within each answer to this question too (e.g. role)' },
    publish: {
      flags: '--publish',
      description:
        "apply each survey's publication rule: withhold questions and groups below its minimum base in either wave",
    },
    json: { flags: '--json', description: 'print JSON (the default)' },
  },
  run: async (slugA, slugB, options, command) => {
    const comparison = await withStore(command, ({ services }) =>
      options.publish
        ? services.compare.comparePublished(slugA, slugB, options.by)
        : services.compare.compare(slugA, slugB, options.by),
    );
    process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  },
});
