import fs from 'node:fs';
import type { Command } from 'commander';
import { exportCoding, type CodingExportFormat } from '../../coding/coding-export';
import { exportResponses, type ExportFormat } from '../../responses/response-export';
import { exportXlsx } from '../../responses/xlsx-export';
import { CliError, withStore } from '../shared';

export const run = async (
  slug: string,
  options: {
    format: ExportFormat | 'xlsx' | 'qdpx' | CodingExportFormat;
    out?: string;
    question?: string;
    suggestions?: boolean;
  },
  command: Command,
) => {
  if (options.format === 'qdpx') {
    if (!options.question || !options.out)
      throw new CliError('--format qdpx needs --question <name> and --out <file.qdpx>');
    const buffer = await withStore(command, ({ services }) =>
      services.coding.qdpx(slug, options.question!, { includeSuggestions: options.suggestions }),
    );
    fs.writeFileSync(options.out, buffer);
    console.error(`Exported the coding of ${options.question} as a REFI-QDA project to ${options.out}`);
    return;
  }
  if (options.format === 'qdc' || options.format === 'codes-csv' || options.format === 'segments-csv') {
    if (!options.question) throw new CliError(`--format ${options.format} needs --question <name>`);
    const format = options.format;
    const content = await withStore(command, async ({ services }) =>
      exportCoding(await services.coding.get(slug, options.question!), format),
    );
    if (options.out) fs.writeFileSync(options.out, content);
    else process.stdout.write(content);
    return;
  }
  if (options.format === 'xlsx') {
    if (!options.out) throw new CliError('--format xlsx needs --out <file.xlsx>');
    const count = await withStore(command, ({ services }) =>
      exportXlsx(services.responses, services.surveys, slug, options.out!),
    );
    console.error(`Exported ${count} responses and the codebook to ${options.out}`);
    return;
  }
  const format = options.format;
  const count = await withStore(command, async ({ services }) => {
    const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
    const written = await exportResponses(services.responses, services.surveys, slug, format, out);
    if (options.out)
      await new Promise<void>((resolve, reject) =>
        (out as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    return written;
  });
  if (options.out) console.error(`Exported ${count} responses to ${options.out}`);
};
