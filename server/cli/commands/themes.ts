import fs from 'node:fs';
import { defineCommand } from '../command-definition';
import { cliProgress, quietFrom } from '../progress';
import { CliError } from '../shared';

export const themes = defineCommand({
  name: 'themes',
  arguments: '<file>',
  description: 'candidate codes and themes from free-text answers in a CSV, for researchers to review',
  options: {
    text: { flags: '--text <column>', description: 'the column with the answer text', required: true },
    id: { flags: '--id <column>', description: 'the column naming each row (default: row number)' },
    themes: {
      flags: '--themes <n>',
      description: 'how many candidate themes (default: chosen from the answers, by stability across random starts)',
    },
    codebook: {
      flags: '--codebook <file>',
      description: 'a codebook (JSON or YAML) to apply too, e.g. surveys/gp-quality-clusters-2024.codebook.json',
    },
    out: { flags: '--out <file>', description: 'where to write themes.json', required: true },
  },
  run: (file, options, command) => {
    const { codesInNoTheme, describeMethod } =
      require('../../../analysis/coding/themes') as typeof import('../../../analysis/coding/themes');
    const { themesFromCsv } = require('../../coding/themes-csv') as typeof import('../../coding/themes-csv');
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
    const unthemed = codesInNoTheme(result);
    console.log(
      `${result.themes.length} candidate themes and ${result.codes.length} codes${unthemed.length ? ` (${unthemed.length} in no theme)` : ''} written to ${options.out}`,
    );
    console.log(describeMethod(result.method));
    for (const theme of result.themes) {
      const coverage = `${Math.round(theme.labelCoverage * 100)}%`;
      console.log(
        `  ${theme.label} (${theme.members.length} answers; ${theme.mixed ? `mixed, for review: its strongest phrase is in ${coverage} of them` : `label's words in ${coverage} of them`}${theme.mergedFrom.length ? `; merged from ${theme.mergedFrom.join(' | ')}` : ''})`,
      );
    }
    if (unthemed.length)
      console.log(
        `  in no theme, raised across several: ${unthemed.map((code) => `${code.label} (${code.members.length})`).join(', ')}`,
      );
    if (result.unassigned.length)
      console.log(`  ${result.unassigned.length} answers fit no theme well and are left unassigned`);
  },
});
