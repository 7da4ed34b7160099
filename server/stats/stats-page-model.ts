import {
  bandBarsSpec,
  divergingBarsSpec,
  histogramSpec,
  percentBarsSpec,
  rateBarsSpec,
  renderChart,
  type Chart,
  type PercentBar,
} from '../../analysis/charts';
import type {
  PublishedChoiceBlock,
  PublishedChoiceStats,
  PublishedMatrixStats,
  PublishedNumberBlock,
  PublishedNumberStats,
  PublishedQuestionStats,
  PublishedRankingStats,
  PublishedTextBlock,
  PublishedTextStats,
} from '../../analysis/published-stats';
import type { FieldIssue } from '../errors';
import type { SurveyRecord } from '../surveys/survey-record';
import type { StaffStats } from './small-selection';
import { apiLinkFor, formModel, type StatsForm } from './stats-form';
import { responseHeadline } from './stats-headline';
import {
  cellText,
  describeTest,
  fixedText,
  intervalText,
  notAsked,
  numberText,
  percentText,
  titled,
} from '../../analysis/stats-format';

/** Each chart drawn a second time to a phone's width, shown there instead (canvass.css): shrunk to fit, its labels were a few pixels high. */
const PHONE_TOO = { narrow: true };

type Groups = Array<[string, string]>;

/** The overall block labelled "All", then one per group in the grouping's order, labelled by the group. */
function labelledBlocks<B>(all: B, groups: Groups, byGroup: Record<string, B> | undefined): Array<[string, B]> {
  return [
    ['All', all],
    ...groups.flatMap(([value, label]): Array<[string, B]> => (byGroup?.[value] ? [[label, byGroup[value]]] : [])),
  ];
}

async function choiceSection(name: string, q: PublishedChoiceStats, allGroups: Groups, splitBy: string | null) {
  // The question the figures are split by, split by itself, is a diagonal of 100%: its table shows everyone only.
  const groups = name === splitBy ? [] : allGroups;
  const blocks = labelledBlocks<PublishedChoiceBlock>(q, groups, q.groups);
  const rows = q.options.map((option, i) => ({
    label: option.label,
    cells: blocks.map(([, block]) => (notAsked(block) ? 'not asked' : cellText(block.options[i]))),
    ci: intervalText(option.ci95),
  }));
  // Grouped charts compare the groups; ungrouped ones show everyone, as does the question the figures are split by
  // (each group would be one bar at 100%).
  const grouped = groups.length > 0;
  const charted = grouped ? blocks.slice(1) : blocks.slice(0, 1);
  const bars: PercentBar[] = charted
    .filter(([, block]) => !block.suppressed && !notAsked(block))
    .flatMap(([group, block]) =>
      block.options.flatMap((cell) =>
        cell.suppressed || cell.percent === undefined
          ? []
          : [
              {
                option: cell.label,
                group,
                percent: cell.percent,
                low: cell.ci95?.[0] ?? null,
                high: cell.ci95?.[1] ?? null,
              },
            ],
      ),
    );
  const alt = titled(
    q.title,
    `${q.options.map((option) => `${option.label} ${option.suppressed ? 'suppressed' : percentText(option.percent)}`).join(', ')} of ${q.answered ?? 'a suppressed number of'} who answered.`,
  );
  const chart: Chart | null =
    bars.length > 0 ? await renderChart(percentBarsSpec(bars, grouped), alt, PHONE_TOO) : null;
  return {
    name,
    title: q.title,
    kind: q.kind,
    lines: scaleLines(q),
    columns: blocks.map(([label]) => label),
    answered: blocks.map(([, block]) =>
      block.suppressed ? 'suppressed' : notAsked(block) ? 'not asked' : (block.answered ?? '–'),
    ),
    skipped: blocks.map(([, block]) => block.skipped ?? '–'),
    notShown: blocks.map(([, block]) => block.notShown ?? '–'),
    rows,
    test: describeTest(q.test),
    chart,
  };
}

const SUMMARY_MEASURES = ['n', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max'] as const;
const FIXED = new Set<string>(['mean', 'sd', 'median', 'q1', 'q3']);

async function numberSection(name: string, q: PublishedNumberStats, groups: Groups) {
  const blocks = labelledBlocks<PublishedNumberBlock>(q, groups, q.groups);
  const summary = SUMMARY_MEASURES.map((measure) => ({
    measure,
    cells: blocks.map(([, block]) =>
      block.suppressed
        ? 'suppressed'
        : notAsked(block)
          ? 'not asked'
          : // One column, one number of decimals (2.70 beside 4.18, not 2.7), as published tables write them.
            FIXED.has(measure)
            ? fixedText(block[measure])
            : numberText(block[measure]),
    ),
  }));
  const bands = q.bands.map((band, i) => ({
    label: band.label,
    cells: blocks.map(([, block]) => (notAsked(block) ? 'not asked' : cellText(block.bands[i]))),
  }));
  const alt = titled(
    q.title,
    `${blocks.map(([label, block]) => `${label} mean ${block.suppressed ? 'suppressed' : numberText(block.mean)}`).join('; ')}.`,
  );
  let chart: Chart | null = null;
  if (bands.length > 0) {
    const chartBlocks = (groups.length > 0 ? blocks.slice(1) : blocks).filter(([, block]) => !notAsked(block));
    const bars = chartBlocks.flatMap(([group, block]) =>
      block.bands.flatMap((entry) =>
        entry.suppressed || entry.count === undefined || entry.percent === undefined
          ? []
          : [{ band: entry.label, group, count: entry.count, percent: entry.percent }],
      ),
    );
    if (bars.length > 0) chart = await renderChart(bandBarsSpec(bars, chartBlocks.length > 1), alt, PHONE_TOO);
  } else if (!q.suppressed) {
    const bins = q.histogram.flatMap((bin) =>
      bin.suppressed || bin.count === undefined ? [] : [{ from: bin.from, to: bin.to, count: bin.count }],
    );
    if (bins.length > 0) chart = await renderChart(histogramSpec(bins, q.title), alt, PHONE_TOO);
  }
  return {
    name,
    title: q.title,
    kind: 'number' as const,
    columns: blocks.map(([label]) => label),
    summary,
    bands,
    quartileMethod: q.quartileMethod,
    test: describeTest(q.test),
    chart,
  };
}

function textSection(name: string, q: PublishedTextStats, groups: Groups) {
  const blocks = labelledBlocks<PublishedTextBlock>(q, groups, q.groups);
  const row = (label: string, figure: (block: PublishedTextBlock) => string) => ({
    label,
    cells: blocks.map(([, block]) => (block.suppressed ? 'suppressed' : notAsked(block) ? 'not asked' : figure(block))),
  });
  return {
    name,
    title: q.title,
    kind: 'text' as const,
    columns: blocks.map(([label]) => label),
    rows: [
      row('Answered', (block) => String(block.answered ?? '–')),
      row('Share of respondents', (block) => percentText(block.share)),
      row('Median length (characters)', (block) => numberText(block.medianLength, 0)),
    ],
  };
}

/** The scale of an ordered choice question in words: mean, quartiles, top-two-box and any Net Promoter Score. */
function scaleLines(q: PublishedChoiceBlock): string[] {
  if (!q.scale || q.suppressed) return [];
  const { mean, sd, median, q1, q3 } = q.scale;
  const lines = [
    `Mean ${numberText(mean)} (SD ${numberText(sd)}), median ${numberText(median)} (quartiles ${numberText(q1)} to ${numberText(q3)}); top two answers ${percentText(q.topTwoBox?.percent)}.`,
  ];
  if (q.nps) {
    const ci = q.nps.ci95 ? ` (95% CI ${numberText(q.nps.ci95[0], 1)} to ${numberText(q.nps.ci95[1], 1)})` : '';
    lines.push(
      `Net Promoter Score ${numberText(q.nps.score, 1)}${ci}: promoters (9–10) ${percentText(q.nps.promoters)}, passives (7–8) ${percentText(q.nps.passives)}, detractors (0–6) ${percentText(q.nps.detractors)}.`,
    );
  }
  return lines;
}

async function matrixSection(name: string, q: PublishedMatrixStats) {
  const rows = q.rows;
  const table = rows.map((row) => ({
    label: row.label,
    cells: row.options.map((cell) => (cell.suppressed ? 'suppressed' : percentText(cell.percent))),
    mean: row.scale && !row.suppressed ? numberText(row.scale.mean) : '–',
    answered: row.suppressed ? 'suppressed' : String(row.answered ?? '–'),
  }));
  const charted = rows.filter((row) => !row.suppressed && row.options.every((cell) => !cell.suppressed));
  const alt = titled(
    q.title,
    `${charted.map((row) => `${row.label}: ${row.options.map((cell) => `${cell.label} ${percentText(cell.percent)}`).join(', ')}`).join('; ')}.`,
  );
  const ordered = rows.some((row) => row.scale);
  const chart =
    ordered && charted.length > 0
      ? await renderChart(
          divergingBarsSpec(
            charted.map((row) => ({
              row: row.label,
              shares: row.options.map((cell) => ({ option: cell.label, percent: cell.percent ?? 0 })),
            })),
          ),
          alt,
          PHONE_TOO,
        )
      : null;
  return {
    name,
    title: q.title,
    kind: 'matrix' as const,
    options: (rows[0]?.options ?? []).map((option) => option.label),
    ordered,
    rows: table,
    tests: rows.filter((row) => row.test).map((row) => `${row.label}: ${describeTest(row.test)}`),
    chart,
  };
}

function rankingSection(name: string, q: PublishedRankingStats) {
  const rows = q.options.map((option) => ({
    label: option.label,
    meanRank: option.suppressed ? 'suppressed' : numberText(option.meanRank),
    first: option.suppressed ? 'suppressed' : `${option.first} (${percentText(option.firstPercent)})`,
  }));
  return {
    name,
    title: q.title,
    kind: 'ranking' as const,
    rows,
    lines: [
      q.suppressed
        ? 'Withheld: too few answers.'
        : `${q.answered} ranked the options; a lower mean rank is nearer the top.`,
    ],
  };
}

const linesSection = (name: string, title: string, lines: string[]) => ({ name, title, kind: 'lines' as const, lines });

type Section =
  | Awaited<ReturnType<typeof choiceSection>>
  | Awaited<ReturnType<typeof numberSection>>
  | ReturnType<typeof textSection>
  | Awaited<ReturnType<typeof matrixSection>>
  | ReturnType<typeof rankingSection>
  | ReturnType<typeof linesSection>;

/** One section per question, and one per part of a question made of parts (a matrix's columns, a panel's questions). */
async function sectionsFor(
  name: string,
  q: PublishedQuestionStats,
  groups: Groups,
  splitBy: string | null = null,
): Promise<Section[]> {
  switch (q.kind) {
    case 'number':
      return [await numberSection(name, q, groups)];
    case 'text':
      return [textSection(name, q, groups)];
    case 'matrix':
      return [await matrixSection(name, q)];
    case 'ranking':
      return [rankingSection(name, q)];
    case 'unsupported':
      return [linesSection(name, q.title, [`${q.note}: ${q.suppressed ? 'a withheld number' : q.answered} answered.`])];
    case 'items':
    case 'entries': {
      const lines =
        q.kind === 'entries' && q.entries && !q.suppressed
          ? [
              `${q.entries.total} entries from ${q.answered} respondents (${numberText(q.entries.perRespondent, 1)} each on average, at most ${q.entries.most}); the figures below count entries.`,
            ]
          : [];
      const parts = await Promise.all(
        Object.entries(q.items).map(([item, part]) =>
          sectionsFor(`${name}.${item}`, { ...part, title: titled(q.title, part.title) }, groups),
        ),
      );
      return [...(lines.length > 0 ? [linesSection(name, q.title, lines)] : []), ...parts.flat()];
    }
    default:
      return [await choiceSection(name, q, groups, splitBy)];
  }
}

/** Everything the statistics page shows: the form as sent, response rates, and a section per question. */
export async function statsPageModel(stats: StaffStats, record: SurveyRecord, form: StatsForm) {
  const groups: Groups = stats.groupBy ? stats.groupBy.groups.map((g) => [String(g.value), g.label]) : [];
  // A split table (All and each group) needs the page's whole width: its chart goes below it.
  const sections = (
    await Promise.all(
      Object.entries(stats.questions).map(([name, q]) => sectionsFor(name, q, groups, stats.groupBy?.question ?? null)),
    )
  )
    .flat()
    .map((section) => ({ ...section, wide: 'columns' in section && section.columns.length > 1 }));
  const areas = Object.entries(stats.responses.byLmc);
  const rated = areas.flatMap(([, area]) =>
    !area.suppressed && typeof area.rate === 'number' ? [{ area: area.name, rate: area.rate }] : [],
  );
  const overall = stats.responses.rate ?? null;
  const rateChart =
    rated.length > 0 && !stats.responses.suppressed
      ? await renderChart(
          rateBarsSpec(rated, overall),
          `Response rate by LMC: ${rated.map((a) => `${a.area} ${percentText(a.rate)}`).join(', ')}. Overall ${percentText(overall)}.`,
          PHONE_TOO,
        )
      : null;
  return {
    slug: record.slug,
    stats,
    headline: responseHeadline(stats),
    sections,
    rateChart,
    areas: areas.map(([code, area]) => ({ code, ...area, rateText: percentText(area.rate) })),
    filters: formModel(record, form),
    // The question's own title, not its name ("lmc").
    weightedBy: stats.weighting ? (stats.questions[stats.weighting.by]?.title ?? stats.weighting.by) : null,
    jsonLink: apiLinkFor(record, form),
  };
}

/** The page for a form that cannot be answered: the form as sent, with what to change beside its options. */
export function refusedPageModel(record: SurveyRecord, form: StatsForm, issues: FieldIssue[]) {
  return {
    slug: record.slug,
    stats: { title: record.title },
    refused: true,
    filters: formModel(record, form, issues),
    jsonLink: apiLinkFor(record, form),
  };
}
