import * as v from 'valibot';
import { single } from './params.ts';

/** Metronome's ids are UUIDs; the proxy compares and sends them in lower case. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid = v.pipe(
  v.string(),
  v.regex(UUID, (issue) => `"${issue.input}" is not a valid id (expected a UUID).`),
  v.toLowerCase(),
);

/** A required id: a query parameter or a path segment. */
export const id = v.pipe(single, v.nonEmpty('is required.'), uuid);

/** An id that may be left out (undefined when blank). */
export const optionalId = v.pipe(
  single,
  v.transform((value: string) => value || undefined),
  v.optional(uuid),
);
