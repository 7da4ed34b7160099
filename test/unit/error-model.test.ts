import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import {
  AppError,
  CodingConflictError,
  CodingReviewedError,
  ConflictError,
  NotFoundError,
  ResponseConflictError,
  StoreUnavailableError,
  ValidationError,
} from '../../server/errors';
import { CliError } from '../../server/cli/cli-error';
import { errorHandler } from '../../server/http/error-handler';
import { Views } from '../../server/http/views';
import { PROJECT_ROOT } from '../../server/project-root';
import { translatingOutages } from '../../server/store/store-errors';

describe('ValidationError.fromZod, the one mapper from zod issues to { field, message }', () => {
  const schema = z.strictObject({
    id: z.string().min(3),
    data: z.strictObject({ hours: z.number(), items: z.array(z.string()) }),
  });
  const issuesOf = (input: unknown, naming?: Parameters<typeof ValidationError.fieldIssues>[1]) =>
    ValidationError.fieldIssues(schema.safeParse(input).error!, naming);

  test.each<[string, unknown, Parameters<typeof ValidationError.fieldIssues>[1], string[]]>([
    [
      'when an answer is wrong, then it is named by its question, not under data',
      { id: 'abc', data: { hours: 'x', items: [] } },
      undefined,
      ['hours'],
    ],
    [
      'when a list item is wrong, then its index follows the question',
      { id: 'abc', data: { hours: 1, items: [1] } },
      undefined,
      ['items.0'],
    ],
    [
      'when a top-level field is wrong, then it is named as it is',
      { id: 'a', data: { hours: 1, items: [] } },
      undefined,
      ['id'],
    ],
    ['when the whole input is wrong, then the field is the body', 'text', undefined, ['body']],
    [
      'when the input sits under a name, then every field starts with it',
      { id: 'a', data: { hours: 1, items: [] } },
      { under: 'distribution' },
      ['distribution.id'],
    ],
    [
      'when one field is given, then every issue is under it',
      { id: 'a', data: { hours: 'x', items: [] } },
      { field: 'q1' },
      ['q1', 'q1'],
    ],
  ])('%s', (_name, input, naming, fields) => {
    expect(issuesOf(input, naming).map((issue) => issue.field)).toEqual(fields);
  });

  test('when zod refuses input, then the error is a 400 with the message given and zod’s own messages', () => {
    const error = ValidationError.fromZod(schema.safeParse({ id: 'a', data: { hours: 1, items: [] } }).error!, 'Bad');
    expect([error.status, error.message, error.details]).toEqual([
      400,
      'Bad',
      [{ field: 'id', message: 'Too small: expected string to have >=3 characters' }],
    ]);
  });
});

describe('store adapters translate driver outages into StoreUnavailableError', () => {
  const outage = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  const isOutage = (error: unknown) => error === outage;
  const repository = {
    fails() {
      throw outage;
    },
    async rejects() {
      throw outage;
    },
    async *streams() {
      yield 1;
      throw outage;
    },
    async other() {
      throw new Error('a bug');
    },
    async works() {
      return 'ok';
    },
  };
  const guarded = translatingOutages(repository, isOutage);
  const outageError = expect.objectContaining({ status: 503, retryAfter: 5, cause: outage });

  test.each<[string, () => Promise<unknown>]>([
    ['when a call throws at once', async () => guarded.fails()],
    ['when a call rejects', () => guarded.rejects()],
    [
      'when a stream fails while it is read',
      async () => {
        for await (const _item of guarded.streams());
      },
    ],
  ])(
    '%s, then it is a StoreUnavailableError (503, Retry-After 5) with the driver error as its cause',
    async (_name, call) => {
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(call()).rejects.toEqual(outageError);
    },
  );

  test('when a call fails otherwise or works, then it is as it was', async () => {
    await expect(guarded.other()).rejects.toThrow('a bug');
    await expect(guarded.other()).rejects.not.toBeInstanceOf(AppError);
    expect(await guarded.works()).toBe('ok');
  });
});

describe('error pages take their heading from the error class', () => {
  const views = new Views(path.join(PROJECT_ROOT, 'templates'));
  const logged: unknown[] = [];
  const pageFor = (error: unknown) => {
    const app = express();
    app.get('/', () => {
      throw error;
    });
    app.use(errorHandler(views, (failure) => logged.push(failure)));
    return request(app).get('/').set('Accept', 'text/html');
  };

  test.each<[string, AppError, number, string]>([
    ['a coding conflict', new CodingConflictError({ message: 'reload' }), 409, 'Someone else changed the coding'],
    ['a reviewed coding', new CodingReviewedError({ message: 'reviewed' }), 409, 'The coding has been reviewed'],
    [
      'a submitted response',
      new ResponseConflictError({ message: 'done' }),
      409,
      'That response was already submitted',
    ],
    ['another conflict', new ConflictError({ message: 'x', title: 'Nothing to undo' }), 409, 'Nothing to undo'],
    ['a missing page', new NotFoundError({ message: 'none' }), 404, 'Page not found'],
  ])('when %s is thrown, then the page says so under its own heading', async (_name, error, status, heading) => {
    const page = await pageFor(error);
    expect(page.status).toBe(status);
    expect(page.text).toContain(`<title>${heading}`);
  });

  test('when a store outage reaches the handler, then it is a 503 with Retry-After, and the outage is logged', async () => {
    const cause = new Error('connection refused');
    const page = await pageFor(StoreUnavailableError.outage(cause));
    expect([page.status, page.headers['retry-after']]).toEqual([503, '5']);
    expect(logged).toContainEqual(expect.objectContaining({ cause }));
  });

  test('when a command is called wrongly, then its CliError is an AppError like any other', () => {
    expect(new CliError('--out is required')).toBeInstanceOf(AppError);
  });
});
