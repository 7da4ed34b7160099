import fixture from '../fixtures/resources-answers.json';
import type { CodingState } from '../../server/coding/coding-state';
import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import type { Store } from '../../server/store/repository';
import { SurveyService } from '../../server/surveys/survey-service';
import { addSurvey, cqlAnswers, pqlAnswers } from './factories';
import { cqlPqlSurvey } from './survey-factories';
import { createServices } from '../../server/services';

export const FREE_TEXT = 'resources_not_in_place';

/** The development answers (test/fixtures/resources-answers.json): 66 survey-style answers to FREE_TEXT. */
export const developmentAnswers: Array<{ id: string; text: string }> = fixture.answers;

let surveys = 0;
/** The machine's proposal for each set of answers, computed once per test file: the pipeline takes seconds. */
const proposals = new Map<Array<{ id: string; text: string }>, CodingState>();

/**
 * A survey of its own (a new slug on each call) holding the given answers to FREE_TEXT, with the machine's
 * proposed coding unless `code` is false: each test that changes a coding arranges one no other test touches. The
 * pipeline runs on the first call for a set of answers; later calls store a copy of its proposal.
 */
export async function codedSurvey(
  store: Store,
  { answers = developmentAnswers, code = true }: { answers?: Array<{ id: string; text: string }>; code?: boolean } = {},
): Promise<string> {
  const slug = `coded-${(surveys += 1)}`;
  await addSurvey(store, cqlPqlSurvey({ slug }));
  const surveyService = new SurveyService(store.surveys);
  const responses = new ResponseService(store.responses, surveyService);
  for (const [i, answer] of answers.entries()) {
    // Every third answer is a CQL's in Lothian, the others PQLs' in Glasgow, so that views by role have both.
    const data = (i % 3 === 0 ? cqlAnswers : pqlAnswers)({ [FREE_TEXT]: answer.text });
    await responses.submit(slug, {
      id: answer.id,
      data: data as Submission['data'],
      complete: true,
    });
  }
  if (!code) return slug;
  const proposal = proposals.get(answers);
  if (proposal) {
    await store.codings.save({ ...structuredClone(proposal), surveySlug: slug }, 0, {
      operation: `code: ${answers.length} answers (the proposal computed for an earlier survey of the same answers)`,
      doneBy: 'test',
      doneAt: new Date().toISOString(),
    });
  } else {
    proposals.set(answers, await createServices(store).coding.code(slug, FREE_TEXT, { by: 'test' }));
  }
  return slug;
}
