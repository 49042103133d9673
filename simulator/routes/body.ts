// JSON request bodies checked against the spec, for the POST routes over contracts and balances.
import type { Context } from 'hono';
import { validateRequestBody } from '../../spec/validate.ts';
import { BadRequest } from '../http.ts';

/** The request's JSON body, valid against `path`'s request schema; a BadRequest naming the field otherwise. */
export async function specBody<T>(c: Context, path: string): Promise<T> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new BadRequest('Request body must be valid JSON');
  }
  const errors = validateRequestBody('post', path, body);
  if (errors.length > 0) throw new BadRequest(errors.join('; '));
  return body as T;
}

/** A validated date-time field as a Date (the validator has already checked its format). */
export const dateOf = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));
