import type { DistributionReport } from './distribution-service';

// Links break only after "?", "=", "&" or "/" (never inside an area's name), so they wrap where a reader expects.
const breakable = (link: string) => link.split(/(?<=[?=&/])/);

/** The distribution page's report: every link also in parts, where it may wrap. */
export function distributionPageReport(report: DistributionReport) {
  return {
    ...report,
    linkParts: breakable(report.link),
    areas: report.areas.map((area) => ({ ...area, linkParts: breakable(area.link) })),
  };
}
