import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-files';

/**
 * Surveys a test builds for itself, so that what it checks does not hang on the wording, areas or practice numbers
 * of the shipped CQL/PQL survey (surveys/gp-quality-clusters-2024*.json). Only tests of that survey's own contract
 * (its data dictionary, the joint-review figures, the demo) load the shipped files.
 */

export type Answers = Record<string, unknown>;
export type Question = { type: string; name: string } & Record<string, unknown>;

/** A survey as Canvass reads it from a folder: the SurveyJS definition and its optional companion files. */
export interface SurveySpec {
  slug: string;
  definition: Record<string, unknown>;
  distribution?: { question: string; areas: Array<{ code: string; name: string; practices: number }> } & Record<
    string,
    unknown
  >;
  analysis?: Record<string, unknown>;
  report?: Record<string, unknown>;
}

type Choice = { value: string; text: string };
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');

/** Small question builders; `extra` sets any other SurveyJS property (visibleIf, isRequired, title, ...). */
export const q = {
  choice: (name: string, values: Array<string | Choice>, extra: Record<string, unknown> = {}): Question => ({
    type: 'radiogroup',
    name,
    title: label(name),
    choices: values.map((value) => (typeof value === 'string' ? { value, text: label(value) } : value)),
    ...extra,
  }),
  yesNo: (name: string, extra: Record<string, unknown> = {}): Question => q.choice(name, ['yes', 'no'], extra),
  dropdown: (name: string, choices: Choice[], extra: Record<string, unknown> = {}) => ({
    type: 'dropdown',
    name,
    title: label(name),
    choices,
    ...extra,
  }),
  number: (name: string, min: number, max: number, extra: Record<string, unknown> = {}): Question => ({
    type: 'text',
    inputType: 'number',
    name,
    title: label(name),
    min,
    max,
    validators: [
      { type: 'numeric', minValue: min, maxValue: max, text: `Please enter a number from ${min} to ${max}.` },
    ],
    ...extra,
  }),
  freeText: (name: string, extra: Record<string, unknown> = {}): Question => ({
    type: 'comment',
    name,
    title: label(name),
    maxLength: 5000,
    ...extra,
  }),
};

let surveys = 0;

/** A survey of the questions given, one page each unless `pages` lays them out. */
export function makeSurvey({
  slug = `survey-${(surveys += 1)}`,
  title = 'A test survey',
  questions = [q.yesNo('agree'), q.freeText('comments')],
  pages,
  settings = {},
  distribution,
  analysis,
  report,
}: {
  slug?: string;
  title?: string;
  questions?: Question[];
  pages?: Array<{ name: string; elements: Question[] } & Record<string, unknown>>;
  /** Survey-level SurveyJS properties (showQuestionNumbers, showProgressBar, ...). */
  settings?: Record<string, unknown>;
  distribution?: SurveySpec['distribution'];
  analysis?: SurveySpec['analysis'];
  report?: SurveySpec['report'];
} = {}): SurveySpec {
  return {
    slug,
    definition: { title, ...settings, pages: pages ?? [{ name: 'questions', elements: questions }] },
    ...(distribution ? { distribution } : {}),
    ...(analysis ? { analysis } : {}),
    ...(report ? { report } : {}),
  };
}

/** The areas of the CQL/PQL-like survey, with made-up practice numbers (50 practices in all). */
export const AREAS = [
  { code: 'glasgow', name: 'Glasgow', practices: 20 },
  { code: 'lothian', name: 'Lothian', practices: 10 },
  { code: 'fife', name: 'Fife', practices: 5 },
  { code: 'ayrshire-arran', name: 'Ayrshire & Arran', practices: 15 },
];

const CQL = "{role} = 'cql'";

/**
 * A small survey shaped like the CQL/PQL one (same question names, so `pqlAnswers`/`cqlAnswers` fit it): an area
 * question that the distribution counts practices by, a role that groups the analysis, an hours question with
 * bands, questions only CQLs see, yes/no questions and free text.
 */
export function cqlPqlSurvey(overrides: Partial<SurveySpec> & { title?: string } = {}): SurveySpec {
  const { title = 'Cluster leads test survey', ...rest } = overrides;
  return {
    ...makeSurvey({
      slug: 'cluster-leads',
      title,
      settings: { showProgressBar: true, progressBarLocation: 'top', showQuestionNumbers: 'off' },
      pages: [
        {
          name: 'about_you',
          title: 'About you',
          elements: [
            q.dropdown(
              'lmc',
              AREAS.map((area) => ({ value: area.code, text: area.name })),
              { isRequired: true },
            ),
            q.choice(
              'role',
              [
                { value: 'cql', text: 'CQL' },
                { value: 'pql', text: 'PQL' },
              ],
              { isRequired: true },
            ),
            q.number('hours_per_week', 0, 80, { isRequired: true }),
          ],
        },
        {
          name: 'time_and_funding',
          title: 'Time and funding',
          elements: [
            q.choice('cql_funding_matches_time', ['yes', 'no', 'dont_know'], { visibleIf: CQL }),
            q.yesNo('cql_payment_uplift', { visibleIf: CQL }),
            q.freeText('time_funding_comments'),
          ],
        },
        {
          name: 'more_qi',
          title: 'More QI work',
          elements: [
            q.yesNo('more_time_if_resourced'),
            q.yesNo('interest_practice_qi'),
            q.freeText('resources_not_in_place', {
              title: 'Which resources not in place now would help your cluster?',
            }),
          ],
        },
        {
          name: 'support',
          title: 'Support',
          elements: [
            q.yesNo('plt_barrier'),
            q.yesNo('cql_leadership_training', { visibleIf: CQL }),
            q.yesNo('cql_network_aware'),
            q.yesNo('cql_network_member', { visibleIf: `${CQL} and {cql_network_aware} = 'yes'` }),
            q.choice('guidance_used', ['aware_used', 'aware_not_used', 'not_aware']),
          ],
        },
        { name: 'examples', title: 'Examples', elements: [q.freeText('qi_work_examples')] },
      ],
      distribution: { question: 'lmc', areas: AREAS },
      analysis: {
        groupBy: 'role',
        bands: {
          hours_per_week: [
            { label: 'Under 2 hours', to: 2, includeTo: false },
            { label: '2 hours or more', from: 2 },
          ],
        },
      },
      report: {
        title,
        groupNames: { cql: { singular: 'CQL', plural: 'CQLs' }, pql: { singular: 'PQL', plural: 'PQLs' } },
        findings: [
          {
            heading: 'Time in role',
            bullets: [
              { mean: 'hours_per_week', group: 'pql', decimals: 1, text: 'PQLs spend {mean} hours a week.' },
              {
                question: 'cql_payment_uplift',
                group: 'cql',
                text: 'Only {yes} of CQLs have had an uplift in payment.',
              },
              { question: 'more_time_if_resourced', text: '{yes} would take on more QI work if resourced.' },
            ],
            chart: [{ question: 'more_time_if_resourced', label: 'More time if resourced' }],
            freeText: 'resources_not_in_place',
            interpretation: 'Time in the role is short.\nMost would do more if it were resourced.',
          },
          {
            heading: 'Protected Learning Time',
            bullets: [{ question: 'plt_barrier', text: '{yes} said that Protected Learning Time is a barrier.' }],
            interpretation: 'PLT is a barrier for many.',
          },
        ],
        narrative: {
          background: 'Clusters began in 2016.\nEach practice has a PQL, each cluster a CQL.',
          discussion: 'Time is short.',
          conclusion: 'More protected time would help.',
          recommendations: ['Fund protected time', 'Provide admin support'],
        },
      },
    }),
    ...rest,
  };
}

/**
 * Answers to a survey built here: the first choice of each choice question, the minimum of each number, a
 * sentence for text, nothing for questions shown only on a condition; `overrides` set or (with undefined) unset.
 */
export function makeResponse(survey: SurveySpec, overrides: Answers = {}): Answers {
  const pages = (survey.definition.pages ?? []) as Array<{ elements: Question[] }>;
  const answers: Answers = {};
  for (const question of pages.flatMap((page) => page.elements)) {
    if (question.visibleIf) continue;
    const choices = question.choices as Array<{ value: unknown }> | undefined;
    if (choices?.length) answers[question.name] = choices[0]!.value;
    else if (question.inputType === 'number') answers[question.name] = question.min ?? 1;
    else answers[question.name] = `An answer to ${question.name}.`;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete answers[key];
    else answers[key] = value;
  }
  return answers;
}

/** Writes surveys as `canvass serve` reads them from its surveys folder; returns the folder. */
export function writeSurveyFolder(specs: SurveySpec[], folder = tempDir('canvass-surveys-')): string {
  for (const { slug, definition, distribution, analysis, report } of specs) {
    const write = (suffix: string, json: unknown) =>
      json && fs.writeFileSync(path.join(folder, `${slug}${suffix}.json`), JSON.stringify(json, null, 2));
    write('', definition);
    write('.distribution', distribution);
    write('.analysis', analysis);
    write('.report', report);
  }
  return folder;
}
