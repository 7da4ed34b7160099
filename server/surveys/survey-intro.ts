import { Model } from 'survey-core';
import type { SurveyRecord } from './survey-record';

export interface SurveyIntro {
  description: string;
  pageTitle: string;
  /** Titles of the first page's questions that everyone sees, for the outline painted before SurveyJS runs. */
  questions: string[];
}

const remembered = new Map<string, SurveyIntro>();

/** What the survey page shows before its script has run: the description and the first page's outline. */
export function surveyIntro(record: SurveyRecord): SurveyIntro {
  const key = `${record.slug}\u0000${record.version}`;
  let intro = remembered.get(key);
  if (!intro) {
    const model = new Model(record.definition);
    const first = model.pages[0];
    const hidden = record.distribution?.question;
    intro = {
      description: model.description ?? '',
      pageTitle: first?.title ?? '',
      questions: (first?.questions ?? []).filter((question) => !question.visibleIf && question.visible && question.getValueName() !== hidden).map((question) => question.title),
    };
    if (remembered.size > 100) remembered.clear();
    remembered.set(key, intro);
  }
  return intro;
}
