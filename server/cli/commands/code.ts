import fs from 'node:fs';
import { defineCommand } from '../command-definition';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const code = defineCommand({
  name: 'code',
  arguments: '<slug>',
  description:
    'propose codes and candidate themes for a free-text question from the stored answers, for researchers to review',
  options: {
    question: { flags: '--question <name>', description: 'the free-text question', required: true },
    codebook: {
      flags: '--codebook <file>',
      description: 'also apply a codebook (JSON, YAML or a REFI-QDA .qdc, whose non-codable codes become themes)',
    },
    replace: {
      flags: '--replace',
      description:
        'propose afresh even though researchers have reviewed the coding (what they made or reviewed is kept)',
    },
  },
  run: async (slug, options, command) => {
    if (options.codebook && !fs.existsSync(options.codebook)) throw new CliError(`No such file: ${options.codebook}`);
    const progress = cliProgress({ quiet: quietFrom(command) });
    const { state, summary } = await withStore(command, ({ services }) =>
      services.coding.run(slug, options.question, {
        codebook: options.codebook,
        replace: options.replace,
        by: 'canvass code (command line)',
        onProgress: progress.report,
      }),
    ).finally(() => progress.stop());
    const answers = new Set(state.segments.map((segment) => segment.responseId)).size;
    // Counted as the workbench lists them: discarded codes and themes stay in the coding, off the board.
    const live = <T extends { status: string }>(items: T[]) =>
      items.filter((item) => item.status !== 'discarded').length;
    console.log(
      `${answers} answers, ${state.segments.length} segments: ${live(state.codes)} codes and ${live(state.themes)} themes on the board for review`,
    );
    // Loaded when used: `canvass --help` loads no package but commander (start-up.test.ts).
    const { describeRerun } = require('../../coding/coding-rerun') as typeof import('../../coding/coding-rerun');
    if (summary) console.log(`Run again: ${describeRerun(summary)}.`);
    const { describeMethod } =
      require('../../../analysis/coding/themes') as typeof import('../../../analysis/coding/themes');
    if (state.method) console.log(describeMethod(state.method));
  },
});
