import { bandBarsSpec, rateBarsSpec, renderChart, type Chart } from '../../analysis/charts';
import { listText, percentText, periodText } from '../../analysis/stats-format';
import {
  groupKeys,
  groupLabel,
  groupName,
  notShownNote,
  tooFewToPublish,
  WITHHELD,
  withheldRule,
  type ReportContext,
} from './report-wording';

function withheldAreasNote({ stats }: ReportContext): string | null {
  const withheld = Object.values(stats.responses.byLmc).filter((area) => area.suppressed).length;
  if (!withheld || !stats.suppression) return null;
  return stats.suppression.rule === 'minimum-base'
    ? `Figures for ${withheld} areas are withheld: areas with fewer than ${stats.suppression.threshold} responses are not shown separately, nor one more where it could otherwise be worked out from the total.`
    : `Figures for ${withheld} areas are withheld: counts from 1 to ${stats.suppression.threshold - 1} are not shown, nor one more where it could otherwise be worked out from the total.`;
}

/** When the answers came, the fieldwork period a reader dates the figures by (the survey's title may name a year). */
function fieldwork({ firstAt, lastAt }: { firstAt?: string | null; lastAt?: string | null }): string {
  return firstAt && lastAt ? ` They were submitted ${periodText(firstAt, lastAt)}.` : '';
}

/** The response section: how many answered, from which groups and areas, against the practices invited. */
export function buildResponse(context: ReportContext) {
  const { stats, definition } = context;
  const { responses } = stats;
  const groupCounts = (stats.groupBy?.groups ?? []).map((group) =>
    group.suppressed
      ? `a small number (under ${stats.suppression?.threshold ?? 10}) from ${groupName(definition, String(group.value))}`
      : `${group.respondents} came from ${groupName(definition, String(group.value))}`,
  );
  const few = tooFewToPublish(context);
  const paragraphs = [
    definition.distributionSentence ?? '',
    few
      ? `Fewer than ${few} completed surveys were received, so no figures are published: ${withheldRule(context)}. The wording of the findings, the discussion and the recommendations is the report's text as written, and no figure here supports it yet.`
      : `${responses.analysed} completed surveys were received${responses.rate !== null ? ` representing ${percentText(responses.rate)} of practices` : ''}.${groupCounts.length ? ` Of these responses, ${groupCounts.join(' and ')}.` : ''}${fieldwork(responses)}`,
  ].filter(Boolean);
  const areas = Object.values(responses.byLmc).map((area) => ({
    name: area.name,
    responses: area.suppressed ? WITHHELD : String(area.responses),
    practices: area.practices,
    rate: area.suppressed ? '–' : percentText(area.rate),
  }));
  return {
    paragraphs,
    areas,
    areasNote: withheldAreasNote(context),
    total:
      responses.practices === null
        ? null
        : few
          ? { responses: WITHHELD, practices: responses.practices, rate: '–' }
          : {
              responses: String(responses.analysed),
              practices: responses.practices,
              rate: percentText(responses.rate),
            },
  };
}

/** A chart with the caption printed under it; both it and its text alternative name anything withheld from it. */
export type CaptionedChart = Chart & { caption: string };

/** Response rate by area, and the first numeric question with named bands by group. */
export async function buildCharts(
  context: ReportContext,
): Promise<{ responseRate: CaptionedChart | null; bands: (CaptionedChart & { question: string }) | null }> {
  const { stats, definition } = context;
  const areas = Object.values(stats.responses.byLmc);
  const rated = areas.flatMap((area) =>
    !area.suppressed && typeof area.rate === 'number' ? [{ area: area.name, rate: area.rate }] : [],
  );
  const areasWithheld = notShownNote(
    areas.filter((area) => area.suppressed).map((area) => area.name),
    context,
  );
  // Too few responses in all, the overall rate would give their number away.
  const overall = tooFewToPublish(context) ? null : stats.responses.rate;
  const responseRate = rated.length
    ? {
        ...(await renderChart(
          rateBarsSpec(rated, overall),
          `Response rate by LMC area: ${rated.map((area) => `${area.area} ${percentText(area.rate)}`).join(', ')}.${areasWithheld}`,
          { narrow: true },
        )),
        caption: `Response rate by LMC area${overall === null ? '' : ' (dashed line: all areas)'}.${areasWithheld}`,
      }
    : null;
  const [bandedName, banded] = Object.entries(stats.questions).find(([, question]) => question.kind === 'number') ?? [];
  let bands: (CaptionedChart & { question: string }) | null = null;
  if (banded?.kind === 'number' && banded.bands.length && stats.groupBy) {
    const withheld: string[] = [];
    const bases: string[] = [];
    const bars = groupKeys(stats).flatMap((key) => {
      const block = banded.groups?.[key];
      const group = groupName(definition, key);
      if (!block || block.suppressed) {
        withheld.push(`all ${group}`);
        return [];
      }
      if (block.n) bases.push(`${block.n} ${block.n === 1 ? groupName(definition, key, false) : group}`);
      return block.bands.flatMap((band) => {
        if (!band.suppressed && band.count !== undefined && band.percent !== undefined)
          return [{ band: band.label, group, count: band.count, percent: band.percent }];
        withheld.push(`${group} ${band.label.toLowerCase()}`);
        return [];
      });
    });
    if (bars.some((bar) => bar.count > 0)) {
      const note = notShownNote(withheld, context);
      const chart = await renderChart(
        bandBarsSpec(bars, true),
        `“${banded.title}”, by ${groupLabel(context)}, % of those who answered: ${bars.map((bar) => `${bar.group} ${bar.band} ${percentText(bar.percent)}`).join('; ')}.${note}`,
        { narrow: true },
      );
      bands = {
        ...chart,
        question: bandedName!,
        caption: `${definition.bandsCaption ?? `“${banded.title}”, by ${groupLabel(context)}.`} Base: ${listText(bases)} who answered.${note}`,
      };
    }
  }
  return { responseRate, bands };
}
