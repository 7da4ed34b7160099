import fs from 'node:fs';
import { agreementFromCsv } from '../../coding/agreement-csv';
import { CliError } from '../shared';

export const run = (file: string, options: { coders: string; unit?: string }) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const coders = options.coders.split(',').map((coder) => coder.trim()).filter(Boolean);
      process.stdout.write(`${JSON.stringify(agreementFromCsv(file, coders, options.unit), null, 2)}\n`);
    };
