import fs from 'node:fs';
import type { Command } from 'commander';
import { describeMethod } from '../../../analysis/coding/themes';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const run = async (
  slug: string,
  options: { question: string; codebook?: string; replace?: boolean },
  command: Command,
) => {
  if (options.codebook && !fs.existsSync(options.codebook)) throw new CliError(`No such file: ${options.codebook}`);
  const progress = cliProgress({ quiet: quietFrom(command) });
  const state = await withStore(command, ({ services }) =>
    services.coding.code(slug, options.question, {
      codebook: options.codebook,
      replace: options.replace,
      by: 'canvass code (command line)',
      onProgress: progress.report,
    }),
  ).finally(() => progress.stop());
  const answers = new Set(state.segments.map((segment) => segment.responseId)).size;
  console.log(
    `${answers} answers, ${state.segments.length} segments: ${state.codes.length} codes and ${state.themes.length} candidate themes proposed for review`,
  );
  if (state.method) console.log(describeMethod(state.method));
};
