import { divergingBarsSpec, percentBarsSpec, renderChart, type Chart, type PercentBar } from '../../analysis/charts';
import { scrubPersonalData } from '../../analysis/pii';
import type {
  PublishedChoiceBlock,
  PublishedMatrixStats,
  PublishedNumberBlock,
  PublishedQuestionStats,
} from '../../analysis/published-stats';
import type { WaveComparison } from '../stats/compare-service';
import { describeTest, intervalText, percentText, titled } from '../../analysis/stats-format';
import type { ReportBullet, ReportDefinition } from '../surveys/report-definition';
import {
  groupKeys,
  groupLabel,
  groupName,
  notShownNote,
  pickQuotes,
  WITHHELD,
  type ReportContext,
} from './report-wording';
import { countText } from '../coding/count-text';

export interface Waves {
  previous: string;
  current: string;
  comparison: WaveComparison;
}

export interface Bullet {
  text: string;
  footnote: number | null;
}

export interface FreeTextSummary {
  heading: string;
  summary: string;
  /** The line before the themes: "Common themes were:", or for the machine's candidates, what they are, once. */
  themesIntro: string;
  themes: Array<{ label: string; share: string; candidate: boolean; note?: string }>;
  /** Too many themes to keep on one printed page with the finding's heading. */
  longList: boolean;
  /** What the shares count, when some answers carry suggestions nobody has reviewed. */
  themesNote: string | null;
  /** What of the machine's candidates is left out for review, said once under the themes. */
  review?: string;
  quotes: ThemeQuote[];
}

/** An answer quoted in the report, with the theme it was chosen (or picked by the machine) to illustrate. */
export interface ThemeQuote {
  text: string;
  /** The theme's label; null for a quote picked from all the answers, before any theme. */
  theme: string | null;
}

/** A theme of a free-text question as the report counts it. */
export interface ReportTheme {
  label: string;
  /** Respondents a researcher confirmed as raising it; null when too few to publish under the cell rule. */
  respondents: number | null;
  /** Further respondents with only unreviewed machine suggestions of it, not counted; null when too few to publish. */
  unreviewed: number | null;
  /** A machine's candidate theme, shown while no theme of the question is accepted. */
  candidate: boolean;
  /** For a candidate: how well its label covers its answers, and the look-alike groups it was merged from. */
  note?: string;
}

export interface FindingInput {
  waves: Waves | null;
  places?: string[];
  chosenQuotes?: Record<string, ThemeQuote[]>;
  themes?: Record<string, ReportTheme[]>;
  themeReview?: Record<string, string>;
  answers: Record<string, string[]>;
  interpretations: Record<string, string>;
}

type ReportFinding = ReportDefinition['findings'][number];
/** Adds a footnote and returns its number. */
type Note = (text: string) => number;

/** The block a bullet reads: the whole question, or one group's. */
function blockOf(
  question: PublishedQuestionStats | undefined,
  group: string | undefined,
): (PublishedChoiceBlock | PublishedNumberBlock) | undefined {
  if (!question || !(question.kind === 'choice' || question.kind === 'multi' || question.kind === 'number'))
    return undefined;
  if (!group) return question;
  return question.kind === 'number' ? question.groups?.[group] : question.groups?.[group];
}

/** Fills a bullet's {placeholders} from the statistics; null when a figure it needs is withheld or absent. */
function bulletText(
  bullet: ReportBullet,
  { stats }: ReportContext,
): { text: string; base: number; question: PublishedQuestionStats; notShown?: number } | null {
  if (bullet.mean) {
    const question = stats.questions[bullet.mean];
    const block = blockOf(question, bullet.group);
    if (!question || !block || block.suppressed) return null;
    // A numeric question keeps its mean on the block; a rating scale under `scale`, with any NPS beside it.
    const summary = 'scale' in block && block.scale ? block.scale : 'mean' in block ? block : undefined;
    if (typeof summary?.mean !== 'number' || !summary.n) return null;
    const nps = 'nps' in block ? block.nps : undefined;
    if (bullet.text.includes('{nps}') && typeof nps?.score !== 'number') return null;
    const text = bullet.text
      .replace('{mean}', summary.mean.toFixed(bullet.decimals))
      .replace('{nps}', nps?.score.toFixed(bullet.decimals) ?? '');
    return { text, base: summary.n, question };
  }
  const question = stats.questions[bullet.question ?? ''];
  const block = blockOf(question, bullet.group);
  if (!question || !block || block.suppressed || !('options' in block) || !block.answered) return null;
  let missing = false;
  const text = bullet.text.replace(/\{([^}]+)\}/g, (_match, value: string) => {
    const option = block.options.find((candidate) => String(candidate.value) === value);
    if (!option || option.suppressed || typeof option.percent !== 'number') {
      missing = true;
      return '';
    }
    return percentText(option.percent);
  });
  return missing ? null : { text, base: block.answered, question, notShown: block.notShown };
}

/**
 * A question the survey shows only to some says so beside its base: "97.0% of responding CQLs" is of the 33 who
 * knew of the network and were asked, not of all 46.
 */
function notAsked(
  notShown: number | undefined,
  { definition, stats }: ReportContext,
  group: string | undefined,
): string {
  if (!notShown) return '';
  // Under the cell rule a count from 1 to its threshold is withheld, this one too (it is the asking question's cell).
  if (stats.suppression?.rule === 'cell' && notShown < stats.suppression.threshold) return '';
  const who =
    notShown === 1 ? (group ? groupName(definition, group, false) : 'respondent') : groupName(definition, group);
  return ` ${notShown} ${who} ${notShown === 1 ? 'was' : 'were'} not asked it (the survey shows it only to some).`;
}

/** " By role: CQLs 61.7% of 33; PQLs 58.1% of 124 (Chi-square test, ...)." for one option of a split question. */
function byGroupNote(question: PublishedQuestionStats, context: ReportContext, option: string | null): string {
  if ((question.kind !== 'choice' && question.kind !== 'multi') || !question.groups || !option) return '';
  const groups = question.groups;
  const parts = groupKeys(context.stats).map((key) => {
    const block = groups[key];
    const cell = block?.options.find((candidate) => String(candidate.value) === option);
    const name = groupName(context.definition, key);
    if (!block || block.suppressed || !cell || cell.suppressed) return `${name}: ${WITHHELD}`;
    if (!block.answered) return null;
    return `${name} ${percentText(cell.percent)} of ${block.answered}`;
  });
  const shown = parts.filter(Boolean);
  const test = describeTest(question.test);
  return shown.length > 1 ? ` By ${groupLabel(context)}: ${shown.join('; ')}${test ? ` (${test})` : ''}.` : '';
}

/** Percentage answering "yes" to each charted question, by group when the figures are split; withheld bars named. */
async function yesChart(
  items: Array<{ question: string; label: string }>,
  context: ReportContext,
): Promise<Chart | null> {
  const keys = groupKeys(context.stats);
  const withheld: string[] = [];
  const bars: PercentBar[] = items.flatMap(({ question: name, label }) => {
    const question = context.stats.questions[name];
    if (!question || (question.kind !== 'choice' && question.kind !== 'multi')) return [];
    const blocks: Array<[string, PublishedChoiceBlock | undefined]> = keys.length
      ? keys.map((key) => [groupName(context.definition, key), question.groups?.[key]])
      : [['All', question]];
    return blocks.flatMap(([group, block]) => {
      if (!block || (!block.suppressed && !block.answered)) return [];
      const yes = block.options.find((option) => option.value === 'yes');
      if (!block.suppressed && yes && !yes.suppressed && yes.percent !== undefined)
        return [
          { option: label, group, percent: yes.percent, low: yes.ci95?.[0] ?? null, high: yes.ci95?.[1] ?? null },
        ];
      if (block.suppressed || yes?.suppressed) withheld.push(keys.length ? `${label} (${group})` : label);
      return [];
    });
  });
  if (bars.length === 0) return null;
  const alt = `Percentage answering yes, by ${keys.length ? groupLabel(context) : 'question'}, with 95% confidence intervals: ${bars.map((bar) => `${bar.option} ${bar.group} ${percentText(bar.percent)}${bar.low !== null && bar.high !== null ? ` (${intervalText([bar.low, bar.high])})` : ''}`).join('; ')}.${notShownNote(withheld, context)}`;
  return renderChart(percentBarsSpec(bars, keys.length > 0), alt, { narrow: true });
}

/** One bullet per statement of a Likert matrix: the share giving one of its top two answers. */
function likertBullets(question: PublishedMatrixStats, note: Note): Bullet[] {
  return question.rows.flatMap((row) => {
    if (row.suppressed || !row.topTwoBox || !row.answered) return [];
    const top = row.options
      .slice(-2)
      .map((option) => option.label.toLowerCase())
      .reverse()
      .join(' or ');
    return [
      {
        text: `${percentText(row.topTwoBox.percent)} answered ${top} to "${row.label}".`,
        footnote: note(`Base: ${row.answered} who answered "${row.label}" in "${question.title}".`),
      },
    ];
  });
}

async function likertChart(question: PublishedMatrixStats, context: ReportContext): Promise<Chart | null> {
  const shown = (row: PublishedMatrixStats['rows'][number]) =>
    !row.suppressed && row.options.every((cell) => !cell.suppressed);
  const rows = question.rows.filter(shown);
  if (rows.length === 0) return null;
  const withheld = question.rows.filter((row) => !shown(row) && (row.answered ?? 1) > 0).map((row) => `"${row.label}"`);
  const alt = titled(
    question.title,
    `${rows.map((row) => `${row.label}: ${row.options.map((cell) => `${cell.label} ${percentText(cell.percent)}`).join(', ')}`).join('; ')}.${notShownNote(withheld, context)}`,
  );
  return renderChart(
    divergingBarsSpec(
      rows.map((row) => ({
        row: row.label,
        shares: row.options.map((cell) => ({ option: cell.label, percent: cell.percent ?? 0 })),
      })),
    ),
    alt,
    { narrow: true },
  );
}

/** ", up from 54% in 2024" when the option's share changed significantly (p < 0.05) since the earlier wave. */
function changeClause(waves: Waves, question: string, group: string | undefined, value: string): string {
  const compared = waves.comparison.questions[question];
  if (!compared || compared.kind === 'number') return '';
  const options = group ? compared.groups?.[group] : compared.options;
  const option = options?.find((candidate) => String(candidate.value) === value);
  if (!option || option.p === null || option.p >= 0.05 || option.difference.points === 0) return '';
  return `, ${option.difference.points > 0 ? 'up' : 'down'} from ${percentText(option.a.percent)} in ${waves.previous}`;
}

/** Share answering yes in each wave, for the questions a finding charts. */
async function trendChart(items: Array<{ question: string; label: string }>, waves: Waves): Promise<Chart | null> {
  const bars = items.flatMap(({ question, label }) => {
    const compared = waves.comparison.questions[question];
    const yes =
      compared && compared.kind !== 'number' ? compared.options.find((option) => option.value === 'yes') : undefined;
    if (!yes || !yes.a.answered || !yes.b.answered) return [];
    return [
      { option: label, group: waves.previous, percent: yes.a.percent, low: null, high: null },
      { option: label, group: waves.current, percent: yes.b.percent, low: null, high: null },
    ];
  });
  if (bars.length === 0) return null;
  const alt = `Percentage answering yes in ${waves.previous} and ${waves.current}: ${bars.map((bar) => `${bar.option} ${bar.group} ${percentText(bar.percent)}`).join('; ')}.`;
  return renderChart(percentBarsSpec(bars, true), alt, { narrow: true });
}

/** Why a bullet's figure is not shown, in the words of the rule that withheld it. */
function withheldReason({ stats }: ReportContext): string {
  if (stats.responses.analysed === 0) return 'nobody has answered yet';
  return stats.suppression?.rule === 'minimum-base'
    ? `fewer than ${stats.suppression.threshold} respondents answered it, or the group it describes is smaller than that`
    : `fewer than ${stats.suppression?.threshold ?? 5} respondents gave one of the answers, or nobody answered`;
}

function bullets(finding: ReportFinding, context: ReportContext, input: FindingInput, note: Note): Bullet[] {
  const all = finding.bullets.map((bullet) => {
    const filled = bulletText(bullet, context);
    if (!filled) {
      const title =
        context.stats.questions[bullet.question ?? bullet.mean ?? '']?.title ?? bullet.question ?? bullet.mean;
      return { text: `(A figure from "${title}" is not shown because ${withheldReason(context)}.)`, footnote: null };
    }
    const firstOption = /\{([^}]+)\}/.exec(bullet.text)?.[1] ?? null;
    const change =
      input.waves && bullet.question && firstOption
        ? changeClause(input.waves, bullet.question, bullet.group, firstOption)
        : '';
    const text = change ? filled.text.replace(/\.?$/, `${change}.`) : filled.text;
    const who = groupName(context.definition, bullet.group);
    const base = bullet.mean
      ? `Mean of ${filled.base} ${who} ${bullet.who ?? `who answered "${filled.question.title}"`}.`
      : `Base: ${filled.base} ${who} who answered "${filled.question.title}".${notAsked(filled.notShown, context, bullet.group)}${bullet.group ? '' : byGroupNote(filled.question, context, firstOption)}`;
    return { text, footnote: note(base) };
  });
  // Two figures from one question withheld (the PQLs' and the CQLs' mean hours) say so once.
  return all.filter(
    (bullet, i) => bullet.footnote !== null || all.findIndex((other) => other.text === bullet.text) === i,
  );
}

/**
 * A candidate theme some of whose answers a researcher confirmed: its answers, said as who coded them, so that it
 * reads like the other candidates rather than as a share of a theme nobody has accepted.
 */
function candidateWithConfirmed(theme: ReportTheme, few: string) {
  const { respondents: confirmed, unreviewed } = theme;
  const parts = [
    unreviewed === 0 ? '' : `${unreviewed ?? few} suggested by the machine`,
    `${confirmed ?? few} confirmed by a researcher`,
  ].filter(Boolean);
  const share =
    confirmed !== null && unreviewed !== null
      ? `${countText(confirmed + unreviewed, 'answer')}: ${parts.join(', ')}`
      : `answers: ${parts.join(', ')}`;
  return { candidate: true, ...(theme.note ? { note: theme.note } : {}), share };
}

// More themes than a printed page holds beside its heading and question line (at about two lines each).
const LONG_THEME_LIST = 15;

/** A free-text question's themes and quotes; none when too few commented to publish (they describe the same group). */
function freeTextSummary(name: string, context: ReportContext, input: FindingInput): FreeTextSummary {
  const question = context.stats.questions[name];
  const text = question?.kind === 'text' ? question : undefined;
  const threshold = context.stats.suppression?.threshold ?? 5;
  const withheld = Boolean(text?.suppressed);
  const chosen = input.chosenQuotes?.[name];
  const quotes = withheld
    ? []
    : chosen?.length
      ? chosen.slice(0, 3).map((quote) => ({ ...quote, text: scrubPersonalData(quote.text, input.places) }))
      : pickQuotes(input.answers[name] ?? [], 3, input.places).map((text) => ({ text, theme: null }));
  const few = `fewer than ${threshold}`;
  const counted = (count: number | null, noun: string) => (count === null ? `${few} ${noun}s` : countText(count, noun));
  const listed = input.themes?.[name] ?? [];
  const themes = listed.map((theme) => {
    if (theme.candidate && theme.respondents !== 0)
      return { ...candidateWithConfirmed(theme, few), label: theme.label };
    const unconfirmed = theme.respondents === 0 && theme.unreviewed !== 0;
    // An accepted theme none of whose coding is confirmed yet has no share to give: said so, in respondents as the
    // workbench counts them; a candidate's count is what the machine suggested.
    const share = unconfirmed
      ? theme.candidate
        ? `${counted(theme.unreviewed, 'answer')} suggested by the machine`
        : `no share yet: the machine suggested it for ${counted(theme.unreviewed, 'respondent')}, none confirmed by a researcher`
      : theme.respondents === null
        ? `${few} respondents`
        : `${percentText((theme.respondents / Math.max(1, text?.answered ?? 1)) * 100)} of those who commented`;
    const unreviewed =
      theme.unreviewed === 0 || unconfirmed
        ? ''
        : `; ${counted(theme.unreviewed, 'more answer')} with unreviewed machine suggestions, not counted`;
    return {
      label: theme.label,
      candidate: theme.candidate,
      ...(theme.note ? { note: theme.note } : {}),
      share: `${share}${unreviewed}`,
    };
  });
  // The machine's candidates, not yet reviewed: said once before them rather than after each. A candidate is given
  // in answers, never as a share, even where a researcher has confirmed some of them.
  const candidates = listed.length > 0 && listed.every((theme) => theme.candidate);
  const themesIntro = candidates
    ? "Candidate themes the machine suggested, not yet reviewed by researchers: the answers grouped under each (an answer can be under several) and how many of them use its label's words. None is counted as a share until a researcher accepts it:"
    : 'Common themes were:';
  const themesNote =
    !candidates && listed.some((theme) => theme.unreviewed !== 0)
      ? 'Shares count only coding a researcher has confirmed; answers the machine suggested for a theme are not counted until a researcher reviews them.'
      : null;
  return {
    heading: question?.title ?? name,
    summary: withheld
      ? 'A small number of respondents commented.'
      : `${text?.answered ?? 0} of the ${context.stats.responses.analysed} respondents (${percentText(text?.share)}) commented.`,
    themesIntro,
    themes: withheld ? [] : themes,
    longList: !withheld && themes.length > LONG_THEME_LIST,
    themesNote: withheld ? null : themesNote,
    ...(!withheld && input.themeReview?.[name] ? { review: input.themeReview[name] } : {}),
    quotes,
  };
}

/** The numbered key findings: bullets with their bases as footnotes, free-text themes and quotes, charts. */
export async function buildFindings(context: ReportContext, input: FindingInput, note: Note) {
  const findings = [];
  for (const [index, finding] of context.definition.findings.entries()) {
    const number = index + 1;
    const list = bullets(finding, context, input, note);
    const likert = finding.likert ? context.stats.questions[finding.likert] : undefined;
    const matrix = likert?.kind === 'matrix' ? likert : null;
    if (matrix) list.push(...likertBullets(matrix, note));
    findings.push({
      number,
      heading: finding.heading,
      bullets: list,
      freeText: finding.freeText ? freeTextSummary(finding.freeText, context, input) : null,
      chart: matrix
        ? await likertChart(matrix, context)
        : finding.chart
          ? await yesChart(finding.chart, context)
          : null,
      trend: finding.chart && input.waves ? await trendChart(finding.chart, input.waves) : null,
      interpretation: input.interpretations[String(number)] ?? finding.interpretation,
    });
  }
  return findings;
}

/**
 * Examples of work in respondents' words: the quotes of the themes reported (those researchers chose, else each
 * theme's typical answer), topped up from the answers to as many as the report asks for, so that accepting two
 * themes does not shrink the sample to their two quotes.
 */
export function buildExamples({ definition }: ReportContext, input: FindingInput) {
  const examples = definition.examples;
  if (!examples) return null;
  const themed = (input.chosenQuotes?.[examples.question] ?? []).map((quote) =>
    scrubPersonalData(quote.text, input.places),
  );
  const picked = pickQuotes(input.answers[examples.question] ?? [], examples.quotes + themed.length, input.places);
  // Compared as words: a theme's quote is its answer's sentences rejoined, a pick the answer as typed (line breaks).
  const key = (text: string) => text.replace(/\s+/g, ' ').trim();
  const themedKeys = new Set(themed.map(key));
  const quotes = [...themed, ...picked.filter((text) => !themedKeys.has(key(text)))].slice(
    0,
    Math.max(examples.quotes, themed.length),
  );
  return { heading: examples.heading, intro: examples.intro, quotes };
}
