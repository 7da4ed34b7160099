import { z } from 'zod';
import type { ResponseSpec, RouteRegistry, RouteSpec } from './http/typed-route';

type JsonSchema = { properties?: Record<string, object>; required?: string[] };

/**
 * JSON Schema of a zod schema. Inputs as a client sends them; answers are not parsed on the way out (so their bytes
 * are the handler's), hence described by what the handler must give, the schema's input too.
 */
const schema = (zodSchema: z.ZodType) => z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' });

/** Path or query parameters of an object schema, each with its JSON Schema. */
function parameters(zodSchema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!zodSchema) return [];
  const json = schema(zodSchema) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required?.includes(name) ?? false),
    schema: property,
  }));
}

/** What every error answer carries. */
const errorBody = z.object({
  error: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function response(declared: ResponseSpec) {
  if ('json' in declared) {
    return { description: declared.description, content: { 'application/json': { schema: schema(declared.json) } } };
  }
  return {
    description: declared.description,
    content: Object.fromEntries(
      declared.file.map((type) => [
        type,
        { schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' } },
      ]),
    ),
  };
}

/** The errors a route gives by its kind: 400 when it takes input, 401 and 403 behind a role, 404 for a survey. */
function errorsOf(route: RouteSpec) {
  const errors: Record<number, string> = {};
  if (route.params || route.query || route.body)
    errors[400] = 'The input is not valid: `{ error, details: [{ field, message }] }`';
  if (route.access !== 'public') {
    errors[401] = 'No valid session or API token';
    errors[403] = 'The account lacks the role or access to the survey';
  }
  if (route.params) errors[404] = 'No such survey or question';
  return { ...errors, ...route.errors };
}

function operation(route: RouteSpec) {
  const parameterList = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.access === 'public' ? {} : { security: [{ bearer: [] }, { session: [] }] }),
    ...(parameterList.length > 0 ? { parameters: parameterList } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.body) } } } }
      : {}),
    responses: {
      ...Object.fromEntries(Object.entries(route.responses).map(([status, declared]) => [status, response(declared)])),
      ...Object.fromEntries(
        Object.entries(errorsOf(route)).map(([status, description]) => [status, errorResponse(description)]),
      ),
    },
  };
}

/** OpenAPI's path for an Express one: `/api/surveys/:slug` is `/api/surveys/{slug}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * The OpenAPI 3.1 description of the API at /api/openapi.json, written from the routes as they are registered
 * (server/http/typed-route.ts): the request schemas are those the server checks with and the answer schemas those
 * the compiler checks the handlers against, so the description cannot drift from the server.
 */
export function openApiDocument(registry: RouteRegistry) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const route of registry.routes.filter((one) => one.path.startsWith('/api/'))) {
    paths[openApiPath(route.path)] = { ...paths[openApiPath(route.path)], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Canvass API',
      version: '1',
      description:
        "Scripts authenticate with a personal token (`canvass tokens add <email>`) sent as `Authorization: Bearer <token>`; it acts with its user's role and survey restrictions and needs no CSRF token. Signed-in staff pages use the session cookie instead.",
    },
    components: {
      schemas: { Error: schema(errorBody) },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token' },
        session: { type: 'apiKey', in: 'cookie', name: 'canvass.sid' },
      },
    },
    paths,
  };
}
