import { responseRate } from '../../analysis/response-rate';
import type { ResponseService } from '../responses/response-service';
import type { SurveyService } from '../surveys/survey-service';
import type { SurveyStatus } from '../surveys/survey-status';
import { minimumBaseOf } from '../../analysis/analysis-config';
import { reminderMessage, type ReminderMessage } from './reminder-message';

export interface AreaProgress {
  code: string;
  name: string;
  practices: number;
  complete: number;
  partial: number;
  /** Complete responses as a percentage of practices. */
  rate: number | null;
  link: string;
  reminder: ReminderMessage;
}

export interface DistributionReport {
  survey: string;
  title: string;
  status: SurveyStatus;
  opensAt: string | null;
  closesAt: string | null;
  question: string | null;
  link: string;
  areas: AreaProgress[];
  /** Responses whose area is missing or not on the list (for example, from a generic link). */
  unassigned: { complete: number; partial: number };
  total: { practices: number; complete: number; partial: number; rate: number | null };
}

export class DistributionService {
  constructor(
    private readonly surveys: SurveyService,
    private readonly responses: ResponseService,
  ) {}

  async report(slug: string, baseUrl: string): Promise<DistributionReport> {
    const { record, status } = await this.surveys.get(slug);
    const surveyLink = `${baseUrl}/s/${encodeURIComponent(slug)}`;
    const areas = record.distribution?.areas ?? [];
    const minimumBase = minimumBaseOf(record);
    // Without a distribution list there is no area question: counting by a name no answer has puts every
    // response in the one "not answered" group, which gives the totals.
    const counts = await this.responses.countByAnswer(slug, record.distribution?.question ?? '');
    const byCode = new Map(counts.map((count) => [count.value, count]));
    const rows = areas.map((area) => {
      const count = byCode.get(area.code);
      const complete = count?.complete ?? 0;
      const partial = count?.partial ?? 0;
      const link = `${surveyLink}?${encodeURIComponent(record.distribution!.question)}=${encodeURIComponent(area.code)}`;
      const rate = responseRate(complete, area.practices);
      return {
        ...area,
        complete,
        partial,
        rate,
        link,
        reminder: reminderMessage({ survey: record, area, complete, rate, link, minimumBase }),
      };
    });
    const known = new Set(areas.map((area) => area.code));
    const unassigned = counts
      .filter((count) => count.value === null || !known.has(count.value))
      .reduce((sum, count) => ({ complete: sum.complete + count.complete, partial: sum.partial + count.partial }), {
        complete: 0,
        partial: 0,
      });
    const practices = rows.reduce((sum, row) => sum + row.practices, 0);
    const complete = counts.reduce((sum, count) => sum + count.complete, 0);
    const partial = counts.reduce((sum, count) => sum + count.partial, 0);
    return {
      survey: record.slug,
      title: record.title,
      status,
      opensAt: record.opensAt,
      closesAt: record.closesAt,
      question: record.distribution?.question ?? null,
      link: surveyLink,
      areas: rows,
      unassigned,
      total: { practices, complete, partial, rate: responseRate(complete, practices) },
    };
  }
}
