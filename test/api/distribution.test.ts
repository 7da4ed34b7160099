import request from 'supertest';
import path from 'node:path';
import { SurveyService } from '../../server/surveys/survey-service';
import { buildTestApp, type TestApp } from '../support/test-app';
import {
  addSurvey,
  cqlAnswers,
  cqlPqlSurvey,
  csrfTokenIn,
  pqlAnswers,
  signedInAgent,
  submission,
  writeSurveyFolder,
} from '../support/factories';
import { storeTargets } from '../support/stores';

// Areas of the factory survey: Glasgow 20 practices, Lothian 10, Fife 5, Ayrshire & Arran 15 (50 in all).
const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;
let surveys = 0;
/** A survey of its own for a test that changes it (practice numbers, schedule). */
const ownSurvey = async (t: TestApp) => addSurvey(t.store, cqlPqlSurvey({ slug: `own-${(surveys += 1)}` }));

describe.each(storeTargets)('on $name', (target) => {
  const submit = (t: TestApp, body: object, slug = CQL_PQL) =>
    request(t.app).post(`/api/surveys/${slug}/responses`).send(body);

  describe('distribution by LMC', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({
        store: target.fresh(),
        surveys: [survey],
        config: { publicUrl: 'https://surveys.example.org' },
      });
      for (let i = 0; i < 3; i += 1) await submit(t, submission(pqlAnswers({ lmc: 'glasgow' })));
      await submit(t, submission(cqlAnswers({ lmc: 'lothian' })));
      await submit(t, submission({ lmc: 'glasgow' }, { complete: false }));
      await submit(t, submission({ role: 'pql' }, { complete: false }));
    });
    afterAll(() => t.close());

    test('when staff ask for the distribution, then every LMC has its link, practices, counts and rate', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const response = await agent.get(`/api/surveys/${CQL_PQL}/distribution`);
      expect(response.status).toBe(200);
      const report = response.body;
      expect(report.areas).toHaveLength(4);
      const glasgow = report.areas.find((a: { code: string }) => a.code === 'glasgow');
      // 3 complete responses from 20 practices: 15 for every 100.
      expect(glasgow).toMatchObject({
        name: 'Glasgow',
        practices: 20,
        complete: 3,
        partial: 1,
        rate: 15,
        link: `https://surveys.example.org/s/${CQL_PQL}?lmc=glasgow`,
      });
      // The message goes to every practice in the area: 3 is under the minimum base, so it gives no count.
      expect(glasgow.reminder.subject).toBe(`Reminder: ${report.title}`);
      expect(glasgow.reminder.body).toContain(glasgow.link);
      expect(glasgow.reminder.body).toContain('So far fewer than 10 responses have come from Glasgow.');
      expect(glasgow.reminder.body).not.toContain('3 responses');
      expect(report.areas.find((a: { code: string }) => a.code === 'lothian')).toMatchObject({
        complete: 1,
        partial: 0,
        rate: 10,
      });
      expect(report.areas.find((a: { code: string }) => a.code === 'fife')).toMatchObject({
        complete: 0,
        partial: 0,
        rate: 0,
      });
      expect(report.total).toEqual({ practices: 50, complete: 4, partial: 2, rate: 8 });
      expect(report.unassigned).toEqual({ complete: 0, partial: 1 });
    });

    test('when staff open the distribution page, then it lists each LMC with its link and the national total', async () => {
      const { agent } = await signedInAgent(t.app, t.store, 'viewer');
      const page = await agent.get(`/staff/surveys/${CQL_PQL}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Ayrshire &amp; Arran');
      const decoded = page.text.replace(/&#x3D;/g, '=');
      // A link may break after "?", "=" or "/", never inside an area's name ("…?lmc=a / yrshire-arran").
      expect(decoded).toContain(`s/<wbr>${CQL_PQL}?<wbr>lmc=<wbr>ayrshire-arran<wbr></code>`);
      expect(decoded.replace(/<wbr>/g, '')).toContain(`https://surveys.example.org/s/${CQL_PQL}?lmc=fife`);
      expect(page.text).toMatch(/Scotland \(all LMCs\)<\/th><td class="num"[^>]*>50<\/td><td class="num"[^>]*>4<\/td>/);
      expect(page.text).toContain('Message for practices in Fife');
      expect(page.text).not.toContain('Close the survey now');
    });

    test('when an admin changes practice numbers, then rates use them', async () => {
      const slug = await ownSurvey(t);
      await submit(t, submission(pqlAnswers({ lmc: 'fife' })), slug);
      const { agent } = await signedInAgent(t.app, t.store, 'admin');
      const page = await agent.get(`/staff/surveys/${slug}`);
      const save = await agent
        .post(`/staff/surveys/${slug}/practices`)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text), practices_fife: '20' });
      expect(save.status).toBe(303);
      const report = (await agent.get(`/api/surveys/${slug}/distribution`)).body;
      expect(report.areas.find((a: { code: string }) => a.code === 'fife')).toMatchObject({ practices: 20, rate: 5 });
      const bad = await agent
        .post(`/staff/surveys/${slug}/practices`)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text), practices_fife: '-3' });
      expect(bad.status).toBe(400);
      const unknown = await agent
        .post(`/staff/surveys/${slug}/practices`)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text), practices_atlantis: '3' });
      expect(unknown.status).toBe(400);
      // 50 practices, with Fife's 5 now 20.
      expect((await agent.get(`/api/surveys/${slug}/distribution`)).body.total.practices).toBe(65);
    });

    test('when the survey files are added again after a correction, then the corrected number stays and says who set it', async () => {
      const slug = await ownSurvey(t);
      const { agent, email } = await signedInAgent(t.app, t.store, 'admin');
      const page = await agent.get(`/staff/surveys/${slug}`);
      await agent
        .post(`/staff/surveys/${slug}/practices`)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text), practices_lothian: '11' });
      const folder = writeSurveyFolder([cqlPqlSurvey({ slug })]);
      await new SurveyService(t.store.surveys).addFromFile({ file: path.join(folder, `${slug}.json`) });
      const areas = (await t.store.surveys.get(slug))!.distribution!.areas;
      expect(areas.find((area) => area.code === 'lothian')).toMatchObject({ practices: 11, correctedBy: email });
      expect(areas.find((area) => area.code === 'fife')).toMatchObject({ practices: 5 });
      expect(areas.find((area) => area.code === 'fife')!.correctedBy).toBeUndefined();
    });
  });

  describe('opening and closing a survey', () => {
    let now: Date;
    let t: TestApp;
    // CQL_PQL here is a survey of each test's own, so that no test starts from another's schedule.
    let CQL_PQL: string;
    beforeAll(async () => {
      t = await buildTestApp({ store: target.fresh(), surveys: [], now: () => now });
    });
    beforeEach(async () => {
      now = new Date('2024-05-10T12:00:00Z');
      CQL_PQL = await ownSurvey(t);
    });
    afterAll(() => t.close());
    const submit = (t: TestApp, body: object) => request(t.app).post(`/api/surveys/${CQL_PQL}/responses`).send(body);

    async function schedule(fields: Record<string, string>) {
      const { agent } = await signedInAgent(t.app, t.store, 'admin');
      const page = await agent.get(`/staff/surveys/${CQL_PQL}`);
      return agent
        .post(`/staff/surveys/${CQL_PQL}/schedule`)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text), ...fields });
    }

    test('when an admin presses Close the survey now, then nothing closes until it is confirmed on its own page (no script needed)', async () => {
      const asked = await schedule({ action: 'close' });
      expect([asked.status, asked.headers.location]).toEqual([303, `/staff/surveys/${CQL_PQL}/close`]);
      expect((await request(t.app).get(`/s/${CQL_PQL}`)).status).toBe(200);
      const { agent } = await signedInAgent(t.app, t.store, 'admin');
      const confirmation = await agent.get(`/staff/surveys/${CQL_PQL}/close`);
      expect(confirmation.status).toBe(200);
      expect(confirmation.text).toContain('name="confirm" value="yes"');
      expect(confirmation.text).toContain('Yes, close the survey now');
      expect(confirmation.text).toContain(`href="/staff/surveys/${CQL_PQL}">No, keep it open`);
      const { agent: viewer } = await signedInAgent(t.app, t.store, 'viewer');
      expect((await viewer.get(`/staff/surveys/${CQL_PQL}/close`)).status).toBe(403);
    });

    test('when an admin closes the survey by hand, then the page is polite, submissions get 410 and nothing is stored', async () => {
      expect((await schedule({ action: 'close', confirm: 'yes' })).status).toBe(303);
      const page = await request(t.app).get(`/s/${CQL_PQL}`);
      expect(page.status).toBe(410);
      expect(page.text).toContain('This survey has now closed');
      const body = submission(pqlAnswers());
      const response = await submit(t, body);
      expect(response.status).toBe(410);
      expect(await t.store.responses.get(CQL_PQL, body.id)).toBeNull();
      expect((await schedule({ action: 'reopen' })).status).toBe(303);
      expect((await submit(t, submission(pqlAnswers()))).status).toBe(201);
    });

    test('when the closing date passes, then the survey closes by itself', async () => {
      expect((await schedule({ opensAt: '', closesAt: '2024-05-31', action: 'save' })).status).toBe(303);
      expect((await request(t.app).get(`/s/${CQL_PQL}`)).status).toBe(200);
      now = new Date('2024-06-01T08:00:00Z');
      expect((await request(t.app).get(`/s/${CQL_PQL}`)).status).toBe(410);
      expect((await submit(t, submission(pqlAnswers()))).status).toBe(410);
    });

    test('when the opening date is ahead, then respondents are told when it opens and cannot submit', async () => {
      expect((await schedule({ opensAt: '2024-05-20', closesAt: '2024-06-30', action: 'save' })).status).toBe(303);
      const page = await request(t.app).get(`/s/${CQL_PQL}`);
      expect(page.status).toBe(403);
      expect(page.text).toContain('not open yet');
      expect((await submit(t, submission(pqlAnswers()))).status).toBe(403);
    });

    test('when the closing date is before the opening date, then 400 and the schedule is unchanged', async () => {
      const response = await schedule({ opensAt: '2024-06-30', closesAt: '2024-06-01', action: 'save' });
      expect(response.status).toBe(400);
      expect((await t.store.surveys.get(CQL_PQL))!.opensAt).toBeNull();
      expect((await schedule({ opensAt: 'next tuesday' })).status).toBe(400);
    });
  });

  describe('a closing date', () => {
    test('when the closing date is today, then the survey stays open until the end of the day', async () => {
      let now = new Date('2024-05-31T18:00:00Z');
      const t = await buildTestApp({ store: target.fresh(), surveys: [survey], now: () => now });
      const { agent } = await signedInAgent(t.app, t.store, 'admin');
      const page = await agent.get(`/staff/surveys/${CQL_PQL}`);
      await agent
        .post(`/staff/surveys/${CQL_PQL}/schedule`)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text), closesAt: '2024-05-31' });
      expect((await request(t.app).get(`/s/${CQL_PQL}`)).status).toBe(200);
      now = new Date('2024-06-01T00:00:01Z');
      expect((await request(t.app).get(`/s/${CQL_PQL}`)).status).toBe(410);
      await t.close();
    });
  });
});
