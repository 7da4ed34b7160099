import { defineCommand } from '../command-definition';
import { withStore } from '../shared';

export const surveysAdd = defineCommand({
  name: 'add',
  arguments: '<file>',
  description: 'add or replace a survey from a SurveyJS JSON file (validated first)',
  options: {
    slug: { flags: '--slug <slug>', description: 'address of the survey (default: the file name)' },
    distribution: {
      flags: '--distribution <file>',
      description: 'areas to distribute to: {"question": "lmc", "areas": [{"code", "name", "practices"}]}',
    },
    analysis: {
      flags: '--analysis <file>',
      description: 'analysis settings: {"groupBy": "role", "bands": {"hours": [{"label", "from", "to"}]}}',
    },
    report: {
      flags: '--report <file>',
      description: 'report definition: which questions form which finding (see surveys/*.report.json)',
    },
  },
  run: async (file, options, command) => {
    await withStore(command, async ({ services }) => {
      const record = await services.surveys.addFromFile({
        file,
        slug: options.slug,
        distributionFile: options.distribution,
        analysisFile: options.analysis,
        reportFile: options.report,
      });
      console.log(`Added survey "${record.slug}": ${record.title}`);
      for (const area of record.distribution?.areas.filter((candidate) => candidate.correctedBy) ?? []) {
        console.log(
          `kept ${area.code}: ${area.practices} practices, as corrected by ${area.correctedBy} on ${area.correctedAt?.slice(0, 10)}`,
        );
      }
    });
  },
});
