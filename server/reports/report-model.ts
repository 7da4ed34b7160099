import { countBarsSpec, divergingBarsSpec, percentBarsSpec, rateBarsSpec, renderChart, type Chart } from '../../analysis/charts';
import { scrubPersonalData } from '../../analysis/pii';
import type { SurveyStats } from '../../analysis/survey-stats';
import type { WaveComparison } from '../stats/compare-service';
import { describeTest } from '../stats/stats-page-model';
import type { SurveyRecord } from '../store/repository';
import type { ReportBullet, ReportDefinition } from './report-definition';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ReportNarrative {
  background: string;
  discussion: string;
  conclusion: string;
  recommendations: string[];
  /** Interpretive sentence per finding, by finding number. */
  interpretations: Record<string, string>;
}

export interface Footnote {
  number: number;
  text: string;
}

export interface ReportModel {
  title: string;
  subtitle: string | null;
  organisations: string | null;
  final: boolean;
  snapshotAt: string;
  opensAt: string | null;
  closesAt: string | null;
  suppressionThreshold: number | null;
  /** One sentence on the disclosure rule applied, for the methods and the staff page. */
  disclosure: string;
  narrative: ReportNarrative;
  response: {
    paragraphs: string[];
    areas: Array<{ name: string; responses: string; practices: number; rate: string }>;
    /** Why some areas show no figures, when some are withheld. */
    areasNote: string | null;
    total: { responses: number; practices: number | null; rate: string } | null;
  };
  findings: Array<{
    number: number;
    heading: string;
    bullets: Array<{ text: string; footnote: number | null }>;
    freeText: { heading: string; summary: string; themes: Array<{ label: string; share: string; candidate: boolean }>; quotes: string[] } | null;
    chart: Chart | null;
    /** Both waves of the charted questions, when the report definition names an earlier wave. */
    trend: Chart | null;
    interpretation: string;
  }>;
  examples: { heading: string; intro: string; quotes: string[] } | null;
  /** `bands`: the first numeric question with named bands, by group, with its caption. */
  charts: { responseRate: Chart | null; bands: (Chart & { caption: string }) | null };
  appendix: Array<{ name: string; title: string; columns: string[]; rows: Array<{ label: string; cells: string[] }>; base: string; test: string | null }>;
  methods: string[];
  footnotes: Footnote[];
}

const percentText = (value: number, decimals: number) => `${value.toFixed(decimals)}%`;
const oneDecimal = (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '–');

interface BuildInput {
  stats: SurveyStats;
  record: SurveyRecord;
  definition: ReportDefinition;
  narrative: ReportNarrative;
  final: boolean;
  places?: string[];
  /** Quotes chosen by researchers, by question; none chosen means PII-scrubbed picks from the answers. */
  chosenQuotes?: Record<string, string[]>;
  /** The comparison with the earlier wave the report definition names, when it exists. */
  waves?: { previous: string; current: string; comparison: WaveComparison } | null;
  /** Final themes from coding, by question. */
  themes?: Record<string, Array<{ label: string; respondents: number | null; candidate: boolean }>>;
  /** Free-text answers by question, for quotes when none were chosen. */
  answers: Record<string, string[]>;
}

/** Up to `count` distinct, readable answers: long enough to say something, short enough to quote. */
export function pickQuotes(answers: string[], count: number, places: string[] = []): string[] {
  const distinct = [...new Set(answers.map((answer) => answer.trim()).filter((answer) => answer.length >= 40 && answer.length <= 600))];
  return distinct.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, count).map((quote) => scrubPersonalData(quote, places));
}

/** What the grouping is called in sentences: the report definition's word, else the grouping question's title. */
function groupLabel(definition: ReportDefinition, stats: Json): string {
  return definition.groupLabel ?? String(stats.questions[stats.groupBy?.question ?? '']?.title ?? 'group');
}

function groupName(definition: ReportDefinition, group: string | undefined, plural = true): string {
  if (!group) return 'respondents';
  const names = definition.groupNames[group];
  return names ? (plural ? names.plural : names.singular) : group;
}

/** Fills a bullet's {placeholders} from the statistics; returns null when a figure it needs is suppressed or absent. */
function bulletText(bullet: ReportBullet, stats: Json): { text: string; base: number; question: Json } | null {
  if (bullet.mean) {
    const question = stats.questions[bullet.mean];
    const block = bullet.group ? question?.groups?.[bullet.group] : question;
    // A numeric question keeps its mean on the block; a rating scale under `scale`, with any NPS beside it.
    const summary = block?.scale ?? block;
    if (!block || block.suppressed || typeof summary?.mean !== 'number' || !summary.n) return null;
    if (bullet.text.includes('{nps}') && typeof block.nps?.score !== 'number') return null;
    const text = bullet.text.replace('{mean}', summary.mean.toFixed(bullet.decimals)).replace('{nps}', block.nps?.score.toFixed(bullet.decimals) ?? '');
    return { text, base: summary.n, question };
  }
  const question = stats.questions[bullet.question ?? ''];
  const block = bullet.group ? question?.groups?.[bullet.group] : question;
  if (!block || block.suppressed || !Array.isArray(block.options) || !block.answered) return null;
  let missing = false;
  const text = bullet.text.replace(/\{([^}]+)\}/g, (_match, value: string) => {
    const option = (block.options as Json[]).find((candidate) => String(candidate.value) === value);
    if (!option || option.suppressed || typeof option.percent !== 'number') {
      missing = true;
      return '';
    }
    return percentText(option.percent, bullet.decimals);
  });
  return missing ? null : { text, base: block.answered, question };
}

function byGroupNote(question: Json, stats: Json, definition: ReportDefinition, option: string | null): string {
  if (!question.groups || !stats.groupBy || !option) return '';
  const parts = (stats.groupBy.groups as Json[]).map((group) => {
    const block = question.groups[String(group.value)];
    const cell = block?.options?.find((candidate: Json) => String(candidate.value) === option);
    const name = groupName(definition, String(group.value));
    if (!block || block.suppressed || !cell || cell.suppressed) return `${name}: suppressed`;
    if (!block.answered) return null;
    return `${name} ${oneDecimal(cell.percent)} of ${block.answered}`;
  });
  const shown = parts.filter(Boolean);
  const test = describeTest(question.test);
  return shown.length > 1 ? ` By ${groupLabel(definition, stats)}: ${shown.join('; ')}${test ? ` (${test})` : ''}.` : '';
}

function appendixTable(name: string, question: Json, stats: Json, definition: ReportDefinition) {
  const groups = stats.groupBy ? (stats.groupBy.groups as Json[]).map((group) => String(group.value)) : [];
  const columns = ['All', ...groups.map((group) => groupName(definition, group))];
  const blocks = [question, ...groups.map((group) => question.groups?.[group] ?? { options: [], suppressed: true })];
  if (question.kind === 'number') {
    const measures: Array<[string, string]> = [['n', 'Answered'], ['mean', 'Mean'], ['sd', 'SD'], ['median', 'Median'], ['q1', 'Lower quartile'], ['q3', 'Upper quartile'], ['min', 'Minimum'], ['max', 'Maximum']];
    return {
      name,
      title: question.title,
      columns,
      rows: [
        ...measures.map(([key, label]) => ({ label, cells: blocks.map((block) => (block.suppressed || typeof block[key] !== 'number' ? '–' : String(Number(block[key].toFixed(2))))) })),
        ...(question.bands as Json[]).map((band, i) => ({
          label: band.label,
          cells: blocks.map((block) => {
            const cell = block.bands?.[i];
            return !cell || cell.suppressed ? 'suppressed' : `${cell.count} (${oneDecimal(cell.percent)})`;
          }),
        })),
      ],
      base: `All who answered; quartiles by ${question.quartileMethod}.`,
      test: describeTest(question.test),
    };
  }
  return {
    name,
    title: question.title,
    columns: [...columns, '95% CI (all)'],
    rows: [
      ...(question.options as Json[]).map((option, i) => ({
        label: option.label,
        cells: [
          ...blocks.map((block) => {
            const cell = block.options?.[i];
            if (block.suppressed || !cell || cell.suppressed) return 'suppressed';
            return `${cell.count} (${oneDecimal(cell.percent)})`;
          }),
          option.ci95 ? `${option.ci95[0].toFixed(1)}–${option.ci95[1].toFixed(1)}` : '–',
        ],
      })),
      // An ordered scale: its mean, and for 0-10 likelihood to recommend, the Net Promoter Score.
      ...(question.scale ? [{ label: 'Mean', cells: [...blocks.map((block) => (block.scale && !block.suppressed ? block.scale.mean.toFixed(2) : '–')), '–'] }] : []),
      ...(question.nps
        ? [{ label: 'Net Promoter Score', cells: [...blocks.map((block) => (block.nps && !block.suppressed ? block.nps.score.toFixed(1) : '–')), question.nps.ci95 ? `${question.nps.ci95[0].toFixed(1)}–${question.nps.ci95[1].toFixed(1)}` : '–'] }]
        : []),
    ],
    base: `Percentages of those who answered: ${blocks.map((block, b) => `${columns[b]} ${block.suppressed ? 'suppressed' : block.answered ?? 0}`).join(', ')}. Not shown the question: ${question.notShown ?? 'suppressed'}.`,
    test: describeTest(question.test),
  };
}

async function yesChart(items: Array<{ question: string; label: string }>, stats: Json, definition: ReportDefinition): Promise<Chart | null> {
  const groups = stats.groupBy ? (stats.groupBy.groups as Json[]).map((group) => String(group.value)) : [];
  const bars = items.flatMap(({ question: name, label }) => {
    const question = stats.questions[name];
    if (!question) return [];
    const blocks: Array<[string, Json]> = groups.length ? groups.map((group) => [groupName(definition, group), question.groups?.[group]]) : [['All', question]];
    return blocks
      .filter(([, block]) => block && !block.suppressed && block.answered > 0)
      .map(([group, block]) => {
        const yes = (block.options as Json[]).find((option) => option.value === 'yes');
        return yes && !yes.suppressed ? { option: label, group, percent: yes.percent, low: yes.ci95?.[0] ?? null, high: yes.ci95?.[1] ?? null } : null;
      })
      .filter((bar): bar is NonNullable<typeof bar> => bar !== null);
  });
  if (bars.length === 0) return null;
  const alt = `Percentage answering yes, by ${groups.length ? groupLabel(definition, stats) : 'question'}, with 95% confidence intervals: ${bars.map((bar) => `${bar.option} ${bar.group} ${bar.percent.toFixed(1)}%`).join('; ')}.`;
  return renderChart(percentBarsSpec(bars, groups.length > 0), alt);
}

/** Everything the report says, computed once and rendered as HTML, PDF or Word. */
export async function buildReportModel(input: BuildInput, now: Date): Promise<ReportModel> {
  const { record, definition, narrative, final } = input;
  const stats = input.stats as unknown as Json;
  const footnotes: Footnote[] = [];
  const note = (text: string) => {
    footnotes.push({ number: footnotes.length + 1, text });
    return footnotes.length;
  };

  const responses = stats.responses;
  const groupCounts = stats.groupBy
    ? (stats.groupBy.groups as Json[]).map((group) => (group.suppressed ? `a small number (under ${stats.suppression?.threshold ?? 10}) from ${groupName(definition, String(group.value))}` : `${group.respondents} came from ${groupName(definition, String(group.value))}`))
    : [];
  const paragraphs = [
    definition.distributionSentence ?? '',
    `${responses.analysed} completed surveys were received${responses.rate !== null ? ` representing ${responses.rate.toFixed(1)}% of practices` : ''}.${groupCounts.length ? ` Of these responses, ${groupCounts.join(' and ')}.` : ''}`,
  ].filter(Boolean);
  const areas = Object.values(responses.byLmc as Record<string, Json>).map((area) => ({
    name: area.name,
    responses: area.suppressed ? 'withheld' : String(area.responses),
    practices: area.practices,
    rate: area.suppressed ? '–' : oneDecimal(area.rate),
  }));

  const findings = [];
  for (const [index, finding] of definition.findings.entries()) {
    const number = index + 1;
    const bullets = finding.bullets.map((bullet) => {
      const filled = bulletText(bullet, stats);
      if (!filled) {
        const reason =
          stats.responses.analysed === 0
            ? 'nobody has answered yet'
            : stats.suppression?.rule === 'minimum-base'
              ? `fewer than ${stats.suppression.threshold} respondents answered it, or the group it describes is smaller than that`
              : `fewer than ${stats.suppression?.threshold ?? 5} respondents gave one of the answers, or nobody answered`;
        return { text: `(A figure from "${stats.questions[bullet.question ?? bullet.mean ?? '']?.title ?? bullet.question ?? bullet.mean}" is not shown because ${reason}.)`, footnote: null };
      }
      const firstOption = /\{([^}]+)\}/.exec(bullet.text)?.[1] ?? null;
      const change = input.waves && bullet.question && firstOption ? changeClause(input.waves, bullet.question, bullet.group, firstOption, bullet.decimals) : '';
      if (change) filled.text = filled.text.replace(/\.?$/, `${change}.`);
      const base = bullet.mean
        ? `Mean of ${filled.base} ${groupName(definition, bullet.group)} ${bullet.who ?? `who answered "${filled.question.title}"`}.`
        : `Base: ${filled.base} ${groupName(definition, bullet.group)} who answered "${filled.question.title}".${bullet.group ? '' : byGroupNote(filled.question, stats, definition, firstOption)}`;
      return { text: filled.text, footnote: note(base) };
    });
    let freeText = null;
    if (finding.freeText) {
      const question = stats.questions[finding.freeText];
      const themes = (input.themes?.[finding.freeText] ?? []).map((theme) => ({
        label: theme.label,
        candidate: theme.candidate,
        share: theme.respondents === null ? `fewer than ${stats.suppression?.threshold ?? 5} respondents` : `${oneDecimal((theme.respondents / Math.max(1, question?.answered ?? 1)) * 100)} of those who commented`,
      }));
      const chosen = input.chosenQuotes?.[finding.freeText];
      // Too few commented to publish: no quotes or themes either, as they describe the same small group.
      const withheld = Boolean(question?.suppressed);
      const quotes = withheld ? [] : chosen && chosen.length ? chosen.slice(0, 3).map((quote) => scrubPersonalData(quote, input.places)) : pickQuotes(input.answers[finding.freeText] ?? [], 3, input.places);
      freeText = {
        heading: question?.title ?? finding.freeText,
        summary: question?.suppressed
          ? 'A small number of respondents commented.'
          : `${question?.answered ?? 0} respondents (${oneDecimal(question?.share)}) commented.`,
        themes: withheld ? [] : themes,
        quotes,
      };
    }
    const likert = finding.likert ? stats.questions[finding.likert] : undefined;
    if (likert?.kind === 'matrix') bullets.push(...likertBullets(likert, note));
    findings.push({
      number,
      heading: finding.heading,
      bullets,
      freeText,
      chart: likert?.kind === 'matrix' ? await likertChart(likert) : finding.chart ? await yesChart(finding.chart, stats, definition) : null,
      trend: finding.chart && input.waves ? await trendChart(finding.chart, input.waves) : null,
      interpretation: narrative.interpretations[String(number)] ?? finding.interpretation,
    });
  }

  const examples = definition.examples
    ? {
        heading: definition.examples.heading,
        intro: definition.examples.intro,
        quotes: input.chosenQuotes?.[definition.examples.question]?.length
          ? input.chosenQuotes[definition.examples.question]!.map((quote) => scrubPersonalData(quote, input.places))
          : pickQuotes(input.answers[definition.examples.question] ?? [], definition.examples.quotes, input.places),
      }
    : null;

  const rated = Object.values(responses.byLmc as Record<string, Json>).filter((area) => !area.suppressed && typeof area.rate === 'number');
  const responseRate = rated.length
    ? await renderChart(rateBarsSpec(rated.map((area) => ({ area: area.name, rate: area.rate })), responses.rate), `Response rate by LMC area: ${rated.map((area) => `${area.name} ${area.rate.toFixed(1)}%`).join(', ')}.`)
    : null;
  const bandedQuestion = Object.entries(stats.questions as Record<string, Json>).find(([, question]) => question.kind === 'number')?.[1];
  let bands: (Chart & { caption: string }) | null = null;
  if (bandedQuestion && bandedQuestion.bands?.length && stats.groupBy) {
    const bars = (stats.groupBy.groups as Json[]).flatMap((group) => {
      const block = bandedQuestion.groups?.[String(group.value)];
      if (!block || block.suppressed) return [];
      return (block.bands as Json[]).filter((band) => !band.suppressed).map((band) => ({ band: band.label, group: groupName(definition, String(group.value)), count: band.count }));
    });
    if (bars.some((bar) => bar.count > 0)) {
      const chart = await renderChart(countBarsSpec(bars, true), `${bandedQuestion.title} by ${groupLabel(definition, stats)}: ${bars.map((bar) => `${bar.group} ${bar.band} ${bar.count}`).join('; ')}.`);
      bands = { ...chart, caption: definition.bandsCaption ?? `${bandedQuestion.title}, by ${groupLabel(definition, stats)}.` };
    }
  }

  const appendix = Object.entries(stats.questions as Record<string, Json>).flatMap(([name, question]) => appendixTables(name, question, stats, definition));

  const threshold = stats.suppression?.threshold ?? null;
  const methods = [
    `Sample: ${responses.analysed} complete responses${responses.practices ? ` from ${responses.practices} practices invited through the LMCs` : ''}, as stored at ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    analysisMethod(record, definition, stats),
    disclosureMethod(stats.suppression),
    stats.weighting
      ? `Percentages, means and intervals are weighted by ${stats.weighting.by} to the number of practices in each area, so that national figures represent practices rather than the areas that answered most (design effect ${stats.weighting.designEffect.toFixed(3)}, effective sample size ${stats.weighting.effectiveN.toFixed(1)}); counts are as answered.`
      : 'Figures are unweighted: each response counts once.',
    input.themes && Object.values(input.themes).some((list) => list.some((theme) => !theme.candidate))
      ? 'Free-text answers were coded by researchers using thematic analysis (Braun and Clarke), with the platform proposing codes and themes and researchers reviewing, naming and accepting them.'
      : input.themes && Object.values(input.themes).some((list) => list.length > 0)
        ? 'Candidate themes of free-text answers were proposed by the platform and have not yet been reviewed by researchers; quotes are a selection of answers with personal data removed.'
        : 'Free-text answers have not yet been coded into themes; quotes are a selection of answers with personal data removed.',
  ];

  return {
    title: definition.title,
    subtitle: definition.subtitle ?? null,
    organisations: definition.organisations ?? null,
    final,
    snapshotAt: now.toISOString(),
    opensAt: record.opensAt,
    closesAt: record.closesAt,
    suppressionThreshold: threshold,
    disclosure: disclosureMethod(stats.suppression),
    narrative,
    response: { paragraphs, areas, areasNote: withheldAreasNote(stats), total: responses.practices === null ? null : { responses: responses.analysed, practices: responses.practices, rate: oneDecimal(responses.rate) } },
    findings,
    examples,
    charts: { responseRate, bands },
    appendix,
    methods,
    footnotes,
  };
}

/**
 * How the figures were worked out, from what the survey and the statistics contain: conditional questions
 * only when the survey has conditions, group tests only when figures are split, and only the tests used.
 */
function analysisMethod(record: SurveyRecord, definition: ReportDefinition, stats: Json): string {
  const sentences = ['Percentages are of those who answered each question'];
  if (JSON.stringify(record.definition).includes('"visibleIf"')) {
    sentences[0] += `; questions shown only to some respondents${definition.conditionalExample ? ` (${definition.conditionalExample})` : ''} are reported of those who were shown them`;
  }
  sentences[0] += '. 95% confidence intervals are Wilson score intervals.';
  const questions = Object.values(stats.questions as Record<string, Json>).flatMap(function flat(question: Json): Json[] {
    if (question.kind === 'matrix') return question.rows as Json[];
    if (question.kind === 'items' || question.kind === 'entries') return Object.values(question.items as Record<string, Json>).flatMap(flat);
    return [question];
  });
  if (questions.some((question) => question.nps)) {
    sentences.push('The Net Promoter Score is the percentage answering 9 or 10 less the percentage answering 0 to 6, with a 95% interval from the normal approximation.');
  }
  if (stats.groupBy) {
    const tests = new Set(questions.map((question) => question.test?.name).filter(Boolean));
    const categorical = tests.has('chi-square') || tests.has('fisher') || tests.has('fisher-simulated');
    const ranked = tests.has('mann-whitney') || tests.has('kruskal-wallis');
    const rankName = stats.groupBy.groups.length > 2 ? 'the Kruskal-Wallis test' : 'the Mann-Whitney U test';
    const parts = [
      ...(categorical ? ["the chi-square test, or Fisher's exact test where an expected count is under 5"] : []),
      ...(ranked ? [`${rankName} for ${definition.numbersLabel ?? 'numbers and rating scales'}`] : []),
    ];
    if (parts.length > 0) sentences.push(`Differences by ${groupLabel(definition, stats)} are tested with ${parts.join(', and ')}.`);
  }
  return sentences.join(' ');
}

/** One bullet per statement of a Likert matrix: the share giving one of its top two answers. */
function likertBullets(question: Json, note: (text: string) => number): Array<{ text: string; footnote: number | null }> {
  return (question.rows as Json[])
    .filter((row) => !row.suppressed && row.topTwoBox && row.answered > 0)
    .map((row) => {
      const top = (row.options as Json[]).slice(-2).map((option) => option.label.toLowerCase()).reverse().join(' or ');
      return {
        text: `${oneDecimal(row.topTwoBox.percent)} answered ${top} to "${row.label}".`,
        footnote: note(`Base: ${row.answered} who answered "${row.label}" in "${question.title}".`),
      };
    });
}

async function likertChart(question: Json): Promise<Chart | null> {
  const rows = (question.rows as Json[]).filter((row) => !row.suppressed && (row.options as Json[]).every((cell) => !cell.suppressed));
  if (rows.length === 0) return null;
  const alt = `${question.title}: ${rows.map((row) => `${row.label}: ${(row.options as Json[]).map((cell) => `${cell.label} ${oneDecimal(cell.percent)}`).join(', ')}`).join('; ')}.`;
  return renderChart(divergingBarsSpec(rows.map((row) => ({ row: row.label, shares: (row.options as Json[]).map((cell) => ({ option: cell.label, percent: cell.percent })) }))), alt);
}

type AppendixTable = ReportModel['appendix'][number];

/** The appendix tables of one question: one for most, one per part for questions made of parts, none for free text. */
function appendixTables(name: string, question: Json, stats: Json, definition: ReportDefinition): AppendixTable[] {
  const withheld = (value: unknown, text: string) => (value === undefined ? 'suppressed' : text);
  switch (question.kind) {
    case 'text':
      return [];
    case 'matrix': {
      const options = ((question.rows as Json[])[0]?.options ?? []) as Json[];
      return [
        {
          name,
          title: question.title,
          columns: [...options.map((option) => option.label), 'Mean', 'Answered'],
          rows: (question.rows as Json[]).map((row) => ({
            label: row.label,
            cells: [
              ...(row.options as Json[]).map((cell) => (row.suppressed || cell.suppressed ? 'suppressed' : `${cell.count} (${oneDecimal(cell.percent)})`)),
              row.scale && !row.suppressed ? row.scale.mean.toFixed(2) : '–',
              withheld(row.answered, String(row.answered)),
            ],
          })),
          base: 'Percentages of those who answered each statement.',
          test: (question.rows as Json[]).filter((row) => row.test).map((row) => `${row.label}: ${describeTest(row.test)}`).join('; ') || null,
        },
      ];
    }
    case 'ranking':
      return [
        {
          name,
          title: question.title,
          columns: ['Mean rank', 'Ranked first'],
          rows: (question.options as Json[]).map((option) => ({
            label: option.label,
            cells: option.suppressed ? ['suppressed', 'suppressed'] : [typeof option.meanRank === 'number' ? option.meanRank.toFixed(2) : '–', `${option.first} (${oneDecimal(option.firstPercent)})`],
          })),
          base: `${withheld(question.answered, String(question.answered))} ranked the options; a lower mean rank is nearer the top.`,
          test: null,
        },
      ];
    case 'items':
    case 'entries':
      return Object.entries(question.items as Record<string, Json>).flatMap(([item, part]) => appendixTables(`${name}.${item}`, { ...part, title: `${question.title}: ${part.title}` }, stats, definition));
    case 'unsupported':
      return [{ name, title: question.title, columns: ['Answered'], rows: [{ label: 'Answers', cells: [withheld(question.answered, String(question.answered))] }], base: question.note, test: null }];
    default:
      return [appendixTable(name, question, stats, definition)];
  }
}

/** The methods sentence for the disclosure rule that was applied. */
function disclosureMethod(suppression: SurveyStats['suppression']): string {
  if (!suppression) return 'No disclosure control was applied: this version is for internal use only.';
  if (suppression.rule === 'minimum-base') {
    return `Figures are not published for any group of fewer than ${suppression.threshold} respondents (the minimum base, as in the NHS Staff Survey), and a further group is withheld where a withheld one could otherwise be worked out from the total and the others.`;
  }
  return `Counts from 1 to ${suppression.threshold - 1} are suppressed, with further cells hidden where a suppressed count could otherwise be worked out from totals.`;
}

function withheldAreasNote(stats: Json): string | null {
  const withheld = Object.values(stats.responses.byLmc as Record<string, Json>).filter((area) => area.suppressed).length;
  if (!withheld || !stats.suppression) return null;
  return stats.suppression.rule === 'minimum-base'
    ? `Figures for ${withheld} areas are withheld: areas with fewer than ${stats.suppression.threshold} responses are not shown separately, nor one more where it could otherwise be worked out from the total.`
    : `Figures for ${withheld} areas are withheld: counts from 1 to ${stats.suppression.threshold - 1} are not shown, nor one more where it could otherwise be worked out from the total.`;
}

/** ", up from 54% in 2024" when the option's share changed significantly (p < 0.05) since the earlier wave. */
function changeClause(waves: NonNullable<BuildInput['waves']>, question: string, group: string | undefined, value: string, decimals: number): string {
  const compared = waves.comparison.questions[question];
  if (!compared || compared.kind === 'number') return '';
  const options = group ? compared.groups?.[group] : compared.options;
  const option = options?.find((candidate) => String(candidate.value) === value);
  if (!option || option.p === null || option.p >= 0.05 || option.difference.points === 0) return '';
  return `, ${option.difference.points > 0 ? 'up' : 'down'} from ${percentText(option.a.percent, decimals)} in ${waves.previous}`;
}

/** Share answering yes in each wave, for the questions a finding charts. */
async function trendChart(items: Array<{ question: string; label: string }>, waves: NonNullable<BuildInput['waves']>): Promise<Chart | null> {
  const bars = items.flatMap(({ question, label }) => {
    const compared = waves.comparison.questions[question];
    const yes = compared && compared.kind !== 'number' ? compared.options.find((option) => option.value === 'yes') : undefined;
    if (!yes || !yes.a.answered || !yes.b.answered) return [];
    return [
      { option: label, group: waves.previous, percent: yes.a.percent, low: null, high: null },
      { option: label, group: waves.current, percent: yes.b.percent, low: null, high: null },
    ];
  });
  if (bars.length === 0) return null;
  const alt = `Percentage answering yes in ${waves.previous} and ${waves.current}: ${bars.map((bar) => `${bar.option} ${bar.group} ${bar.percent.toFixed(1)}%`).join('; ')}.`;
  return renderChart(percentBarsSpec(bars, true), alt);
}
