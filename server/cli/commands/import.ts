import fs from 'node:fs';
import type { Command } from 'commander';
import { defineCommand } from '../command-definition';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const importCommand = defineCommand({
  name: 'import',
  arguments: '<slug> <file>',
  description:
    'import responses from a JSON array or a CSV whose header is question names, or the coding of a question from a REFI-QDA project (.qdpx, with --question)',
  options: {
    encoding: {
      flags: '--encoding <encoding>',
      description:
        'how the file is written (default: UTF-8, or Windows-1252 when it has no UTF-8 at all; a file mixing the two is refused)',
      choices: ['utf-8', 'windows-1252'],
    },
    question: {
      flags: '--question <name>',
      description: '.qdpx: the free-text question whose coding the project holds',
    },
    replace: {
      flags: '--replace',
      description: '.qdpx: replace a coding researchers have reviewed (kept in the audit trail)',
    },
  },
  run: async (slug, file, options, command) => {
    if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
    if (/\.qdpx$/i.test(file)) return importCoding(slug, file, options, command);
    if (options.question)
      throw new CliError('--question is for a REFI-QDA project (.qdpx); responses are imported from JSON or CSV');
    const { importResponses } =
      require('../../responses/response-import') as typeof import('../../responses/response-import');
    const progress = cliProgress({ quiet: quietFrom(command) });
    const summary = await withStore(command, ({ services }) =>
      importResponses(services.surveys, services.responses, slug, file, {
        encoding: options.encoding,
        onProgress: progress.report,
      }),
    ).finally(() => progress.stop());
    if (summary.encoding !== 'utf-8') console.log(`read as Windows-1252: the file is not valid UTF-8`);
    console.log(`imported: ${summary.imported}`);
    console.log(`already present: ${summary.alreadyPresent}`);
    console.log(`rejected: ${new Set(summary.rejected.map((reject) => reject.row)).size}`);
    for (const reject of summary.rejected) console.error(`row ${reject.row}: ${reject.field}: ${reject.reason}`);
    if (summary.rejected.length > 0) process.exitCode = 1;
  },
});

/** A REFI-QDA project from a QDA tool (or a Canvass export) read back as the coding of a question. */
async function importCoding(
  slug: string,
  file: string,
  options: { question?: string; replace?: boolean },
  command: Command,
) {
  if (!options.question)
    throw new CliError('a .qdpx needs --question <name>: the free-text question whose coding it holds');
  const summary = await withStore(command, ({ services }) =>
    services.coding.importQdpx(slug, options.question!, fs.readFileSync(file), {
      replace: options.replace,
      by: 'canvass import (command line)',
    }),
  );
  const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;
  console.log(
    `${count(summary.answers, 'answer')}: ${count(summary.codes, 'code')}, ${count(summary.themes, 'theme')}, ${count(summary.codings, 'coding')} by ${summary.coders.join(', ') || 'nobody'}, ${count(summary.memos, 'memo')}`,
  );
  for (const reason of summary.skipped) console.error(`skipped: ${reason}`);
}
