import { computeSurveyStats } from '../../analysis/survey-stats';
import { suppressSmallNumbers } from '../../analysis/suppression';
import type { Store } from '../store/repository';
import type { SurveyService } from '../surveys/survey-service';
import { defaultReportDefinition } from './default-definition';
import { buildReportModel, type ReportModel, type ReportNarrative } from './report-model';

export interface ReportOptions {
  final?: boolean;
  /** Counts below this are suppressed: 5 unless given; null turns suppression off (internal use only). */
  suppressBelow?: number | null;
}

const QUOTE_CANDIDATES = 200;

export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly surveys: SurveyService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async build(slug: string, options: ReportOptions = {}): Promise<ReportModel> {
    const { record } = await this.surveys.get(slug);
    const definition = record.report ?? defaultReportDefinition(record);
    const by = record.analysis?.groupBy;
    const raw = await computeSurveyStats(record, this.store.responses.stream(slug, { includePartial: true }), { by }, this.now());
    const threshold = options.suppressBelow === undefined ? 5 : options.suppressBelow;
    const stats = threshold === null ? raw : suppressSmallNumbers(raw, threshold);
    const narrative: ReportNarrative = { ...definition.narrative, interpretations: {} };
    return buildReportModel(
      {
        stats,
        record,
        definition,
        narrative,
        final: Boolean(options.final),
        answers: await this.quoteCandidates(slug, [
          ...definition.findings.map((finding) => finding.freeText).filter((name): name is string => Boolean(name)),
          ...(definition.examples ? [definition.examples.question] : []),
        ]),
      },
      this.now(),
    );
  }

  /** A bounded set of quotable answers per question, gathered in one pass: memory does not grow with responses. */
  private async quoteCandidates(slug: string, questions: string[]): Promise<Record<string, string[]>> {
    const candidates = new Map(questions.map((name) => [name, new Set<string>()]));
    if (questions.length === 0) return {};
    for await (const response of this.store.responses.stream(slug)) {
      for (const [name, set] of candidates) {
        const value = response.data[name];
        if (typeof value === 'string' && value.trim().length >= 40 && value.length <= 600 && set.size < QUOTE_CANDIDATES) set.add(value.trim());
      }
    }
    return Object.fromEntries([...candidates].map(([name, set]) => [name, [...set]]));
  }
}
