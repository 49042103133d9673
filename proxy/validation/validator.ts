import { vValidator } from '@hono/valibot-validator';
import type { ValidationTargets } from 'hono';
import * as v from 'valibot';
import { badRequest } from '../errors.ts';

/**
 * Hono's validator with valibot schemas, answering the proxy's own 400: the first problem found, as
 * `<field>: <problem>`. Every schema under proxy/validation/ writes its messages as the problem alone
 * (`is required.`, `"week" is not one of hour, day, none.`); the field comes from the issue's path.
 */

type Path = ReadonlyArray<string | number>;

/** `starting_on`, `dashboard_options[1].key`; `whole` when the problem is with the whole input. */
function fieldOf(path: Path, whole: string): string {
  let field = '';
  for (const key of path) field += typeof key === 'number' ? `[${key}]` : field ? `.${key}` : key;
  return field || whole;
}

const pathOf = (issue: v.BaseIssue<unknown>): Path => (issue.path ?? []).map((item) => item.key as string | number);

/** What a target is called when the problem is with all of it (a body that is not an object). */
const WHOLE: Partial<Record<keyof ValidationTargets, string>> = { json: 'body' };

/** Route middleware: `c.req.valid(target)` is the schema's output; anything else is a 400 naming the field. */
export const valid = <T extends v.GenericSchema, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  vValidator(target, schema, (result) => {
    if (result.success) return;
    const [issue] = result.issues;
    throw badRequest(fieldOf(pathOf(issue), WHOLE[target] ?? target), issue.message);
  });

/**
 * A rule across fields, for a schema's pipe once its fields are valid: `rule` answers the field at
 * fault (a name, or a path such as `['dashboard_options', 0, 'key']`; `[]` for the value itself) and
 * the problem, or null.
 */
export const across = <T>(rule: (value: T) => readonly [field: string | Path, problem: string] | null) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const found = rule(dataset.value);
    if (!found) return;
    const [field, message] = found;
    const keys = typeof field === 'string' ? [field] : field;
    const path = keys.map((key) => ({ type: 'unknown', origin: 'value', input: dataset.value, key, value: undefined }) as const);
    addIssue(path.length ? { message, path: path as unknown as [v.IssuePathItem, ...v.IssuePathItem[]] } : { message });
  });
