import fs from 'node:fs';
import type { Command } from 'commander';
import { describeMethod } from '../../../analysis/coding/themes';
import { themesFromCsv } from '../../coding/themes-csv';
import { cliProgress, quietFrom } from '../progress';
import { CliError } from '../shared';

export const run = (
  file: string,
  options: { text: string; id?: string; themes?: string; codebook?: string; out: string },
  command: Command,
) => {
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
  const count = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} takes a whole number of at least 1`);
    return n;
  };
  if (options.codebook && !fs.existsSync(options.codebook)) throw new CliError(`No such file: ${options.codebook}`);
  const progress = cliProgress({ quiet: quietFrom(command) });
  let result;
  try {
    result = themesFromCsv(
      file,
      options.out,
      { text: options.text, id: options.id },
      {
        themes: count(options.themes, 'themes'),
        codebook: options.codebook,
        onProgress: progress.report,
      },
    );
  } finally {
    progress.stop();
  }
  console.log(`${result.codes.length} codes in ${result.themes.length} candidate themes written to ${options.out}`);
  console.log(describeMethod(result.method));
  for (const theme of result.themes) {
    const coverage = `${Math.round(theme.labelCoverage * 100)}%`;
    console.log(
      `  ${theme.label} (${theme.members.length} answers; ${theme.mixed ? `mixed, for review: its strongest phrase is in ${coverage} of them` : `label's words in ${coverage} of them`}${theme.mergedFrom.length ? `; merged from ${theme.mergedFrom.join(' | ')}` : ''})`,
    );
  }
  if (result.unassigned.length)
    console.log(`  ${result.unassigned.length} answers fit no theme well and are left unassigned`);
};
