import fs from 'node:fs';
import { defineCommand } from '../command-definition';
import { CliError } from '../shared';

export const autocode = defineCommand({
  name: 'autocode',
  arguments: '<file>',
  description: 'suggest codes for the rows whose codes cell is empty, learning from the rows a researcher coded',
  options: {
    text: { flags: '--text <column>', description: 'the column with the answer text', required: true },
    codes: {
      flags: '--codes <column>',
      description: 'the column with codes separated by ";" (empty = to suggest)',
      required: true,
    },
    id: { flags: '--id <column>', description: 'the column naming each row' },
    out: {
      flags: '--out <file>',
      description: 'where to write the CSV with suggestions and a confidence column',
      required: true,
    },
  },
  run: (file, options) => {
    const { autocodeCsv } = require('../../coding/autocode-csv') as typeof import('../../coding/autocode-csv');
    if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
    const summary = autocodeCsv(file, options.out, { text: options.text, codes: options.codes, id: options.id });
    console.log(
      `learned ${summary.codes} codes from ${summary.coded} coded rows; suggested codes for ${summary.suggested} rows in ${options.out}`,
    );
  },
});
