import fs from 'node:fs';
import { defineCommand } from '../command-definition';
import { CliError, withStore } from '../shared';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** With --question: the researchers who coded that question in the platform; otherwise a CSV of coder columns. */
export const agreement = defineCommand({
  name: 'agreement',
  arguments: '<source>',
  description:
    "agreement between coders (percent, Krippendorff's alpha nominal, Cohen's kappa for two, per code): of the researchers who coded <survey> --question in the platform, or of the coder columns of a CSV <file>",
  options: {
    question: { flags: '--question <name>', description: 'the coded question of the survey <source>' },
    coders: {
      flags: '--coders <list>',
      description: "researchers by e-mail (default: all who coded), or the CSV's coder columns (required for a CSV)",
    },
    unit: { flags: '--unit <column>', description: 'the column naming each unit' },
    json: { flags: '--json', description: 'print JSON (the default)' },
  },
  run: async (source, options, command) => {
    if (options.question) {
      const result = await withStore(command, ({ services }) =>
        services.coding.agreement(source, options.question!, list(options.coders)),
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    if (!fs.existsSync(source))
      throw new CliError(
        `No such file: ${source} (to compare researchers who coded in the platform, give a survey and --question)`,
      );
    const coders = list(options.coders);
    if (!coders) throw new CliError('--coders names the coder columns of the CSV, e.g. coderA,coderB');
    const { agreementFromCsv } = require('../../coding/agreement-csv') as typeof import('../../coding/agreement-csv');
    process.stdout.write(`${JSON.stringify(agreementFromCsv(source, coders, options.unit), null, 2)}\n`);
  },
});
