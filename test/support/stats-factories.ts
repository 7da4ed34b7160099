import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { cqlAnswers, nextId, pqlAnswers } from './factories';
import type { Answers, SurveySpec } from './survey-factories';
import { buildTestApp, type TestApp } from './test-app';

/**
 * An app holding `survey` (the small CQL/PQL-like one) with the statistics tests' common answers, 10 CQLs in
 * Lothian and 14 PQLs in Glasgow, all complete, then `more`: each a response of its own, complete unless said.
 */
export async function statsTestApp(
  survey: SurveySpec,
  more: Array<{ data: Answers; complete?: boolean }> = [],
): Promise<TestApp> {
  const t = await buildTestApp({ surveys: [survey] });
  const responses = new ResponseService(t.store.responses, new SurveyService(t.store.surveys));
  const rows: Array<{ data: Answers; complete?: boolean }> = [
    ...Array.from({ length: 10 }, () => ({ data: cqlAnswers() })),
    ...Array.from({ length: 14 }, () => ({ data: pqlAnswers() })),
    ...more,
  ];
  for (const { data, complete = true } of rows)
    await responses.submit(survey.slug, { id: nextId(), data: data as Submission['data'], complete });
  return t;
}

/** The statistics page's "Responses" section up to its table: what it says of the selection's counts. */
export function responsesSection(html: string): string {
  const start = html.indexOf('<h2>Responses</h2>');
  return html.slice(start, html.indexOf('<table', start));
}
