import type { Chart } from '../../analysis/charts';
import type { PublishedStats } from '../../analysis/published-stats';
import type { SurveyRecord } from '../surveys/survey-record';
import type { AppendixTable } from './report-appendix';
import { appendixTables } from './report-appendix';
import type { ReportDefinition } from '../surveys/report-definition';
import {
  buildExamples,
  buildFindings,
  type Bullet,
  type FreeTextSummary,
  type ReportTheme,
  type ThemeQuote,
  type Waves,
} from './report-findings';
import { buildMethods, disclosureMethod } from './report-methods';
import { buildCharts, buildResponse, type CaptionedChart } from './report-response';
import { tooFewToPublish } from './report-wording';

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
  /** The report definition's abbreviations, in alphabetical order. */
  abbreviations: Array<{ short: string; full: string }>;
  response: {
    paragraphs: string[];
    areas: Array<{ name: string; responses: string; practices: number; rate: string }>;
    /** Why some areas show no figures, when some are withheld. */
    areasNote: string | null;
    total: { responses: string; practices: number | null; rate: string } | null;
  };
  findings: Array<{
    number: number;
    heading: string;
    bullets: Bullet[];
    freeText: FreeTextSummary | null;
    chart: Chart | null;
    /** Both waves of the charted questions, when the report definition names an earlier wave. */
    trend: Chart | null;
    interpretation: string;
    /** The chart of the banded question goes under the first finding whose figures come from it. */
    bandsHere: boolean;
  }>;
  examples: { heading: string; intro: string; quotes: string[] } | null;
  /** `bands`: the first numeric question with named bands, by group, with its caption. */
  charts: { responseRate: CaptionedChart | null; bands: (CaptionedChart & { question: string }) | null };
  /** Whether a finding shows the bands chart; else it stands at the head of the key findings. */
  bandsInFinding: boolean;
  appendix: AppendixTable[];
  methods: string[];
  footnotes: Footnote[];
}

interface BuildInput {
  stats: PublishedStats;
  record: SurveyRecord;
  definition: ReportDefinition;
  narrative: ReportNarrative;
  final: boolean;
  places?: string[];
  /** Quotes chosen by researchers, by question; none chosen means PII-scrubbed picks from the answers. */
  chosenQuotes?: Record<string, ThemeQuote[]>;
  /** The comparison with the earlier wave the report definition names, when it exists. */
  waves?: Waves | null;
  /** Final themes from coding, by question. */
  themes?: Record<string, ReportTheme[]>;
  /** Per question, what of the machine's candidates is left out of the report for review (mixed groups, unassigned answers). */
  themeReview?: Record<string, string>;
  /** Free-text answers by question, for quotes when none were chosen. */
  answers: Record<string, string[]>;
}

/**
 * Everything the report says, computed once and rendered as HTML, PDF or Word: the response, the numbered
 * findings (each section in its own module), examples, charts, the appendix tables and the methods. What is
 * particular to a survey (its wording, groups and findings) comes from its report definition.
 */
export async function buildReportModel(input: BuildInput, now: Date): Promise<ReportModel> {
  const { record, definition, narrative, final, stats } = input;
  const context = { stats, definition };
  const footnotes: Footnote[] = [];
  const note = (text: string) => {
    footnotes.push({ number: footnotes.length + 1, text });
    return footnotes.length;
  };
  // Fewer completed than the minimum base: every figure is withheld, and so is every quote, which could say who
  // of so few wrote it.
  const few = tooFewToPublish(context);
  const findingInput = {
    waves: input.waves ?? null,
    places: input.places,
    chosenQuotes: few ? {} : input.chosenQuotes,
    themes: input.themes,
    themeReview: input.themeReview,
    answers: few ? {} : input.answers,
    interpretations: narrative.interpretations,
  };
  const examples = buildExamples(context, findingInput);
  // Built in the order their footnotes are numbered: the findings' notes come first.
  const findings = await buildFindings(context, findingInput, note);
  const charts = await buildCharts(context);
  const bandsAt = charts.bands
    ? definition.findings.findIndex((finding) =>
        finding.bullets.some(
          (bullet) => bullet.mean === charts.bands!.question || bullet.question === charts.bands!.question,
        ),
      )
    : -1;
  return {
    title: definition.title,
    subtitle: definition.subtitle ?? null,
    organisations: definition.organisations ?? null,
    final,
    snapshotAt: now.toISOString(),
    opensAt: record.opensAt,
    closesAt: record.closesAt,
    suppressionThreshold: stats.suppression?.threshold ?? null,
    disclosure: disclosureMethod(stats.suppression),
    narrative,
    // A report definition stored before abbreviations existed has none (the stored definition is not re-parsed).
    abbreviations: Object.entries(definition.abbreviations ?? {})
      .map(([short, full]) => ({ short, full }))
      .sort((a, b) => a.short.localeCompare(b.short)),
    response: buildResponse(context),
    findings: findings.map((finding, index) => ({ ...finding, bandsHere: index === bandsAt })),
    bandsInFinding: bandsAt >= 0,
    examples:
      examples && few
        ? {
            ...examples,
            intro: `Not shown: fewer than ${few} completed the survey, and a quote could say who wrote it.`,
          }
        : examples,
    charts,
    appendix: Object.entries(stats.questions).flatMap(([name, question]) => appendixTables(name, question, context)),
    methods: buildMethods(record, context, input.themes, now),
    footnotes,
  };
}
