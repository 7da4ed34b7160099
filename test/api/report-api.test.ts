import request from 'supertest';
import { binaryBody } from '../support/downloads';
import { ApiTokenService } from '../../server/users/api-token-service';
import { createUser, cqlPqlSurvey, sampleAnswers, storeResponses } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';

const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;

jest.setTimeout(90_000);

describe('the report through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ surveys: [survey] });
    await storeResponses(t.store, CQL_PQL, sampleAnswers());
  });
  afterAll(() => t.close());

  const tokenFor = async (role: 'viewer' | 'researcher' | 'admin', surveys?: string[]) => {
    const email = await createUser(t.store, role, undefined, surveys);
    return `Bearer ${(await new ApiTokenService(t.store).create({ email })).token}`;
  };
  const url = `/api/surveys/${CQL_PQL}/report`;

  test.each([
    { format: undefined, type: 'text/html', start: '<!doctype html>', attachment: undefined },
    { format: 'html', type: 'text/html', start: '<!doctype html>', attachment: undefined },
    { format: 'pdf', type: 'application/pdf', start: '%PDF-', attachment: `${CQL_PQL}-report-DRAFT.pdf` },
    { format: 'docx', type: 'wordprocessingml', start: 'PK', attachment: `${CQL_PQL}-report-DRAFT.docx` },
  ])(
    "when a script with a viewer's token asks for format=$format, then it gets the published report in that format",
    async ({ format, type, start, attachment }) => {
      const res = await request(t.app)
        .get(url)
        .query(format ? { format } : {})
        .set('Authorization', await tokenFor('viewer'))
        .buffer(true)
        .parse(binaryBody);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(type);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['set-cookie']).toBeUndefined();
      const body = res.body as Buffer;
      expect(body.subarray(0, start.length).toString()).toBe(start);
      if (attachment) expect(res.headers['content-disposition']).toContain(attachment);
      // 3 of the 12 CQLs (sampleAnswers).
      else expect(body.toString()).toContain('Only 25.0% of CQLs have had an uplift in payment.');
    },
  );

  test.each([
    { case: 'no token is sent', auth: async () => undefined, query: {}, status: 401 },
    { case: 'the token is not valid', auth: async () => 'Bearer canvass_not-a-token', query: {}, status: 401 },
    {
      case: "the token's user may see only another survey",
      auth: () => tokenFor('viewer', ['another-survey']),
      query: {},
      status: 403,
    },
    {
      case: 'the format is not one the report comes in',
      auth: () => tokenFor('viewer'),
      query: { format: 'txt' },
      status: 400,
    },
  ])('when $case, then $status and no report', async ({ auth, query, status }) => {
    const header = await auth();
    const req = request(t.app).get(url).query(query);
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/json');
    if (status === 400) expect(res.body.details).toEqual([expect.objectContaining({ field: 'format' })]);
  });

  test('when the OpenAPI description is read, then it documents the report with its formats', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    const operation = doc.paths['/api/surveys/{slug}/report'].get;
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'format',
          in: 'query',
          schema: expect.objectContaining({ enum: ['html', 'pdf', 'docx'] }),
        }),
      ]),
    );
    expect(Object.keys(operation.responses['200'].content)).toEqual([
      'text/html',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
  });
});
