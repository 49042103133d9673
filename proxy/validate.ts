import { badRequest } from './errors.ts';

/** Query-string validation shared by every route: each failure names the parameter and what is wrong. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function requiredParam(query: Record<string, string | undefined>, name: string): string {
  const value = query[name]?.trim();
  if (!value) throw badRequest(name, 'is required.');
  return value;
}

export function uuidParam(query: Record<string, string | undefined>, name: string): string {
  const value = requiredParam(query, name);
  if (!UUID.test(value)) throw badRequest(name, `"${value}" is not a valid id (expected a UUID).`);
  return value.toLowerCase();
}

export function enumParam<T extends string>(query: Record<string, string | undefined>, name: string, allowed: readonly T[], fallback: T): T {
  const value = query[name]?.trim();
  if (!value) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(name, `"${value}" is not one of ${allowed.join(', ')}.`);
  return value as T;
}

/** An ISO 8601 date (`2024-10-01`, taken as UTC midnight) or date-time with a zone. */
export function dateParam(query: Record<string, string | undefined>, name: string): Date {
  const value = requiredParam(query, name);
  const match = ISO_DATE.exec(value);
  const date = new Date(match && !match[4] ? `${value}T00:00:00Z` : value);
  if (!match || Number.isNaN(date.getTime())) {
    throw badRequest(name, `"${value}" is not an ISO 8601 date such as 2024-10-01 or 2024-10-01T00:00:00Z.`);
  }
  // Date rolls 2024-02-30 over to March; a calendar date that does not exist is a typo, not a date.
  const [, y, m, d] = match;
  const offsetFree = match[7] === undefined || match[7] === 'Z';
  if (offsetFree && date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) throw badRequest(name, `"${value}" is not a real calendar date.`);
  return date;
}

/** A comma-separated list of non-empty names, or null when the parameter is absent or blank. */
export function listParam(query: Record<string, string | undefined>, name: string): string[] | null {
  const value = query[name]?.trim();
  if (!value) return null;
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw badRequest(name, `"${value}" has an empty entry; separate names with single commas.`);
  if (new Set(items).size !== items.length) throw badRequest(name, `"${value}" names the same key twice.`);
  return items;
}

/** `true` or `false`; absent means false. */
export function booleanParam(query: Record<string, string | undefined>, name: string): boolean {
  const value = query[name]?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(name, `"${value}" is not true or false.`);
}
