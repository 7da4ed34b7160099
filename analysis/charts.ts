import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface Chart {
  /** Self-contained SVG markup, with role="img" and the text alternative as its label. */
  svg: string;
  /** The same chart drawn narrower, for a phone's width, where one was asked for. */
  narrowSvg?: string;
  /** What the chart shows, in words, for people who cannot see it. */
  alt: string;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/*
 * How wide a label is, for laying a chart out. Vega measures text on a canvas, a native dependency the server does
 * without; failing that it guesses 0.8 em a character, which left a blank gutter, two fifths as wide as the labels,
 * beside every chart, and a chart wider than it need be on a phone. These are the advance widths of DejaVu Sans
 * (what system-ui is on Debian, and as wide as the fonts it falls back to elsewhere), in thousandths of an em, for
 * the printable ASCII characters from the space on, as Chromium's canvas measures them; any other character is
 * taken as a whole em, and bold as a fifth wider (DejaVu's bold is at most 1.26 times as wide, 1.12 on average).
 */
const ASCII_WIDTHS = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];

function labelWidth(
  item: { fontSize?: number | string; fontWeight?: string | number; limit?: number },
  text: unknown,
): number {
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? 1.2 : 1;
  let thousandths = 0;
  for (const character of String(text ?? '').trim())
    thousandths += ASCII_WIDTHS[(character.codePointAt(0) ?? 0) - 32] ?? 1000;
  const width = (thousandths / 1000) * size * bold;
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}
(vega as unknown as { textMetrics: { width: typeof labelWidth } }).textMetrics.width = labelWidth;
const BASE = {
  config: {
    // The SVG as a whole is one image with a text alternative; its parts are not announced one by one.
    aria: false,
    mark: { aria: false },
    font: FONT,
    axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
    // Categories under columns read level, not turned on end.
    axisXBand: { labelAngle: 0 },
    // Whole group names ("Cluster Quality Lead (CQL)"), two to a row, so that fourteen areas stay within the chart's width.
    legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom', labelLimit: 420, columns: 2 },
    view: { stroke: null },
  },
  background: 'white',
} as const;
const PALETTE = ['#005eb8', '#ed8b00', '#330072', '#009639', '#768692', '#da291c'];

/** Group colours: the house palette while it lasts; past six groups (a split by LMC) Vega's 20-colour scheme, so no two share a colour. */
const groupScale = (groups: number) => (groups > PALETTE.length ? { scheme: 'tableau20' } : { range: PALETTE });
const distinct = (values: string[]) => new Set(values).size;

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// Plot width of a chart drawn for a phone: with its labels it fits about 22rem, so its text is not shrunk.
const NARROW_WIDTH = 190;
// The width a figure has on a 390 px phone, less a margin, and the narrowest plot drawn to fit within it.
const PHONE_WIDTH = 352;
const LEAST_PLOT_WIDTH = 110;

// Drawn narrower, the categories under columns ("Over 4 to 8 hours") would run into each other: they slant.
const NARROW_CONFIG = {
  ...BASE.config,
  axisXBand: { labelAngle: -35, labelAlign: 'right' },
  // One group to a row: two side by side set the chart's width, not its plot.
  legend: { ...BASE.config.legend, columns: 1, labelLimit: 300 },
};

async function svgOf(spec: TopLevelSpec, alt: string, config: object = BASE.config): Promise<string> {
  const full = { ...BASE, config, ...spec } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(full).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(alt)}" `);
}

/**
 * Renders a Vega-Lite spec to SVG on the server: no browser, no script in the page. `narrow`: also drawn narrower
 * for a phone, where the chart shrunk to the screen would have labels a few pixels high, and cut to it would hide
 * the ends of its bars.
 */
export async function renderChart(spec: TopLevelSpec, alt: string, { narrow = false } = {}): Promise<Chart> {
  const svg = await svgOf(spec, alt);
  const wide = 'width' in spec && typeof spec.width === 'number' && spec.width > NARROW_WIDTH;
  if (!narrow || !wide) return { svg, alt };
  const drawn = (width: number) => svgOf({ ...spec, width } as TopLevelSpec, alt, NARROW_CONFIG);
  // Long labels take room from the plot, down to a plot still worth reading, so that the whole fits a phone (a
  // second try when a title wider than the plot kept it over).
  let width = NARROW_WIDTH;
  let narrowSvg = await drawn(width);
  for (let tries = 0; tries < 2 && svgWidth(narrowSvg) > PHONE_WIDTH && width > LEAST_PLOT_WIDTH; tries += 1) {
    width = Math.max(LEAST_PLOT_WIDTH, width - (svgWidth(narrowSvg) - PHONE_WIDTH));
    narrowSvg = await drawn(width);
  }
  return { svg, alt, narrowSvg };
}

const svgWidth = (svg: string) => Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1] ?? 0);

export interface PercentBar {
  option: string;
  group: string;
  percent: number;
  low: number | null;
  high: number | null;
}

/** Percent answering each option, per group, with 95% intervals as error bars. */
export function percentBarsSpec(bars: PercentBar[], grouped: boolean): TopLevelSpec {
  const colour = grouped
    ? { field: 'group', type: 'nominal', title: null, scale: groupScale(distinct(bars.map((bar) => bar.group))) }
    : { value: PALETTE[0] };
  const y = { field: 'option', type: 'nominal', title: null, sort: null };
  return {
    width: 420,
    data: { values: bars },
    encoding: { y, ...(grouped ? { yOffset: { field: 'group', sort: null } } : {}) },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'percent', type: 'quantitative', title: '% of those who answered', scale: { domain: [0, 100] } },
          color: colour,
        },
      },
      {
        mark: { type: 'errorbar', ticks: true, color: '#1d2433' },
        encoding: {
          x: { field: 'low', type: 'quantitative', title: '% of those who answered' },
          x2: { field: 'high' },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Answers in named bands or bins: for one group their counts; for several, each group's share of those in it who
 * answered, as the other charts show them, since counts would compare the groups' sizes (113 PQLs beside 46 CQLs).
 */
export function bandBarsSpec(
  bars: Array<{ band: string; group: string; count: number; percent: number }>,
  grouped: boolean,
): TopLevelSpec {
  return {
    width: 420,
    data: { values: bars },
    mark: 'bar',
    encoding: {
      x: { field: 'band', type: 'ordinal', title: null, sort: null },
      y: grouped
        ? { field: 'percent', type: 'quantitative', title: '% of those who answered' }
        : { field: 'count', type: 'quantitative', title: 'Respondents' },
      ...(grouped
        ? {
            xOffset: { field: 'group', sort: null },
            color: {
              field: 'group',
              type: 'nominal',
              title: null,
              scale: groupScale(distinct(bars.map((bar) => bar.group))),
            },
          }
        : { color: { value: PALETTE[0] } }),
    },
  } as TopLevelSpec;
}

/** A histogram from precomputed bins. */
export function histogramSpec(bins: Array<{ from: number; to: number; count: number }>, title: string): TopLevelSpec {
  return {
    width: 420,
    data: { values: bins },
    mark: 'bar',
    encoding: {
      x: { field: 'from', type: 'quantitative', bin: 'binned', title },
      x2: { field: 'to' },
      y: { field: 'count', type: 'quantitative', title: 'Respondents' },
      color: { value: PALETTE[0] },
    },
  } as TopLevelSpec;
}

/** Response rate by area, highest first, with the overall rate as a rule. */
export function rateBarsSpec(areas: Array<{ area: string; rate: number }>, overall: number | null): TopLevelSpec {
  return {
    width: 420,
    data: { values: areas },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { field: 'area', type: 'nominal', title: null, sort: '-x' },
          x: { field: 'rate', type: 'quantitative', title: 'Response rate (% of practices)' },
          color: { value: PALETTE[0] },
        },
      },
      ...(overall === null
        ? []
        : [{ mark: { type: 'rule', color: PALETTE[1], strokeDash: [4, 3] }, encoding: { x: { datum: overall } } }]),
    ],
  } as TopLevelSpec;
}

export interface LikertRow {
  row: string;
  /** Percent answering each option, in scale order (lowest first); null where withheld. */
  shares: Array<{ option: string; percent: number }>;
}

/** Diverging colours from the low end of a scale to the high end, grey in the middle. */
function divergingColours(count: number): string[] {
  const low = ['#da291c', '#f4a582', '#fddbc7'];
  const high = ['#d1e5f0', '#92c5de', '#005eb8'];
  const half = Math.floor(count / 2);
  return [
    ...low.slice(low.length - half).concat(Array(Math.max(0, half - low.length)).fill(low[0]!)),
    ...(count % 2 ? ['#bababa'] : []),
    ...high.slice(0, half).concat(Array(Math.max(0, half - high.length)).fill(high[2]!)),
  ];
}

/**
 * A stacked diverging bar per row of a Likert matrix: answers below the middle of the scale to the left of
 * zero, above it to the right, the middle option split across zero, so rows compare at a glance.
 */
export function divergingBarsSpec(rows: LikertRow[]): TopLevelSpec {
  const options = rows[0]?.shares.map((share) => share.option) ?? [];
  const middle = options.length % 2 ? Math.floor(options.length / 2) : -1;
  const below = Math.floor(options.length / 2);
  const segments = rows.flatMap(({ row, shares }) => {
    const left =
      shares.slice(0, below).reduce((sum, share) => sum + share.percent, 0) +
      (middle >= 0 ? shares[middle]!.percent / 2 : 0);
    let at = -left;
    return shares.map((share, order) => {
      const segment = { row, option: share.option, order, percent: share.percent, start: at, end: at + share.percent };
      at += share.percent;
      return segment;
    });
  });
  return {
    width: 420,
    data: { values: segments },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'row', type: 'nominal', title: null, sort: null },
      x: {
        field: 'start',
        type: 'quantitative',
        title: '% of those who answered (left: lower end of the scale)',
        scale: { domain: [-100, 100] },
      },
      x2: { field: 'end' },
      color: {
        field: 'option',
        type: 'nominal',
        title: null,
        sort: options,
        scale: { domain: options, range: divergingColours(options.length) },
      },
      order: { field: 'order' },
    },
  } as TopLevelSpec;
}
