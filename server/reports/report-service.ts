import type { PublishedStats } from '../../analysis/published-stats';
import type { CompareService } from '../stats/compare-service';
import type { Disclosure, ResponseObserver, StatsService } from '../stats/stats-service';
import type { CodingService } from '../coding/coding-service';
import { answerTexts, inNoTheme, mergedFromText, type CodingTheme } from '../coding/coding-state';
import { codeCounts, combinedCount } from '../coding/code-counts';
import { codingAgreementOf } from '../coding/researcher-agreement';
import { countText } from '../coding/count-text';
import type { ReportEdit } from '../kernel/report-records';
import type { ReportEditRepository } from '../store/repository';
import type { SurveyRecord } from '../surveys/survey-record';
import type { SurveyService } from '../surveys/survey-service';
import type { ReportDefinition } from '../surveys/report-definition';
import { defaultReportDefinition } from './default-definition';
import { buildReportModel, type ReportModel, type ReportNarrative } from './report-model';
import type { ReportTheme, ThemeQuote } from './report-findings';
import { INTERPRETATION } from './report-sections';
import { isQuotable } from '../../analysis/quotable';
import { listText } from '../../analysis/stats-format';

export interface ReportOptions {
  /** Overrides the final mark staff set; absent: as marked. */
  final?: boolean;
  /**
   * Absent: the survey's publication rule (groups below its minimum base withheld). A number: the cell rule
   * instead (counts below it hidden). null: no disclosure control (internal use only).
   */
  suppressBelow?: number | null;
  /** Weight figures to the practices in each area of this distribution question (e.g. lmc). */
  weightBy?: string;
  /** Whether the reader may see another survey (the earlier wave); absent: the command line, which sees all. */
  canSee?: (slug: string) => boolean;
}

const QUOTE_CANDIDATES = 200;

export class ReportService {
  constructor(
    private readonly edits: ReportEditRepository,
    private readonly surveys: SurveyService,
    private readonly stats: StatsService,
    private readonly compare: CompareService,
    private readonly coding: CodingService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async build(slug: string, options: ReportOptions = {}): Promise<ReportModel> {
    const { record } = await this.surveys.get(slug);
    const definition = record.report ?? defaultReportDefinition(record);
    const by = record.analysis?.groupBy;
    const quotable = quotableQuestions(definition);
    // One pass over the responses: quote candidates are picked up as the statistics read them.
    const candidates = new QuoteCandidates(quotable);
    const stats = await this.statistics(record, options, (response) => candidates.see(response));
    const { narrative, final } = await this.narrative(slug);
    // The earlier wave obeys the same rule as this one, and only a reader who may see it gets it.
    const waves =
      definition.previousWave && (options.canSee?.(definition.previousWave.survey) ?? true)
        ? await this.waves(definition.previousWave, slug, by, reportDisclosure(options).rule === 'publish')
        : null;
    const coding = await this.acceptedThemes(slug, quotable, cellThreshold(stats), definition);
    return buildReportModel(
      {
        waves,
        stats,
        record,
        definition,
        narrative,
        places: record.analysis?.places,
        themes: coding.themes,
        themeReview: coding.review,
        chosenQuotes: coding.quotes,
        final: options.final ?? final,
        answers: candidates.collected(),
      },
      this.now(),
    );
  }

  /** The narrative as staff last edited it (the report definition's text where they have not), and the final mark. */
  async narrative(slug: string): Promise<{ narrative: ReportNarrative; final: boolean; finalBy: ReportEdit | null }> {
    const { record } = await this.surveys.get(slug);
    const definition = record.report ?? defaultReportDefinition(record);
    const edits = await this.edits.current(slug);
    const text = (section: string, fallback: string) => edits[section]?.text ?? fallback;
    const interpretations = Object.fromEntries(
      Object.entries(edits)
        .filter(([section]) => section.startsWith(INTERPRETATION))
        .map(([section, edit]) => [section.slice(INTERPRETATION.length), edit.text]),
    );
    return {
      narrative: {
        background: text('background', definition.narrative.background),
        discussion: text('discussion', definition.narrative.discussion),
        conclusion: text('conclusion', definition.narrative.conclusion),
        recommendations: edits.recommendations
          ? splitLines(edits.recommendations.text)
          : definition.narrative.recommendations,
        interpretations: {
          ...Object.fromEntries(definition.findings.map((finding, i) => [String(i + 1), finding.interpretation])),
          ...interpretations,
        },
      },
      final: edits.final?.text === 'true',
      finalBy: edits.final ?? null,
    };
  }

  /** Stores the sections that changed, each as an edit saying who changed it and when. */
  async saveNarrative(slug: string, sections: Record<string, string>, editedBy: string): Promise<number> {
    const { narrative } = await this.narrative(slug);
    const current: Record<string, string> = {
      background: narrative.background,
      discussion: narrative.discussion,
      conclusion: narrative.conclusion,
      recommendations: narrative.recommendations.join('\n'),
      ...Object.fromEntries(
        Object.entries(narrative.interpretations).map(([n, value]) => [`${INTERPRETATION}${n}`, value]),
      ),
    };
    // Browsers send a textarea's line breaks as CR LF: a section saved unchanged reads the same and records nothing.
    const normal = (value: string | undefined) => (value ?? '').replace(/\r\n?/g, '\n').trim();
    const same = (section: string, text: string) =>
      section === 'recommendations'
        ? splitLines(current[section]!).join('\n') === splitLines(text).join('\n')
        : normal(current[section]) === normal(text);
    let saved = 0;
    for (const [section, text] of Object.entries(sections)) {
      if (!(section in current) || same(section, text)) continue;
      await this.edits.add({
        surveySlug: slug,
        section,
        text: normal(text),
        editedBy,
        editedAt: this.now().toISOString(),
      });
      saved += 1;
    }
    return saved;
  }

  /**
   * Marks the report final (or returns it to draft). A report that still shows candidate themes nobody has
   * reviewed is marked final only when the admin confirms it.
   */
  async markFinal(
    slug: string,
    final: boolean,
    editedBy: string,
    confirmed = false,
  ): Promise<{ marked: boolean; unreviewed: number }> {
    await this.surveys.get(slug);
    const unreviewed = final ? await this.unreviewedThemes(slug) : 0;
    if (unreviewed > 0 && !confirmed) return { marked: false, unreviewed };
    await this.edits.add({
      surveySlug: slug,
      section: 'final',
      text: String(final),
      editedBy,
      editedAt: this.now().toISOString(),
    });
    return { marked: true, unreviewed };
  }

  /** The earlier wave compared with this one, or null (with the report still built) when that survey is not in the store. */
  private async waves(
    previous: { survey: string; label: string; thisLabel: string },
    slug: string,
    by: string | undefined,
    publish: boolean,
  ) {
    if (!(await this.surveys.exists(previous.survey))) return null;
    const comparison = publish
      ? await this.compare.comparePublished(previous.survey, slug, by)
      : await this.compare.compare(previous.survey, slug, by);
    return { previous: previous.label, current: previous.thisLabel, comparison };
  }

  /**
   * How many candidate themes the report would show unreviewed (free-text findings with no accepted theme): its
   * statistics (a free-text question too few commented on shows no themes) and its themes, nothing else of it.
   */
  async unreviewedThemes(slug: string): Promise<number> {
    const { record } = await this.surveys.get(slug);
    const definition = record.report ?? defaultReportDefinition(record);
    // As staff see the report: under the publication rule, which hides no theme's count (no cell threshold).
    const { themes } = await this.acceptedThemes(slug, quotableQuestions(definition), null);
    const candidates = definition.findings.map(({ freeText }) => ({
      freeText,
      count: freeText ? (themes[freeText]?.filter((theme) => theme.candidate).length ?? 0) : 0,
    }));
    if (candidates.every(({ count }) => count === 0)) return 0;
    const stats = await this.statistics(record, {});
    return candidates.reduce((sum, { freeText, count }) => {
      const question = freeText ? stats.questions[freeText] : undefined;
      return question?.kind === 'text' && question.suppressed ? sum : sum + count;
    }, 0);
  }

  /** The report's figures: one statistics computation per weighting pass, under the report's disclosure rule. */
  private statistics(record: SurveyRecord, options: ReportOptions, observe?: ResponseObserver) {
    return this.stats.computeFor(record, {
      by: record.analysis?.groupBy,
      weightBy: options.weightBy,
      disclosure: reportDisclosure(options),
      observe,
    });
  }

  async history(slug: string): Promise<ReportEdit[]> {
    return this.edits.history(slug, 50);
  }

  /**
   * The researchers' themes per question (accepted ones, largest first) with the respondents a researcher
   * confirmed as raising each (any of its codes), and how many more carry only unreviewed machine suggestions of
   * it, which are not counted; and the quotes they chose. While no theme of a question is accepted, the machine's
   * candidate themes stand in, marked as not yet reviewed. A number below the cell rule's threshold is not shown.
   */
  private async acceptedThemes(
    slug: string,
    questions: string[],
    threshold: number | null,
    definition?: ReportDefinition,
  ) {
    const themes: Record<string, ReportTheme[]> = {};
    const review: Record<string, string> = {};
    const quotes: Record<string, ThemeQuote[]> = {};
    const shown = (count: number) => (threshold !== null && count > 0 && count < threshold ? null : count);
    for (const question of questions) {
      // The report is everyone's: while researchers code independently it counts only the machine's proposal.
      const state = await this.coding.current(slug, question);
      if (!state) continue;
      const textOf = answerTexts(state);
      const quotable = (ids: string[]) =>
        ids.map((id) => textOf.get(id)).filter((text): text is string => Boolean(text));
      const counts = codeCounts(state);
      // Each theme's reach once: who carries its codes, confirmed or only suggested.
      const reached = new Map(
        state.themes.map((theme) => [
          theme.id,
          combinedCount(
            counts,
            state.codes
              .filter((code) => code.themeId === theme.id && code.status !== 'discarded')
              .map((code) => code.id),
          ),
        ]),
      );
      const reach = (theme: CodingTheme) => reached.get(theme.id)!;
      const carried = (theme: CodingTheme) => {
        const { confirmed, unreviewed } = reach(theme);
        return confirmed.size + unreviewed.size > 0;
      };
      // An accepted theme no answer carries any more (its codes moved or discarded) is no finding: "0.0%" would
      // read as one, and its quotes would illustrate nothing listed. It is named in the note on what is not
      // reported; with no other accepted theme, the machine's candidates stand in as they do before any is accepted.
      const acceptedAll = state.themes.filter((theme) => theme.status === 'accepted');
      const accepted = acceptedAll.filter(carried);
      const emptied = acceptedAll.filter((theme) => !carried(theme)).map((theme) => `“${theme.label}”`);
      const candidate = accepted.length === 0;
      // A mixed candidate (no phrase shared by a third of its answers) is never reported as a finding: it is
      // counted, with the answers no theme fits, in a line telling the reader what is left for review.
      const proposed = state.themes.filter((theme) => theme.status === 'proposed');
      const reported = candidate ? proposed.filter((theme) => !theme.mixed && carried(theme)) : accepted;
      const liveThemes = state.themes.filter((theme) => theme.status !== 'discarded');
      const unthemed = state.codes.filter((code) => code.status !== 'discarded' && inNoTheme(code, liveThemes)).length;
      // Codes in no theme are counted and exported but listed under no theme: said either way, as is what else the
      // reader does not see (before any theme is accepted, the mixed groups and answers that fit none; after, the
      // candidates nobody accepted).
      const inNoThemeText = unthemed ? `${countText(unthemed, 'code')} in no theme` : '';
      let notReported: string[];
      if (candidate) {
        const mixedThemes = proposed.filter((theme) => theme.mixed);
        const inMixed = combinedCount(
          counts,
          state.codes
            .filter((code) => mixedThemes.some((theme) => theme.id === code.themeId) && code.status !== 'discarded')
            .map((code) => code.id),
        );
        const held = inMixed.confirmed.size + inMixed.unreviewed.size;
        const left = state.unassigned?.length ?? 0;
        notReported = [
          mixedThemes.length
            ? `${countText(mixedThemes.length, 'mixed group')}${held ? ` holding ${countText(held, 'answer')}` : ''} with no shared idea`
            : '',
          left ? `${countText(left, 'answer')} that fit no theme` : '',
          inNoThemeText,
        ];
      } else
        // Accepted themes are the findings; the candidates nobody has accepted yet are said, not silently dropped.
        notReported = [
          inNoThemeText,
          proposed.length
            ? `${countText(proposed.length, 'more candidate theme')} that no researcher has accepted yet`
            : '',
        ];
      const parts = notReported.filter(Boolean);
      if (parts.length) review[question] = `Not reported, left for the researchers to review: ${listText(parts)}.`;
      const listed = reported
        .map((theme) => {
          const { confirmed, unreviewed } = reach(theme);
          const note =
            candidate && theme.labelCoverage !== undefined
              ? `label's words in ${Math.round(theme.labelCoverage * 100)}% of them${mergedFromText(theme) ? `; merged from ${mergedFromText(theme)}` : ''}`
              : undefined;
          return {
            theme,
            label: theme.label,
            respondents: shown(confirmed.size),
            unreviewed: shown(unreviewed.size),
            candidate,
            ...(note ? { note } : {}),
            // Candidates by the answers the machine put under them (some perhaps confirmed), findings by their share.
            order: candidate ? [confirmed.size + unreviewed.size, 0] : [confirmed.size, unreviewed.size],
          };
        })
        .sort((a, b) => b.order[0]! - a.order[0]! || b.order[1]! - a.order[1]!);
      themes[question] = listed.map(({ order: _order, theme: _theme, ...shownTheme }) => shownTheme);
      // Coded independently and revealed: until the researchers settle the answers they coded differently, such
      // an answer counts for a code either of them gave, and the reader is told so.
      const unsettled = state.independent?.revealed
        ? codingAgreementOf(state).disagreements.filter((row) => !row.settled).length
        : 0;
      if (unsettled)
        review[question] = [
          review[question],
          `${countText(unsettled, 'answer')} the researchers coded differently ${unsettled === 1 ? 'is' : 'are'} not settled yet; until then, such an answer counts for a code either of them gave.`,
        ]
          .filter(Boolean)
          .join(' ');
      if (emptied.length)
        review[question] = [
          review[question],
          `Not listed: ${listText(emptied)}, accepted but carried by no answer now (${emptied.length === 1 ? 'its' : 'their'} codes were moved or discarded).`,
        ]
          .filter(Boolean)
          .join(' ');
      // Each listed theme's quotes in the order the themes are listed: those researchers chose for it, else (as a
      // draft) its typical answer as the machine picked it, so that a theme with no chosen quote is still quoted
      // and no quote comes from a theme that is not listed. Taken a theme at a time, so the first few quotes
      // illustrate the first few themes.
      const perTheme = listed.map(({ theme }) => {
        const chosen = theme.status === 'accepted' ? quotable(theme.chosenQuotes) : [];
        // The machine's picks that still carry one of its codes (a code moved out takes its answers with it).
        const carriers = reach(theme).respondents;
        const typical = quotable(theme.proposedQuotes.filter((id) => carriers.has(id))).find((text) =>
          isQuotable(text),
        );
        const texts = chosen.length ? chosen : typical ? [typical] : [];
        return { chosen: chosen.length, quotes: texts.map((text) => ({ text, theme: theme.label })) };
      });
      const interleaved = Array.from(
        { length: Math.max(0, ...perTheme.map(({ quotes: list }) => list.length)) },
        (_, i) => perTheme.flatMap(({ quotes: list }) => (list[i] ? [list[i]] : [])),
      ).flat();
      // The examples section shows every quote researchers chose, and otherwise as many as the report asks for.
      const chosenCount = perTheme.reduce((sum, { chosen }) => sum + chosen, 0);
      const most =
        definition?.examples?.question === question
          ? Math.max(definition.examples.quotes, chosenCount)
          : interleaved.length;
      if (interleaved.length) quotes[question] = interleaved.slice(0, most);
    }
    return { themes, quotes, review };
  }
}

/** The report's rule: absent, the survey's publication rule; a number, the cell rule; null, none (internal use). */
function reportDisclosure({ suppressBelow }: Pick<ReportOptions, 'suppressBelow'>): Disclosure {
  if (suppressBelow === undefined) return { rule: 'publish' };
  return suppressBelow === null ? { rule: 'none' } : { rule: 'cell', threshold: suppressBelow };
}

/**
 * Under the cell rule a theme raised by few respondents has its count hidden; under the survey rule the group a
 * theme's share describes is everyone who commented, withheld as a whole when below the base.
 */
const cellThreshold = (stats: PublishedStats) =>
  stats.suppression?.rule === 'cell' ? stats.suppression.threshold : null;

/** The free-text questions the report quotes: its findings' and its examples'. */
const quotableQuestions = (definition: ReportDefinition) => [
  ...definition.findings.map((finding) => finding.freeText).filter((name): name is string => Boolean(name)),
  ...(definition.examples ? [definition.examples.question] : []),
];

/** A bounded set of quotable complete answers per question: memory does not grow with the number of responses. */
class QuoteCandidates {
  private readonly sets: Map<string, Set<string>>;

  constructor(questions: string[]) {
    this.sets = new Map(questions.map((name) => [name, new Set<string>()]));
  }

  /** Notes a response's quotable answers, while there is room. */
  see(response: { data: Record<string, unknown>; complete: boolean }): void {
    if (!response.complete) return;
    for (const [name, set] of this.sets) {
      const value = response.data[name];
      if (typeof value === 'string' && isQuotable(value) && set.size < QUOTE_CANDIDATES) set.add(value.trim());
    }
  }

  collected(): Record<string, string[]> {
    return Object.fromEntries([...this.sets].map(([name, set]) => [name, [...set]]));
  }
}

const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
