import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Submission } from '../../server/responses/response-schema';
import { ResponseService } from '../../server/responses/response-service';
import { SurveyService } from '../../server/surveys/survey-service';
import { exportResponses } from '../../server/responses/response-export';
import { binaryBody } from '../support/downloads';
import { addSurvey, cqlPqlSurvey, pqlAnswers, signedInAgent } from '../support/factories';
import { tempDir } from '../support/temp-files';
import { buildTestApp, type TestApp } from '../support/test-app';

/*
 * Staff without access to the server download every response from the survey's page, as `canvass export` writes
 * them: researchers and admins, since the answers are not published figures.
 */
let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await buildTestApp({ surveys: [] });
  slug = await addSurvey(t.store, cqlPqlSurvey({ slug: 'downloads' }));
  const responses = new ResponseService(t.store.responses, new SurveyService(t.store.surveys));
  await responses.submit(slug, {
    id: 'done-1',
    data: pqlAnswers({ resources_not_in_place: '=HYPERLINK("x") and admin support' }) as Submission['data'],
    complete: true,
  });
  await responses.submit(slug, { id: 'done-2', data: pqlAnswers() as Submission['data'], complete: true });
  await responses.submit(slug, { id: 'half-1', data: { lmc: 'fife' } as Submission['data'], complete: false });
});
afterAll(() => t.close());

describe('downloading the responses', () => {
  test('when a researcher downloads them as CSV, then every response is a row, formulas neutralised, named for the survey', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const res = await agent.get(`/staff/surveys/${slug}/responses.csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename=downloads-responses.csv');
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.id, row.complete]).sort()).toEqual([
      ['done-1', 'true'],
      ['done-2', 'true'],
      ['half-1', 'false'],
    ]);
    expect(rows.find((row) => row.id === 'done-1')!.resources_not_in_place).toBe(`'=HYPERLINK("x") and admin support`);
  });

  test('when an admin downloads them as Excel, then the workbook has every response and a codebook sheet', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'admin');
    const res = await agent.get(`/staff/surveys/${slug}/responses.xlsx`).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=downloads-responses.xlsx');
    const file = path.join(tempDir(), 'responses.xlsx');
    fs.writeFileSync(file, res.body as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('responses')!.rowCount).toBe(1 + 3);
    const codebook = workbook.getWorksheet('codebook')!;
    const questions = new Set<string>();
    codebook.eachRow((row, n) => n > 1 && questions.add(String(row.getCell(1).value)));
    expect(questions).toContain('resources_not_in_place');
  });

  test('when a researcher downloads them as JSON, then it is the array `canvass export` writes', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const res = await agent.get(`/staff/surveys/${slug}/responses.json`).expect(200);
    expect((JSON.parse(res.text) as Array<{ id: string }>).map((row) => row.id).sort()).toEqual([
      'done-1',
      'done-2',
      'half-1',
    ]);
  });

  test.each([
    ['a viewer asks', 'viewer', `/responses.csv`, 403],
    ['another format is asked for', 'researcher', `/responses.sav`, 404],
  ])('when %s, then it is refused and nothing is downloaded', async (_, role, path, status) => {
    const { agent } = await signedInAgent(t.app, t.store, role as 'viewer' | 'researcher');
    const res = await agent.get(`/staff/surveys/${slug}${path}`).expect(status);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  test('when the survey does not exist, then it is a page saying so, not a file', async () => {
    const { agent } = await signedInAgent(t.app, t.store, 'admin');
    const res = await agent.get('/staff/surveys/no-such-survey/responses.csv').expect(404);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  test('when signed out, then the download asks to sign in first', async () => {
    const res = await (await import('supertest')).default(t.app).get(`/staff/surveys/${slug}/responses.csv`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/staff/surveys/${slug}/responses.csv`)}`);
  });

  test.each([['csv'], ['json']] as Array<['csv' | 'json']>)(
    'when the reader goes away in the middle of a %s download, then the export stops instead of waiting for good',
    async (format) => {
      const surveys = new SurveyService(t.store.surveys);
      const responses = new ResponseService(t.store.responses, surveys);
      const many = await addSurvey(t.store, cqlPqlSurvey({ slug: `downloads-${format}` }));
      for (let i = 0; i < 40; i += 1)
        await responses.submit(many, {
          id: `long-${i}`,
          data: pqlAnswers({ resources_not_in_place: 'More admin time. '.repeat(200) }) as Submission['data'],
          complete: true,
        });
      // A reader that takes the first bytes, never asks for more, then hangs up.
      const reader = new Writable({ highWaterMark: 1024, write: () => setImmediate(() => reader.destroy()) });
      const written = await exportResponses(responses, surveys, many, format, reader);
      expect(written).toBeLessThan(40);
    },
  );

  test.each([
    ['researcher', true],
    ['viewer', false],
  ])('when a %s opens the survey page, then the downloads are offered: %s', async (role, offered) => {
    const { agent } = await signedInAgent(t.app, t.store, role as 'viewer' | 'researcher');
    const page = (await agent.get(`/staff/surveys/${slug}`).expect(200)).text;
    expect(page.includes(`/staff/surveys/${slug}/responses.xlsx`)).toBe(offered);
  });
});
