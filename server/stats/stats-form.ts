import { Model } from 'survey-core';
import { z } from 'zod';
import { minimumBaseOf } from '../../analysis/analysis-config';
import { statsQuestions } from '../../analysis/stats-questions';
import type { FieldIssue } from '../errors';
import type { SurveyRecord } from '../surveys/survey-record';
import { statsQuerySchema } from './stats-schema';

/** The cell rule's threshold the page offers. */
const CELL_THRESHOLD = 5;
const RULES = ['none', 'publish', 'cell'] as const;
type Rule = (typeof RULES)[number];

/**
 * The statistics page's query: the API's (statsQuerySchema), except that the form chooses one disclosure rule
 * (`rule`) where the API has two fields that cannot both be set. Without `rule` (a link, an old bookmark) the
 * API's fields are read as they are.
 */
export const statsPageQuerySchema = z
  .object({ rule: z.enum(RULES, { error: 'choose one of the options' }).optional() })
  .loose()
  .transform(({ rule, ...query }) =>
    rule
      ? { ...query, publish: String(rule === 'publish'), suppressBelow: rule === 'cell' ? String(CELL_THRESHOLD) : '' }
      : query,
  )
  .pipe(statsQuerySchema);

/** The form as it was sent, to show it again as it was whether or not it could be answered. */
export interface StatsForm {
  by: string | undefined;
  area: string | undefined;
  from: string;
  to: string;
  includePartial: boolean;
  rule: Rule;
  weighted: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const on = (value: unknown) => value === 'true' || value === 'on';

export function statsForm(record: SurveyRecord, query: Record<string, unknown>): StatsForm {
  const areaQuestion = record.distribution?.question;
  const area = ([] as unknown[])
    .concat(query.where ?? [])
    .map(text)
    .find((item) => item?.startsWith(`${areaQuestion}=`));
  const rule = RULES.find((each) => each === query.rule);
  return {
    // Absent: the survey's usual grouping, as the statistics take it.
    by: query.by === undefined ? (record.analysis?.groupBy ?? undefined) : text(query.by) || undefined,
    area: area?.slice(`${areaQuestion}=`.length),
    from: text(query.from) ?? '',
    to: text(query.to) ?? '',
    includePartial: on(query.includePartial),
    rule: rule ?? (on(query.publish) ? 'publish' : text(query.suppressBelow) ? 'cell' : 'none'),
    weighted: Boolean(text(query.weight)),
  };
}

/** The same selection from the JSON API, so that the page's JSON link gives what the page shows. */
export function apiLinkFor(record: SurveyRecord, form: StatsForm): string {
  const areaQuestion = record.distribution?.question;
  const query = new URLSearchParams();
  if (form.by) query.set('by', form.by);
  if (form.area && areaQuestion) query.append('where', `${areaQuestion}=${form.area}`);
  if (form.from) query.set('from', form.from);
  if (form.to) query.set('to', form.to);
  if (form.includePartial) query.set('includePartial', 'true');
  if (form.weighted && areaQuestion) query.set('weight', areaQuestion);
  if (form.rule === 'publish') query.set('publish', 'true');
  if (form.rule === 'cell') query.set('suppressBelow', String(CELL_THRESHOLD));
  const search = query.toString();
  return `/api/surveys/${encodeURIComponent(record.slug)}/stats${search ? `?${search}` : ''}`;
}

const LABELS: Record<string, string> = {
  by: 'Split by',
  where: 'Area',
  from: 'From',
  to: 'To',
  includePartial: 'Include partial responses',
  rule: 'Disclosure control',
  publish: 'As published',
  suppressBelow: 'Suppress counts under',
  weight: 'Weighted',
  simulations: 'Simulations',
};

/** What was wrong with the form, in the words of the form rather than of the API's fields. */
function formMessages(issues: FieldIssue[], form: StatsForm, minimumBase: number, splits: Set<string>): string[] {
  const published = form.rule === 'publish';
  // The publication rule's refusals are of a split or area the survey has; a misnamed one is said as it is.
  const known = (field: string) => (field === 'by' ? splits.has(form.by ?? '') : form.area !== undefined);
  const dates = published && issues.some((issue) => issue.field === 'from' || issue.field === 'to');
  return [
    ...(dates
      ? [
          'As published, figures cover the whole survey: clear the From and To dates, or choose another disclosure option.',
        ]
      : []),
    ...issues.flatMap((issue) => {
      if (published && (issue.field === 'from' || issue.field === 'to')) return [];
      if (issue.field === 'includePartial' && form.rule !== 'none')
        return [
          `${published ? 'As published' : `With counts under ${CELL_THRESHOLD} suppressed`}, figures are of complete responses only: untick “Include partial responses”, or choose another disclosure option.`,
        ];
      if (published && issue.field === 'where' && known('where'))
        return [
          `As published, this area cannot be shown${form.by ? ' split this way' : ''}: fewer than ${minimumBase} respondents${form.by ? ' of a group' : ''} are outside it, so their answers could be worked out by subtracting its figures from the whole survey’s. Choose another area${form.by ? ' or split' : ''}, or another disclosure option.`,
        ];
      if (published && issue.field === 'by' && known('by'))
        return [
          `As published, the figures cannot be split this way: the groups withheld for having fewer than ${minimumBase} respondents add up to fewer than ${minimumBase}, so the groups shown, taken from the total, would give them away. Choose another split, or another disclosure option.`,
        ];
      if (published && issue.field === 'suppressBelow')
        return [
          `Choose one disclosure option: “As published” and “Counts under ${CELL_THRESHOLD} suppressed” are two different rules.`,
        ];
      return [`${LABELS[issue.field] ?? issue.field}: ${issue.message}.`];
    }),
  ];
}

/** The form's fields as the template shows them, with what was wrong with them beside the options. */
export function formModel(record: SurveyRecord, form: StatsForm, issues: FieldIssue[] = []) {
  const minimumBase = minimumBaseOf(record);
  const choices = statsQuestions(new Model(record.definition), { nps: record.analysis?.nps }).filter(
    (question) => question.kind === 'choice',
  );
  const areaQuestion = record.distribution?.question;
  return {
    byOptions: [{ value: '', label: 'No grouping', selected: !form.by }].concat(
      choices.map((question) => ({ value: question.name, label: question.title, selected: form.by === question.name })),
    ),
    areaQuestion,
    areaOptions: [{ value: '', label: 'All areas', selected: !form.area }].concat(
      (record.distribution?.areas ?? []).map((area) => ({
        value: `${areaQuestion}=${area.code}`,
        label: area.name,
        selected: form.area === area.code,
      })),
    ),
    from: form.from,
    to: form.to,
    includePartial: form.includePartial,
    rules: [
      { value: 'none', label: 'None: every count shown (not for publication)' },
      {
        value: 'publish',
        label: `As published: groups of fewer than ${minimumBase} withheld (complete responses, whole survey, no dates)`,
      },
      { value: 'cell', label: `Counts under ${CELL_THRESHOLD} suppressed (cell rule)` },
    ].map((rule) => ({ ...rule, checked: rule.value === form.rule })),
    weighted: form.weighted,
    weightQuestion: areaQuestion ?? null,
    messages: formMessages(issues, form, minimumBase, new Set(choices.map((question) => question.name))),
  };
}
