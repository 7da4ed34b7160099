import type { Command } from 'commander';
import { SurveyService } from '../../surveys/survey-service';
import { withStore } from '../shared';

export const run = async (_options: unknown, command: Command) => {
    await withStore(command, async (store) => {
      const list = await new SurveyService(store).listWithStatus();
      for (const { record, status } of list) console.log(`${record.slug}\t${status}\t${record.title}`);
    });
  };
