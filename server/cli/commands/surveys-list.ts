import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

/** `canvass surveys` on its own. */
export const surveysList = defineCommand({
  name: 'surveys',
  description: 'list the hosted surveys',
  run: async (_options, command) => {
    await withStore(command, async ({ services }) => {
      const list = await services.surveys.listWithStatus();
      for (const { record, status } of list) console.log(`${record.slug}\t${status}\t${record.title}`);
    });
  },
});
