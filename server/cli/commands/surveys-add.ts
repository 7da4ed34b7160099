import type { Command } from 'commander';
import { withStore } from '../shared';

export const run = async (
  file: string,
  options: { slug?: string; distribution?: string; analysis?: string; report?: string },
  command: Command,
) => {
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
};
