import fs from 'node:fs';
import { autocodeCsv } from '../../coding/autocode-csv';
import { CliError } from '../shared';

export const run = (file: string, options: { text: string; codes: string; id?: string; out: string }) => {
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
  const summary = autocodeCsv(file, options.out, { text: options.text, codes: options.codes, id: options.id });
  console.log(
    `learned ${summary.codes} codes from ${summary.coded} coded rows; suggested codes for ${summary.suggested} rows in ${options.out}`,
  );
};
