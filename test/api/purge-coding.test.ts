import fs from 'node:fs';
import { codingStateFrom } from '../../server/coding/coding-record';
import path from 'node:path';
import request from 'supertest';
import type { CodingState } from '../../server/coding/coding-state';
import { createServices } from '../../server/services';
import { SurveyService } from '../../server/surveys/survey-service';
import { nextId, submission } from '../support/factories';
import { storeTargets } from '../support/stores';
import { tempDir } from '../support/temp-files';
import { buildTestApp, SURVEYS_DIR, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;
const QUESTION = 'resources_not_in_place';

/** The CQL/PQL survey under a new slug that keeps two unfinished responses, for a week. */
async function smallSurvey(t: TestApp): Promise<string> {
  const slug = nextId('purged').toLowerCase();
  const dir = tempDir();
  const file = path.join(dir, `${slug}.json`);
  fs.copyFileSync(path.join(SURVEYS_DIR, 'gp-quality-clusters-2024.json'), file);
  const distribution = JSON.parse(
    fs.readFileSync(path.join(SURVEYS_DIR, 'gp-quality-clusters-2024.distribution.json'), 'utf8'),
  );
  const partials = { total: 2, keepDays: 7 };
  fs.writeFileSync(path.join(dir, `${slug}.distribution.json`), JSON.stringify({ ...distribution, partials }));
  await new SurveyService(t.store.surveys).addFromFile({ file, slug });
  return slug;
}

/** A coding that holds an answer of each response (as one read back from a QDA project may, unfinished ones too). */
const codingOf = (slug: string, ids: string[]): CodingState => ({
  surveySlug: slug,
  question: QUESTION,
  segments: ids.map((id, i) => ({ id: `s${i + 1}`, responseId: id, text: `Answer of ${id}`, start: 0, end: 10 })),
  codes: [],
  themes: [],
  applications: [],
  memos: [],
});

describe.each(storeTargets)('on $name', (target) => {
  let t: TestApp;
  let clock = new Date('2024-05-01T09:00:00Z');
  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), now: () => clock });
  });
  afterAll(() => t.close());

  const post = (slug: string, body: object) => request(t.app).post(`/api/surveys/${slug}/responses`).send(body);
  const codedResponses = async (slug: string) =>
    codingStateFrom((await t.store.codings.get(slug, QUESTION))!.state).segments.map((segment) => segment.responseId);

  test.each([
    {
      name: 'a new unfinished response takes the place of the one saved longest ago',
      remove: async (slug: string) => {
        expect((await post(slug, submission({ lmc: 'fife' }, { complete: false }))).status).toBe(201);
      },
    },
    {
      name: 'the sweep removes unfinished responses kept past their survey’s period',
      remove: async () => {
        const sweep = createServices(t.store).purge;
        // Other surveys' stale ones go too: what matters here is which of this survey's went.
        await sweep.removeStalePartials(new Date(clock.getTime() + 7 * DAY - 1500));
      },
    },
  ])('when $name, then its answer leaves the coding too and the others stay', async ({ remove }) => {
    const slug = await smallSurvey(t);
    const [oldest, newer] = [1, 2].map(() => submission({ lmc: 'fife' }, { complete: false }));
    for (const body of [oldest!, newer!]) {
      expect((await post(slug, body)).status).toBe(201);
      clock = new Date(clock.getTime() + 1000);
    }
    const saved = await t.store.codings.save(codingOf(slug, [oldest!.id, newer!.id]), 0, {
      operation: 'import',
      doneBy: 'test',
      doneAt: clock.toISOString(),
    });
    expect(saved).toBe(true);

    await remove(slug);

    expect(await t.store.responses.get(slug, oldest!.id)).toBeNull();
    expect(await codedResponses(slug)).toEqual([newer!.id]);
  });
});
