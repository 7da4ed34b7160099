import fs from 'node:fs';
import { defineCommand } from '../command-definition';
import { CliError, withStore } from '../shared';

export const exportCommand = defineCommand({
  name: 'export',
  arguments: '<slug>',
  description:
    'export every response (json, csv, xlsx with a codebook sheet) or the coding of a question (qdc, qdpx for QDA tools, codes-csv, segments-csv)',
  options: {
    format: {
      flags: '--format <format>',
      description: 'json, csv or xlsx; qdc, qdpx, codes-csv or segments-csv with --question',
      choices: ['json', 'csv', 'xlsx', 'qdc', 'qdpx', 'codes-csv', 'segments-csv'],
      default: 'csv',
    },
    question: {
      flags: '--question <name>',
      description: 'the coded free-text question (for qdc, qdpx, codes-csv, segments-csv)',
    },
    out: { flags: '--out <file>', description: 'write to a file instead of standard output (required for xlsx)' },
    suggestions: {
      flags: '--suggestions',
      description: "qdpx: also export the machine's unreviewed suggestions, as its own codings marked by a note",
    },
  },
  run: async (slug, options, command) => {
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
      const { exportCoding } = require('../../coding/coding-export') as typeof import('../../coding/coding-export');
      const content = await withStore(command, async ({ services }) =>
        exportCoding(await services.coding.get(slug, options.question!), format),
      );
      if (options.out) fs.writeFileSync(options.out, content);
      else process.stdout.write(content);
      return;
    }
    if (options.format === 'xlsx') {
      if (!options.out) throw new CliError('--format xlsx needs --out <file.xlsx>');
      const { exportXlsx } = require('../../responses/xlsx-export') as typeof import('../../responses/xlsx-export');
      const count = await withStore(command, ({ services }) =>
        exportXlsx(services.responses, services.surveys, slug, options.out!),
      );
      console.error(`Exported ${count} responses and the codebook to ${options.out}`);
      return;
    }
    const format = options.format;
    const { exportResponses } =
      require('../../responses/response-export') as typeof import('../../responses/response-export');
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
  },
});
