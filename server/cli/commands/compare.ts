import type { Command } from 'commander';
import { CompareService } from '../../stats/compare-service';
import { SurveyService } from '../../surveys/survey-service';
import { withStore } from '../shared';

export const run = async (slugA: string, slugB: string, options: { by?: string }, command: Command) => {
      const comparison = await withStore(command, (store) => new CompareService(store, new SurveyService(store)).compare(slugA, slugB, options.by));
      process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    };
