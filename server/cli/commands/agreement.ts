import fs from 'node:fs';
import type { Command } from 'commander';
import { agreementFromCsv } from '../../coding/agreement-csv';
import { CliError, withStore } from '../shared';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** With --question: the researchers who coded that question in the platform; otherwise a CSV of coder columns. */
export const run = async (
  source: string,
  options: { coders?: string; unit?: string; question?: string },
  command: Command,
) => {
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
  process.stdout.write(`${JSON.stringify(agreementFromCsv(source, coders, options.unit), null, 2)}\n`);
};
