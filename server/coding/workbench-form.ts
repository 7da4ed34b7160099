import { z } from 'zod';
import { parseInput } from '../http/validate';
import { operationBodySchema } from './coding-api-schema';

const LIST_FIELDS = ['codes', 'segments', 'answers', 'themes'];

/** The API's operation body, with the version as a form sends it (text). */
const formOperationSchema = operationBodySchema.extend({ version: z.coerce.number().int().min(1) });

/** A workbench form as an operation: repeated fields are lists; an empty theme means "no theme". */
export function operationFromForm(body: Record<string, unknown>) {
  const { _csrf: _token, version, back: _back, ...fields } = body;
  const operation: Record<string, unknown> = { ...fields };
  for (const field of LIST_FIELDS)
    if (field in operation)
      operation[field] = ([] as unknown[]).concat(operation[field]).filter((value) => value !== '');
  if (operation.op === 'move-code' && operation.theme === '') operation.theme = null;
  if (operation.op === 'set-independent') operation.on = operation.on === 'true';
  // No box ticked settles the answer on no codes at all.
  if (operation.op === 'settle-answer' && !('codes' in operation)) operation.codes = [];
  if (operation.op === 'code-span') {
    // From the selection form: offsets arrive as text, and either a code is chosen or a new label typed.
    for (const field of ['start', 'end'])
      if (typeof operation[field] === 'string' && operation[field] !== '') operation[field] = Number(operation[field]);
    for (const field of ['code', 'label']) if (operation[field] === '') delete operation[field];
  }
  return parseInput(formOperationSchema, { version, operation }, 'That change is not valid');
}
