import { countBarsSpec, divergingBarsSpec, histogramSpec, percentBarsSpec, rateBarsSpec, renderChart, type Chart } from '../../analysis/charts';
import type { SurveyStats } from '../../analysis/survey-stats';
import type { TestResult } from '../../analysis/test-result';
import type { SurveyRecord } from '../store/repository';
import type { StatsQuery } from './stats-schema';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TEST_NAMES: Record<string, string> = {
  'chi-square': 'Chi-square test',
  fisher: "Fisher's exact test",
  'fisher-simulated': "Fisher's exact test (simulated)",
  'mann-whitney': 'Mann-Whitney U test',
  'kruskal-wallis': 'Kruskal-Wallis test',
};

export const formatPercent = (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '–');
const formatNumber = (value: unknown, digits = 2) => (typeof value === 'number' ? String(Number(value.toFixed(digits))) : '–');
const formatP = (p: number | null) => (p === null ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));

export function describeTest(test: TestResult | null): string | null {
  if (!test) return null;
  const parts = [TEST_NAMES[test.name] ?? test.name];
  if (test.statistic !== null) parts.push(`statistic ${formatNumber(test.statistic, 3)}`);
  if (test.df !== null) parts.push(`df ${test.df}`);
  parts.push(`p ${formatP(test.p)}`);
  return parts.join(', ') + (test.note ? ` (${test.note})` : '');
}

const cellText = (cell: Json) => (cell.suppressed ? 'suppressed' : `${cell.count} (${formatPercent(cell.percent)})`);
const ciText = (cell: Json) => (cell.ci95 ? `${cell.ci95[0].toFixed(1)}–${cell.ci95[1].toFixed(1)}` : '–');

async function choiceSection(name: string, q: Json, groups: Array<[string, string]>): Promise<Json> {
  const blocks: Array<[string, Json]> = [['All', q], ...groups.map(([value, label]): [string, Json] => [label, q.groups[value]])];
  const rows = (q.options as Json[]).map((option, i) => ({
    label: option.label,
    cells: blocks.map(([, block]) => cellText(block.options[i])),
    ci: ciText(option),
  }));
  // Grouped charts compare the groups; ungrouped ones show everyone.
  const charted = groups.length > 0 ? blocks.slice(1) : blocks;
  const bars = charted
    .filter(([, block]) => !block.suppressed)
    .flatMap(([group, block]) =>
      (block.options as Json[]).filter((cell) => !cell.suppressed).map((cell) => ({ option: cell.label, group, percent: cell.percent, low: cell.ci95?.[0] ?? null, high: cell.ci95?.[1] ?? null })),
    );
  const alt = `${q.title}: ${(q.options as Json[]).map((option) => `${option.label} ${option.suppressed ? 'suppressed' : formatPercent(option.percent)}`).join(', ')} of ${q.answered ?? 'a suppressed number of'} who answered.`;
  const chart: Chart | null = bars.length > 0 ? await renderChart(percentBarsSpec(bars, groups.length > 0), alt) : null;
  return {
    name,
    title: q.title,
    kind: q.kind,
    lines: scaleLines(q),
    columns: blocks.map(([label]) => label),
    answered: blocks.map(([, block]) => (block.suppressed ? 'suppressed' : block.answered)),
    skipped: blocks.map(([, block]) => block.skipped ?? '–'),
    notShown: blocks.map(([, block]) => block.notShown ?? '–'),
    rows,
    test: describeTest(q.test),
    chart,
  };
}

async function numberSection(name: string, q: Json, groups: Array<[string, string]>): Promise<Json> {
  const blocks: Array<[string, Json]> = [['All', q], ...groups.map(([value, label]): [string, Json] => [label, q.groups[value]])];
  const measures = ['n', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max'];
  const summary = measures.map((measure) => ({ measure, cells: blocks.map(([, block]) => (block.suppressed ? 'suppressed' : formatNumber(block[measure]))) }));
  const bands = (q.bands as Json[]).map((band, i) => ({
    label: band.label,
    cells: blocks.map(([, block]) => (block.bands[i].suppressed ? 'suppressed' : `${block.bands[i].count} (${formatPercent(block.bands[i].percent)})`)),
  }));
  const alt = `${q.title}: ${blocks.map(([label, block]) => `${label} mean ${block.suppressed ? 'suppressed' : formatNumber(block.mean)}`).join('; ')}.`;
  let chart: Chart | null = null;
  if (bands.length > 0) {
    const chartBlocks = groups.length > 0 ? blocks.slice(1) : blocks;
    const bars = chartBlocks.flatMap(([group, block]) =>
      (block.bands as Json[]).filter((entry) => !entry.suppressed).map((entry) => ({ band: entry.label, group, count: entry.count })),
    );
    if (bars.length > 0) chart = await renderChart(countBarsSpec(bars, chartBlocks.length > 1), alt);
  } else if (!q.suppressed) {
    const bins = (q.histogram as Json[]).filter((bin) => !bin.suppressed);
    if (bins.length > 0) chart = await renderChart(histogramSpec(bins as Array<{ from: number; to: number; count: number }>, q.title), alt);
  }
  return {
    name,
    title: q.title,
    kind: 'number',
    columns: blocks.map(([label]) => label),
    summary,
    bands,
    quartileMethod: q.quartileMethod,
    test: describeTest(q.test),
    chart,
  };
}

function textSection(name: string, q: Json, groups: Array<[string, string]>): Json {
  const blocks: Array<[string, Json]> = [['All', q], ...groups.map(([value, label]): [string, Json] => [label, q.groups[value]])];
  return {
    name,
    title: q.title,
    kind: 'text',
    columns: blocks.map(([label]) => label),
    rows: [
      { label: 'Answered', cells: blocks.map(([, b]) => (b.suppressed ? 'suppressed' : String(b.answered))) },
      { label: 'Share of respondents', cells: blocks.map(([, b]) => (b.suppressed ? 'suppressed' : formatPercent(b.share))) },
      { label: 'Median length (characters)', cells: blocks.map(([, b]) => (b.suppressed ? 'suppressed' : formatNumber(b.medianLength, 0))) },
    ],
  };
}

/** The scale of an ordered choice question in words: mean, quartiles, top-two-box and any Net Promoter Score. */
export function scaleLines(q: Json): string[] {
  if (!q.scale || q.suppressed) return [];
  const { mean, sd, median, q1, q3 } = q.scale;
  const lines = [`Mean ${formatNumber(mean)} (SD ${formatNumber(sd)}), median ${formatNumber(median)} (quartiles ${formatNumber(q1)} to ${formatNumber(q3)}); top two answers ${formatPercent(q.topTwoBox?.percent)}.`];
  if (q.nps) {
    const ci = q.nps.ci95 ? ` (95% CI ${formatNumber(q.nps.ci95[0], 1)} to ${formatNumber(q.nps.ci95[1], 1)})` : '';
    lines.push(`Net Promoter Score ${formatNumber(q.nps.score, 1)}${ci}: promoters (9–10) ${formatPercent(q.nps.promoters)}, passives (7–8) ${formatPercent(q.nps.passives)}, detractors (0–6) ${formatPercent(q.nps.detractors)}.`);
  }
  return lines;
}

async function matrixSection(name: string, q: Json): Promise<Json> {
  const rows = q.rows as Json[];
  const options = (rows[0]?.options ?? []) as Json[];
  const table = rows.map((row) => ({
    label: row.label,
    cells: (row.options as Json[]).map((cell) => (cell.suppressed ? 'suppressed' : formatPercent(cell.percent))),
    mean: row.scale && !row.suppressed ? formatNumber(row.scale.mean) : '–',
    answered: row.suppressed ? 'suppressed' : String(row.answered),
  }));
  const charted = rows.filter((row) => !row.suppressed && (row.options as Json[]).every((cell) => !cell.suppressed));
  const alt = `${q.title}: ${charted.map((row) => `${row.label}: ${(row.options as Json[]).map((cell) => `${cell.label} ${formatPercent(cell.percent)}`).join(', ')}`).join('; ')}.`;
  const ordered = rows.some((row) => row.scale);
  const chart = ordered && charted.length > 0
    ? await renderChart(divergingBarsSpec(charted.map((row) => ({ row: row.label, shares: (row.options as Json[]).map((cell) => ({ option: cell.label, percent: cell.percent })) }))), alt)
    : null;
  return { name, title: q.title, kind: 'matrix', options: options.map((option) => option.label), ordered, rows: table, tests: rows.filter((row) => row.test).map((row) => `${row.label}: ${describeTest(row.test)}`), chart };
}

function rankingSection(name: string, q: Json): Json {
  const rows = (q.options as Json[]).map((option) => ({
    label: option.label,
    meanRank: option.suppressed ? 'suppressed' : formatNumber(option.meanRank),
    first: option.suppressed ? 'suppressed' : `${option.first} (${formatPercent(option.firstPercent)})`,
  }));
  return { name, title: q.title, kind: 'ranking', rows, lines: [q.suppressed ? 'Withheld: too few answers.' : `${q.answered} ranked the options; a lower mean rank is nearer the top.`] };
}

/** One section per question, and one per part of a question made of parts (a matrix's columns, a panel's questions). */
async function sectionsFor(name: string, q: Json, groups: Array<[string, string]>): Promise<Json[]> {
  if (q.kind === 'number') return [await numberSection(name, q, groups)];
  if (q.kind === 'text') return [textSection(name, q, groups)];
  if (q.kind === 'matrix') return [await matrixSection(name, q)];
  if (q.kind === 'ranking') return [rankingSection(name, q)];
  if (q.kind === 'unsupported') {
    return [{ name, title: q.title, kind: 'lines', lines: [`${q.note}: ${q.suppressed ? 'a withheld number' : q.answered} answered.`] }];
  }
  if (q.kind === 'items' || q.kind === 'entries') {
    const lines =
      q.kind === 'entries' && !q.suppressed
        ? [`${q.entries.total} entries from ${q.answered} respondents (${formatNumber(q.entries.perRespondent, 1)} each on average, at most ${q.entries.most}); the figures below count entries.`]
        : [];
    const parts = await Promise.all(
      Object.entries(q.items as Record<string, Json>).map(([item, part]) => sectionsFor(`${name}.${item}`, { ...part, title: `${q.title}: ${part.title}` }, groups)),
    );
    return [...(lines.length > 0 ? [{ name, title: q.title, kind: 'lines', lines }] : []), ...parts.flat()];
  }
  return [await choiceSection(name, q, groups)];
}

/** Everything the statistics page shows: filters, response rates, and a section per question. */
export async function statsPageModel(stats: SurveyStats, record: SurveyRecord, query: Omit<StatsQuery, 'by'> & { by?: string }) {
  const json = stats as unknown as Json;
  const groups: Array<[string, string]> = stats.groupBy ? stats.groupBy.groups.map((g) => [String(g.value), g.label]) : [];
  const sections = (await Promise.all(Object.entries(json.questions as Record<string, Json>).map(([name, q]) => sectionsFor(name, q, groups)))).flat();
  const areas = Object.entries(json.responses.byLmc as Record<string, Json>);
  const rated = areas.filter(([, area]) => !area.suppressed && typeof area.rate === 'number').map(([, area]) => ({ area: area.name, rate: area.rate }));
  const rateChart = rated.length > 0
    ? await renderChart(rateBarsSpec(rated, stats.responses.rate), `Response rate by LMC: ${rated.map((a) => `${a.area} ${a.rate.toFixed(1)}%`).join(', ')}. Overall ${formatPercent(stats.responses.rate)}.`)
    : null;
  const choiceQuestions = Object.entries(json.questions as Record<string, Json>).filter(([, q]) => q.kind === 'choice');
  const areaQuestion = record.distribution?.question;
  const whereArea = query.where.find(([name]) => name === areaQuestion)?.[1];
  return {
    slug: record.slug,
    stats,
    sections,
    rateChart,
    areas: areas.map(([code, area]) => ({ code, ...area, rateText: formatPercent(area.rate) })),
    filters: {
      byOptions: [{ value: '', label: 'No grouping', selected: !query.by }].concat(
        choiceQuestions.map(([name, q]) => ({ value: name, label: q.title, selected: query.by === name })),
      ),
      areaQuestion,
      areaOptions: [{ value: '', label: 'All areas', selected: !whereArea }].concat(
        (record.distribution?.areas ?? []).map((area) => ({ value: `${areaQuestion}=${area.code}`, label: area.name, selected: whereArea === area.code })),
      ),
      from: query.from ?? '',
      to: query.to ?? '',
      includePartial: query.includePartial,
      suppress: query.suppressBelow !== null,
      publish: query.publish,
      weighted: Boolean(query.weightBy),
      weightQuestion: record.distribution?.question ?? null,
    },
    overallRate: formatPercent(stats.responses.rate),
    jsonLink: `/api/surveys/${encodeURIComponent(record.slug)}/stats`,
  };
}
