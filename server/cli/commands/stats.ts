import type { Command } from 'commander';
import { writeStatsCsv } from '../../stats/stats-csv';
import { StatsService, type StatsRequest } from '../../stats/stats-service';
import { SurveyService } from '../../surveys/survey-service';
import { CliError, withStore } from '../shared';

interface StatsCliOptions {
  by?: string;
  where: string[];
  from?: string;
  to?: string;
  includePartial?: boolean;
  suppressBelow?: string;
  publish?: boolean;
  weight?: string;
  csv?: string;
}

function statsRequestFrom(options: StatsCliOptions): StatsRequest {
  const where = options.where.map((pair): [string, string] => {
    const at = pair.indexOf('=');
    if (at < 1) throw new CliError(`--where takes question=value, not "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
  const suppressBelow = options.suppressBelow === undefined ? null : Number(options.suppressBelow);
  if (suppressBelow !== null && (!Number.isInteger(suppressBelow) || suppressBelow < 2)) {
    throw new CliError('--suppress-below takes a whole number of at least 2');
  }
  if (options.publish && suppressBelow !== null) throw new CliError('--publish and --suppress-below are two different rules: give one');
  return { by: options.by, where, from: options.from, to: options.to, includePartial: options.includePartial, suppressBelow, publish: options.publish, weightBy: options.weight ?? null };
}

export const run = async (slug: string, options: StatsCliOptions, command: Command) => {
      const request = statsRequestFrom(options);
      const stats = await withStore(command, async (store) => {
        const surveyService = new SurveyService(store);
        return new StatsService(store, surveyService).compute(slug, request);
      });
      if (options.csv) {
        for (const file of writeStatsCsv(stats, options.csv)) console.log(file);
      } else {
        process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      }
    };
