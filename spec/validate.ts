// A small, dependency-free validator for the OpenAPI 3.0 schema subset used in
// spec/metronome-openapi.json: type, required, properties, additionalProperties, items, enum,
// nullable, allOf/oneOf/anyOf, $ref, format (date-time, uuid), minItems, minLength,
// minimum/maximum. Unknown keywords (description, example, deprecated, x-*) are ignored.
import spec from './metronome-openapi.json' with { type: 'json' };

export type Schema = {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

type Operation = {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, ResponseObject>;
};
type ResponseObject = { $ref?: string; content?: Record<string, { schema?: Schema }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; responses?: Record<string, ResponseObject> } };
const doc = spec as unknown as Doc;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** RFC 3339 date-time, with calendar checks (no 2021-02-30). */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

function resolveRef(ref: string): Schema {
  const prefix = '#/components/schemas/';
  const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
  const target = name === undefined ? undefined : doc.components.schemas[name];
  if (!target) throw new Error(`validate: unresolvable $ref ${ref}`);
  return target;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Validates `value` against `schema`; returns human-readable errors prefixed with `at`. */
export function validateSchema(schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return validateSchema(resolveRef(schema.$ref), value, at);
  const errors: string[] = [];
  if (value === null) {
    // In OpenAPI 3.0 null is allowed only with nullable: true (a schema without type accepts anything).
    if (schema.nullable || (schema.type === undefined && !schema.allOf && !schema.oneOf && !schema.anyOf && !schema.enum)) return [];
    return [`${at}: must not be null`];
  }
  if (schema.allOf) for (const sub of schema.allOf) errors.push(...validateSchema(sub, value, at));
  if (schema.anyOf && !schema.anyOf.some((sub) => validateSchema(sub, value, at).length === 0)) {
    errors.push(`${at}: must match at least one of ${schema.anyOf.length} anyOf schemas`);
  }
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((sub) => validateSchema(sub, value, at).length === 0).length;
    if (matches !== 1) errors.push(`${at}: must match exactly one oneOf schema (matched ${matches})`);
  }
  if (schema.enum && !schema.enum.includes(value)) {
    errors.push(`${at}: must be one of ${schema.enum.map(show).join(', ')} (got ${show(value)})`);
  }
  switch (schema.type) {
    case undefined:
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return [...errors, `${at}: must be an integer (got ${typeOf(value)})`];
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [...errors, `${at}: must be a number (got ${typeOf(value)})`];
      break;
    default:
      if (typeOf(value) !== schema.type) return [...errors, `${at}: must be ${schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type} (got ${typeOf(value)})`];
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: must be <= ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: must have length >= ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: must have length <= ${schema.maxLength}`);
    if (schema.format === 'uuid' && !isUuid(value)) errors.push(`${at}: must be a uuid (got ${show(value)})`);
    if (schema.format === 'date-time' && !isDateTime(value)) errors.push(`${at}: must be an RFC 3339 date-time (got ${show(value)})`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: must have at least ${schema.minItems} item(s)`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: must have at most ${schema.maxItems} item(s)`);
    if (schema.items) value.forEach((item, i) => errors.push(...validateSchema(schema.items as Schema, item, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in obj)) errors.push(`${at}: missing required property "${key}"`);
    }
    for (const [key, v] of Object.entries(obj)) {
      // Own keys only: a body key named constructor is an unexpected property, not Object's.
      const prop = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      const path = `${at}.${key}`;
      if (prop) errors.push(...validateSchema(prop, v, path));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${key}"`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validateSchema(schema.additionalProperties, v, path));
    }
  }
  return errors;
}

function operation(method: string, path: string): Operation {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`validate: ${method.toUpperCase()} ${path} is not in spec/metronome-openapi.json (run spec/extract.mjs)`);
  return op;
}

/** Errors for a JSON request body of `method path` (path as templated in the spec). */
export function validateRequestBody(method: string, path: string, body: unknown): string[] {
  const schema = operation(method, path).requestBody?.content?.['application/json']?.schema;
  if (!schema) return body === undefined ? [] : [`${method.toUpperCase()} ${path} takes no JSON body`];
  return validateSchema(schema, body, 'body');
}

/**
 * Errors for a JSON response. Statuses the operation does not declare fall back to `default`, and
 * for 4xx/5xx to the `Error` schema: the Metronome spec omits most error responses (e.g. 401) but
 * every error body is `{message}`. Any other undeclared status is itself an error.
 */
export function validateResponse(method: string, path: string, status: number, body: unknown): string[] {
  const responses = operation(method, path).responses ?? {};
  let declared: ResponseObject | undefined = responses[String(status)] ?? responses['default'];
  // Shared responses (e.g. 404 → #/components/responses/NotFound) are referenced, not inlined.
  if (declared?.$ref) declared = doc.components.responses?.[declared.$ref.replace('#/components/responses/', '')];
  let schema = declared?.content?.['application/json']?.schema;
  if (!declared && status >= 400) schema = { $ref: '#/components/schemas/Error' };
  if (!declared && !schema) return [`${method.toUpperCase()} ${path}: status ${status} is not declared in the spec`];
  if (!schema) return body === undefined || body === null || body === '' ? [] : [`response ${status} must have no JSON body`];
  return validateSchema(schema, body, 'response');
}

/**
 * The spec path a request addresses, if any: the templated path whose segments match, literal
 * segments winning over {params} (…/invoices/breakdowns is not …/invoices/{invoice_id}).
 */
export function specPathOf(method: string, url: string): string | undefined {
  const segments = (new URL(url, 'http://localhost').pathname).split('/');
  const literals = (template: string) => template.split('/').filter((part) => !part.startsWith('{')).length;
  return Object.entries(doc.paths)
    .filter(([template, operations]) => {
      const parts = template.split('/');
      return method.toLowerCase() in operations && parts.length === segments.length && parts.every((part, i) => part.startsWith('{') || part === segments[i]);
    })
    .map(([template]) => template)
    .sort((a, b) => literals(b) - literals(a))[0];
}
