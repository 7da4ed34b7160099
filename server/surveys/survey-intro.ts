import { Model } from 'survey-core';
import { firstPageForm, type FirstPageForm } from './first-page';
import type { SurveyRecord } from './survey-record';

export interface SurveyIntro {
  description: string;
  pageTitle: string;
  /** Titles of the first page's questions that everyone sees, for the outline painted before SurveyJS runs. */
  questions: string[];
  /** The first page as a form that works before SurveyJS has loaded, when plain HTML can show it (first-page.ts). */
  form: FirstPageForm | null;
}

const remembered = new Map<string, SurveyIntro>();

/**
 * What the survey page shows before SurveyJS has run: the description and the first page, as a form or as an
 * outline. `prefill` is the answer the link carries (the LMC), whose question the respondent is not asked.
 */
export function surveyIntro(record: SurveyRecord, prefill: { question: string; value: string } | null): SurveyIntro {
  const key = `${record.slug}\u0000${record.version}\u0000${prefill ? `${prefill.question}\u0000${prefill.value}` : ''}`;
  let intro = remembered.get(key);
  if (!intro) {
    const model = new Model(record.definition);
    if (prefill) model.setValue(prefill.question, prefill.value);
    const first = model.pages[0];
    const hidden = record.distribution?.question;
    intro = {
      description: model.description ?? '',
      pageTitle: first?.title ?? '',
      questions: (first?.questions ?? []).filter((question) => !question.visibleIf && question.visible && question.getValueName() !== hidden).map((question) => question.title),
      form: firstPageForm(record.definition, model, prefill?.question),
    };
    if (remembered.size > 100) remembered.clear();
    remembered.set(key, intro);
  }
  return intro;
}
