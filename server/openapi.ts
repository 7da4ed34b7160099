import { z } from 'zod';
import { operationBodySchema } from './coding/coding-routes';
import { submissionSchema } from './responses/response-schema';
import { reportQuerySchema } from './reports/report-routes';
import { compareQuerySchema } from './stats/compare-routes';
import { statsQuerySchema } from './stats/stats-schema';

/** JSON Schema of an input as a client sends it, from the zod schema the server checks it with. */
const schema = (zodSchema: z.ZodType) => z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' });

/** Query parameters of an object schema, for OpenAPI, each with its JSON Schema. */
function queryParameters(zodSchema: z.ZodType) {
  const json = schema(zodSchema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const question = { name: 'question', in: 'path', required: true, schema: { type: 'string' } };
const errors = {
  '400': { description: 'The input is not valid: `{ error, details: [{ field, message }] }`' },
  '401': { description: 'No valid session or API token' },
  '403': { description: 'The account lacks the role or access to the survey' },
  '404': { description: 'No such survey or question' },
};
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const secured = [{ bearer: [] }, { session: [] }];

/**
 * The OpenAPI 3.1 description of the API at /api/openapi.json. Request schemas come from the same zod schemas
 * the routes validate with, so the description cannot drift from what the server accepts.
 */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Canvass API',
      version: '1',
      description:
        "Scripts authenticate with a personal token (`canvass tokens add <email>`) sent as `Authorization: Bearer <token>`; it acts with its user's role and survey restrictions and needs no CSRF token. Signed-in staff pages use the session cookie instead.",
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token' },
        session: { type: 'apiKey', in: 'cookie', name: 'canvass.sid' },
      },
    },
    paths: {
      '/api/surveys': {
        get: {
          summary: 'Surveys this account may see, with their status',
          security: secured,
          responses: { '200': json('A list of surveys'), ...errors },
        },
      },
      '/api/surveys/{slug}/responses': {
        post: {
          summary: 'Submit or update a response (the public survey page uses this; no account needed)',
          parameters: [slug],
          requestBody: { required: true, content: { 'application/json': { schema: schema(submissionSchema) } } },
          responses: {
            '201': json('Created'),
            '200': json('Updated or already stored'),
            '409': { description: 'A completed response cannot be changed' },
            '410': { description: 'The survey has closed' },
            '429': {
              description:
                'Too many new responses from this client address just now (see Retry-After); the answers are kept and can be sent again',
            },
            ...errors,
          },
        },
      },
      '/api/surveys/{slug}/stats': {
        get: {
          summary: 'Descriptive statistics of every question (the same JSON as `canvass stats --json`)',
          security: secured,
          parameters: [slug, ...queryParameters(statsQuerySchema)],
          responses: { '200': json('Statistics'), ...errors },
        },
      },
      '/api/surveys/{slug}/report': {
        get: {
          summary:
            'The report as published (groups below the minimum base withheld), as HTML, PDF or Word; a draft until an admin marks it final (viewers and above)',
          security: secured,
          parameters: [slug, ...queryParameters(reportQuerySchema)],
          responses: {
            '200': {
              description:
                'The report; PDF and Word come as an attachment named <slug>-report.pdf (…-report-DRAFT.pdf while a draft)',
              content: {
                'text/html': { schema: { type: 'string' } },
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            },
            '503': { description: 'PDF only: Chromium is not installed or the print took too long' },
            ...errors,
          },
        },
      },
      '/api/surveys/{slug}/distribution': {
        get: {
          summary: 'Responses and response rates by area',
          security: secured,
          parameters: [slug],
          responses: { '200': json('Distribution'), ...errors },
        },
      },
      '/api/compare': {
        get: {
          summary: 'Two waves of a survey compared question by question',
          security: secured,
          parameters: queryParameters(compareQuerySchema),
          responses: { '200': json('Comparison'), ...errors },
        },
      },
      '/api/surveys/{slug}/coding/{question}': {
        get: {
          summary:
            "The coding of a free-text question, with its version and history (researchers); segments' start and end count UTF-16 code units of the answer",
          security: secured,
          parameters: [slug, question],
          responses: { '200': json('Coding'), ...errors },
        },
      },
      '/api/surveys/{slug}/coding/{question}/operations': {
        post: {
          summary: 'Apply one review operation to the coding, at the version read (researchers)',
          description:
            'Offsets: `code-span` counts `start` and `end` in Unicode code points by default, with every line break (CR LF, CR or LF) counted as one, the same positions as the REFI-QDA export; `"unit": "utf-16"` counts UTF-16 code units of the stored answer instead (JavaScript string indices, the unit of the `start` and `end` of segments in GET /api/surveys/{slug}/coding/{question}). Code labels are unique within a theme: `create-code`, `rename-code` and `split-code` with a taken label get a 400; a `code-span` whose new `label` a code already has is coded with that code, and the response says so.',
          security: secured,
          parameters: [slug, question],
          requestBody: { required: true, content: { 'application/json': { schema: schema(operationBodySchema) } } },
          responses: {
            '200': json(
              'The new version; after a code-span whose label a code already had, also `joined: true`, that `code` and a `message`',
            ),
            '409': { description: 'Someone changed the coding since that version' },
            ...errors,
          },
        },
      },
      '/api/surveys/{slug}/coding/{question}/undo': {
        post: {
          summary: 'Undo the latest change (researchers)',
          security: secured,
          parameters: [slug, question],
          responses: { '200': json('Undone'), ...errors },
        },
      },
      '/api/surveys/{slug}/coding/{question}/agreement': {
        get: {
          summary:
            'Agreement between the researchers who coded the question (overall, per code, disagreements); after an admin reveals independent coding',
          security: secured,
          parameters: [
            slug,
            question,
            {
              name: 'coders',
              in: 'query',
              required: false,
              schema: { type: 'string', description: 'comma-separated e-mails' },
            },
          ],
          responses: { '200': json('Agreement'), ...errors },
        },
      },
      '/api/surveys/{slug}/coding/{question}/suggest': {
        post: {
          summary: 'Suggest codes for uncoded answers from those coded (researchers)',
          security: secured,
          parameters: [slug, question],
          responses: { '200': json('How many were suggested'), ...errors },
        },
      },
    },
  };
}
