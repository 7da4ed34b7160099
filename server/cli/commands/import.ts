import fs from 'node:fs';
import type { Command } from 'commander';
import { importResponses, type TextEncoding } from '../../responses/response-import';
import { cliProgress, quietFrom } from '../progress';
import { CliError, withStore } from '../shared';

export const run = async (slug: string, file: string, options: { encoding?: TextEncoding }, command: Command) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const progress = cliProgress({ quiet: quietFrom(command) });
      const summary = await withStore(command, ({ services }) =>
        importResponses(services.surveys, services.responses, slug, file, { encoding: options.encoding, onProgress: progress.report }),
      ).finally(() => progress.stop());
      if (summary.encoding !== 'utf-8') console.log(`read as Windows-1252: the file is not valid UTF-8`);
      console.log(`imported: ${summary.imported}`);
      console.log(`already present: ${summary.alreadyPresent}`);
      console.log(`rejected: ${new Set(summary.rejected.map((reject) => reject.row)).size}`);
      for (const reject of summary.rejected) console.error(`row ${reject.row}: ${reject.field}: ${reject.reason}`);
      if (summary.rejected.length > 0) process.exitCode = 1;
    };
