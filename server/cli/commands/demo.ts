import path from 'node:path';
import { PROJECT_ROOT } from '../../project-root';
import { describeStore } from '../../store/location';
import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

/**
 * Demo data for the shipped CQL/PQL survey: 159 responses (113 PQLs, 46 CQLs) whose figures are the joint review's key
 * findings (built by test/fixtures/build-joint-review.ts), and proposed codes for its three free-text questions.
 * Running it again adds nothing: responses keep their ids, and a question already coded is left as it is.
 */
export const DEMO = {
  survey: 'gp-quality-clusters-2024',
  responses: path.join(PROJECT_ROOT, 'surveys', 'demo', 'joint-review-159.json'),
  freeText: ['time_funding_comments', 'resources_not_in_place', 'qi_work_examples'],
};

/**
 * The review's survey ran in May: the demo's answers are dated through May 2024 (row 1 on the 1st, the last on the
 * 31st), so that its report's fieldwork and any date filter read as the review's would, not as the day it was loaded.
 */
const inMay2024 = (row: number) =>
  new Date(Date.UTC(2024, 4, 1 + Math.floor(((row - 1) * 31) / 159), 8 + (row % 9), (row * 7) % 60)).toISOString();

export const demo = defineCommand({
  name: 'demo',
  description:
    'load demo data into the store: 159 answers to the CQL/PQL survey and proposed codes (running it again adds nothing)',
  run: async (_options, command) => {
    const { importResponses } =
      require('../../responses/response-import') as typeof import('../../responses/response-import');
    let hasAccounts = false;
    await withStore(command, async ({ services, config }) => {
      console.log(`store: ${describeStore(config.store)}`);
      const summary = await importResponses(services.surveys, services.responses, DEMO.survey, DEMO.responses, {
        submittedAtOf: inMay2024,
      });
      console.log(`${DEMO.survey}: ${summary.imported} demo responses added, ${summary.alreadyPresent} already there`);
      const coded = new Set(await services.coding.questionsWithCoding(DEMO.survey));
      for (const question of DEMO.freeText) {
        if (coded.has(question)) {
          console.log(`${question}: already coded, left as it is`);
          continue;
        }
        const state = await services.coding.code(DEMO.survey, question, { by: 'canvass demo (command line)' });
        console.log(
          `${question}: ${state.codes.length} codes and ${state.themes.length} candidate themes proposed for review`,
        );
      }
      hasAccounts = (await services.users.list()).length > 0;
    });
    console.log(
      hasAccounts
        ? 'Next: sign in at /login to see them.'
        : 'Next: add a staff account with ./canvass users add you@example.org --role admin, then sign in at /login.',
    );
  },
});
