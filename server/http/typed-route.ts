import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../kernel/roles';
import { requireRole, signedInUser } from './auth';
import type { SessionUser } from './session-user';
import { parseInput } from './validate';

/** A JSON answer: its zod schema is the type the handler must return and the schema the OpenAPI description shows. */
export interface JsonResponse<S extends z.ZodType = z.ZodType> {
  description: string;
  json: S;
}
/** A file in one of some media types (the report as HTML, PDF or Word): text/* as text, the others as binary. */
export interface FileResponse {
  description: string;
  file: readonly string[];
}
export type ResponseSpec = JsonResponse | FileResponse;
/** What a handler gives for a file answer: its media type, its content, and a file name when it is a download. */
export interface FileBody {
  type: string;
  body: string | Buffer;
  attachment?: string;
}

type Input = z.ZodType | undefined;
type Out<S extends Input> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOf<T> = T extends JsonResponse<infer S> ? z.output<S> : T extends FileResponse ? FileBody : never;

/** A route's contract: where it is, who may call it, what it takes and what it answers. */
export interface RouteSpec<
  P extends Input = Input,
  Q extends Input = Input,
  B extends Input = Input,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
  A extends Role | 'public' = Role | 'public',
> {
  method: 'get' | 'post';
  /** An Express path; its `:name` parts are the params. */
  path: string;
  summary: string;
  description?: string;
  /** The least role that may call it, or 'public' for respondents (no account). */
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  responses: R;
  /** Error statuses this route gives besides those every route of its kind gives (400, 401, 403, 404). */
  errors?: Record<number, string>;
  /** Run before the inputs are checked: content-type checks, body parsers. */
  before?: RequestHandler[];
  /** Run after the inputs are checked, before the handler: limits that read the checked body. */
  after?: RequestHandler[];
}

/** Any status but 200, or 200 with a body of its own: `return reply(201, body)`. */
export class Reply<S extends number = number, B = unknown> {
  constructor(
    readonly status: S,
    readonly body: B,
  ) {}
}
export const reply = <S extends number, B>(status: S, body: B) => new Reply(status, body);

type Replies<R> = { [K in keyof R & number]: Reply<K, BodyOf<R[K]>> }[keyof R & number];
/** A handler returns the 200 body, or a Reply for another declared status; anything else does not compile. */
export type Result<R> = Replies<R> | (R extends { 200: infer T } ? BodyOf<T> : never);

export interface RouteInput<P extends Input, Q extends Input, B extends Input, A extends Role | 'public'> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** Who calls: always there unless the route is public. */
  user: A extends 'public' ? SessionUser | undefined : SessionUser;
  req: Request;
}

type Handler<P extends Input, Q extends Input, B extends Input, R, A extends Role | 'public'> = (
  input: RouteInput<P, Q, B, A>,
) => Promise<Result<R>> | Result<R>;

const parsed = (schema: Input, value: unknown, message: string): unknown =>
  schema ? parseInput(schema, value, message) : undefined;

/**
 * The routes declared with their contract. Each is registered on a router with its checks (role, then params,
 * query and body, each issue reported as { field, message }) and kept here, so /api/openapi.json is written from
 * the same declarations the server checks requests with and the compiler checks answers against.
 */
export class RouteRegistry {
  readonly routes: RouteSpec[] = [];

  add<
    P extends Input = undefined,
    Q extends Input = undefined,
    B extends Input = undefined,
    const R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
    const A extends Role | 'public' = Role | 'public',
  >(router: Router, spec: RouteSpec<P, Q, B, R, A>, handler: NoInfer<Handler<P, Q, B, R, A>>): void {
    this.routes.push(spec);
    const inputs = new WeakMap<Request, { params: Out<P>; query: Out<Q>; body: Out<B> }>();
    const check: RequestHandler = (req, _res, next) => {
      const params = parsed(spec.params, req.params, 'The address is not valid');
      const query = parsed(spec.query, req.query, 'The query is not valid');
      const body = parsed(spec.body, req.body ?? {}, 'The request is not valid');
      const input = { params, query, body };
      if (spec.body) req.body = body;
      // Each is its schema's output, or undefined where the route declares none: what Out<> says, which the
      // compiler cannot follow through the optional schemas.
      inputs.set(req, input as { params: Out<P>; query: Out<Q>; body: Out<B> });
      next();
    };
    const run: RequestHandler = async (req, res) => {
      const input = inputs.get(req);
      if (!input) throw new Error(`${spec.path}: the inputs were not checked`);
      const user = spec.access === 'public' ? req.session?.user : signedInUser(req);
      // A signed-in user unless the route is public, as RouteInput's conditional type says of A.
      send(res, spec.responses, await handler({ ...input, user: user as RouteInput<P, Q, B, A>['user'], req }));
    };
    const guard = spec.access === 'public' ? [] : [requireRole(spec.access)];
    router[spec.method](spec.path, ...guard, ...(spec.before ?? []), check, ...(spec.after ?? []), run);
  }
}

/** Sends what a handler gave: the compiler has checked it against the declared answer of its status. */
function send(res: Response, responses: Record<number, ResponseSpec>, result: unknown) {
  const { status, body } = result instanceof Reply ? result : { status: 200, body: result };
  const declared = responses[status];
  if (declared && 'file' in declared) {
    // Result<R> made the handler give a FileBody for a file answer.
    const file = body as FileBody;
    res.status(status).type(file.type);
    if (file.attachment) res.attachment(file.attachment);
    res.send(file.body);
    return;
  }
  res.status(status).json(body);
}
