import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import type { Express } from 'express';
import type { Role } from '../../server/kernel/roles';
import type { Store } from '../../server/store/repository';
import { UserService } from '../../server/users/user-service';
import { writeSurveyFolder, type Answers, type SurveySpec } from './survey-factories';

export * from './survey-factories';

let counter = 0;
export const nextId = (prefix = 'r') => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

/** Overrides may set a key to undefined to leave that question unanswered, as JSON would. */
const answered = (answers: Answers): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));

export function pqlAnswers(overrides: Answers = {}): Answers {
  return answered({
    lmc: 'glasgow',
    role: 'pql',
    hours_per_week: 2,
    more_time_if_resourced: 'yes',
    interest_practice_qi: 'yes',
    plt_barrier: 'yes',
    guidance_used: 'not_aware',
    ...overrides,
  });
}

export function cqlAnswers(overrides: Answers = {}): Answers {
  return answered({
    lmc: 'lothian',
    role: 'cql',
    hours_per_week: 4.5,
    cql_funding_matches_time: 'no',
    cql_payment_uplift: 'no',
    cql_network_aware: 'yes',
    cql_network_member: 'yes',
    cql_leadership_training: 'no',
    time_funding_comments: 'Backfill locum costs have risen but payment has not.',
    ...overrides,
  });
}

export function submission(data: Answers = pqlAnswers(), overrides: { id?: string; complete?: boolean } = {}) {
  return { id: overrides.id ?? nextId(), data, complete: overrides.complete ?? true };
}

/** Adds a survey built in the test through the same checks as `canvass add-survey`. */
export async function addSurvey(store: Store, spec: SurveySpec, now?: () => Date): Promise<string> {
  const folder = writeSurveyFolder([spec]);
  await new SurveyService(store.surveys, now).addFromFile({
    file: path.join(folder, `${spec.slug}.json`),
    slug: spec.slug,
  });
  return spec.slug;
}

export const PASSWORD = 'correct horse battery staple';

export async function createUser(
  store: Store,
  role: Role,
  email = `${role}-${nextId('u')}@example.org`,
  surveys?: string[],
): Promise<string> {
  await new UserService(store).add({ email, role, password: PASSWORD, surveys });
  return email;
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
}

/** A supertest agent signed in through the real login form. */
export async function signedInAgent(app: Express, store: Store, role: Role, surveys?: string[]) {
  const email = await createUser(store, role, undefined, surveys);
  const agent = request.agent(app);
  const loginPage = await agent.get('/login');
  const response = await agent
    .post('/login')
    .type('form')
    .send({ email, password: PASSWORD, _csrf: csrfTokenIn(loginPage.text) });
  if (response.status !== 303) throw new Error(`login failed with ${response.status}`);
  return { agent, email };
}

export async function countResponses(store: Store, slug: string): Promise<number> {
  let count = 0;
  for await (const _ of store.responses.stream(slug, { includePartial: true })) count += 1;
  return count;
}

/** Stores answers through the same checks as the API (ids r-1, r-2, ...), as complete responses. */
export async function storeResponses(store: Store, slug: string, rows: Answers[], now?: () => Date): Promise<void> {
  const surveys = new SurveyService(store.surveys, now);
  const responses = new ResponseService(store.responses, surveys, now);
  for (const [i, data] of rows.entries())
    await responses.submit(slug, { id: `r-${i + 1}`, data: data as Submission['data'], complete: true });
}

/**
 * 30 answers to the CQL/PQL-like survey, enough for every group to reach the minimum base of 10: 12 CQLs (3 of
 * them with an uplift: 25.0%), 18 PQLs (hours 1, 2 and 3 in turn: a mean of 2.0), each with a sentence about
 * resources.
 */
export function sampleAnswers(): Answers[] {
  const cqls = Array.from({ length: 12 }, (_, i) =>
    cqlAnswers({
      cql_payment_uplift: i < 3 ? 'yes' : 'no',
      more_time_if_resourced: i % 2 ? 'yes' : 'no',
      resources_not_in_place: `Admin support for the cluster would help (CQL ${i + 1}).`,
    }),
  );
  const pqls = Array.from({ length: 18 }, (_, i) =>
    pqlAnswers({
      hours_per_week: (i % 3) + 1,
      more_time_if_resourced: i % 3 ? 'yes' : 'no',
      resources_not_in_place: `Protected time for quality work is what we lack (PQL ${i + 1}).`,
    }),
  );
  return [...cqls, ...pqls];
}

/**
 * The 159 responses that reproduce the joint review, stored through the same checks as the API. Only for tests of
 * the shipped survey's contract: the published figures come from these answers to that survey.
 */
export async function storeJointReviewResponses(store: Store): Promise<void> {
  const rows = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
  ) as Array<Record<string, unknown>>;
  const surveys = new SurveyService(store.surveys, () => new Date('2024-05-20T10:00:00Z'));
  const responses = new ResponseService(store.responses, surveys, () => new Date('2024-05-20T10:00:00Z'));
  for (const { id, ...data } of rows) {
    await responses.submit('gp-quality-clusters-2024', {
      id: id as string,
      data: data as Submission['data'],
      complete: true,
    });
  }
}
