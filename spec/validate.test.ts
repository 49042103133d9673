import { test } from 'node:test';
import assert from 'node:assert/strict';
import spec from './metronome-openapi.json' with { type: 'json' };
import { isDateTime, validateRequestBody, validateResponse, validateSchema } from './validate.ts';

const USAGE = '/v1/usage/groups';
const METRICS = '/v1/customers/{customer_id}/billable-metrics';
const validBody = { customer_id: '04ca7e72-4229-4a6e-ab11-9f7376fccbcb', billable_metric_id: '222796fd-d29c-429e-89b2-549fabda4ed6', window_size: 'day' };

test('the spec examples for both operations are valid', () => {
  const paths = spec.paths as Record<string, any>;
  for (const [name, example] of Object.entries<any>(paths[USAGE].post.requestBody.content['application/json'].examples)) {
    assert.deepEqual(validateRequestBody('POST', USAGE, example.value), [], name);
  }
  for (const [name, example] of Object.entries<any>(paths[USAGE].post.responses['200'].content['application/json'].examples)) {
    assert.deepEqual(validateResponse('POST', USAGE, 200, example.value), [], name);
  }
  assert.deepEqual(validateResponse('GET', METRICS, 200, paths[METRICS].get.responses['200'].content['application/json'].example), []);
});

test('a missing required field is reported by name', () => {
  const { window_size: _, ...body } = validBody;
  assert.deepEqual(validateRequestBody('POST', USAGE, body), ['body: missing required property "window_size"']);
});

test('a value of the wrong type is reported', () => {
  assert.deepEqual(validateRequestBody('POST', USAGE, { ...validBody, current_period: 'yes' }), ['body.current_period: must be a boolean (got string)']);
  assert.deepEqual(validateRequestBody('POST', USAGE, []), ['body: must be an object (got array)']);
  assert.match(validateResponse('POST', USAGE, 200, { data: {}, next_page: null }).join(), /response\.data: must be an array/);
});

test('enum, uuid, date-time, minItems and minLength are enforced', () => {
  const errors = validateRequestBody('POST', USAGE, {
    ...validBody,
    customer_id: 'acme',
    window_size: 'week',
    starting_on: '2021-02-30T00:00:00Z',
    group_key: [],
    group_by: { key: 'region', values: [''] },
  });
  assert.equal(errors.length, 5, errors.join('\n'));
  assert.match(errors.join('\n'), /customer_id: must be a uuid/);
  assert.match(errors.join('\n'), /window_size: must be one of "hour", "day", "none"/);
  assert.match(errors.join('\n'), /starting_on: must be an RFC 3339 date-time/);
  assert.match(errors.join('\n'), /group_key: must have at least 1 item/);
  assert.match(errors.join('\n'), /group_by\.values\[0\]: must have length >= 1/);
});

test('null is accepted only where the schema is nullable', () => {
  const row = { starting_on: '2021-01-01T00:00:00Z', ending_before: '2021-01-02T00:00:00Z', group_key: null, group_value: null, value: null };
  assert.deepEqual(validateResponse('POST', USAGE, 200, { data: [row], next_page: null }), []);
  assert.match(validateResponse('POST', USAGE, 200, { data: [{ ...row, starting_on: null }], next_page: null }).join(), /starting_on: must not be null/);
});

test('additionalProperties schemas and allOf members are checked', () => {
  const row = { starting_on: '2021-01-01T00:00:00Z', ending_before: '2021-01-02T00:00:00Z', group_key: null, group_value: null, value: 1, group: { region: 5 } };
  assert.match(validateResponse('POST', USAGE, 200, { data: [row], next_page: null }).join(), /group\.region: must be a string/);
  const errors = validateResponse('GET', METRICS, 200, { data: [{ id: 'not-a-uuid', aggregation_type: 'median' }], next_page: null });
  assert.match(errors.join('\n'), /missing required property "name"/);
  assert.match(errors.join('\n'), /id: must be a uuid/);
  assert.match(errors.join('\n'), /aggregation_type: must be one of/);
});

test('oneOf, anyOf, integer bounds and additionalProperties false behave as in OpenAPI 3.0', () => {
  const bounded = { type: 'integer', minimum: 1, maximum: 100 } as const;
  assert.deepEqual(validateSchema(bounded, 100), []);
  assert.deepEqual(validateSchema(bounded, 0), ['$: must be >= 1']);
  assert.deepEqual(validateSchema(bounded, 1.5), ['$: must be an integer (got number)']);
  assert.equal(validateSchema({ oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] }, 'x').length, 1);
  assert.deepEqual(validateSchema({ anyOf: [{ type: 'string' }, { type: 'number' }] }, 3), []);
  assert.equal(validateSchema({ anyOf: [{ type: 'string' }, { type: 'number' }] }, true).length, 1);
  assert.deepEqual(validateSchema({ type: 'object', properties: { a: {} }, additionalProperties: false }, { a: 1, b: 2 }), ['$: unexpected property "b"']);
  for (const name of ['constructor', 'toString', '__proto__']) {
    const strict = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } as const;
    assert.deepEqual(validateSchema(strict, JSON.parse(`{"${name}": 1}`)), [`$: unexpected property "${name}"`], name);
  }
});

test('undeclared error statuses fall back to the Error schema', () => {
  assert.deepEqual(validateResponse('POST', USAGE, 401, { message: 'Unauthorized' }), []);
  assert.match(validateResponse('POST', USAGE, 400, { error: 'bad' }).join(), /missing required property "message"/);
  assert.match(validateResponse('POST', USAGE, 204, {}).join(), /status 204 is not declared/);
});

test('asking about an operation outside the extracted spec throws', () => {
  assert.throws(() => validateRequestBody('POST', '/v1/contracts/create', {}), /not in spec/);
});

test('date-times follow RFC 3339 with real calendar dates', () => {
  for (const ok of ['2026-01-31T23:59:59Z', '2024-02-29T00:00:00.123+05:30', '2026-06-15T10:00:00z']) assert.ok(isDateTime(ok), ok);
  for (const bad of ['2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-06-15', '2026-06-15T24:00:00Z', 'yesterday']) assert.ok(!isDateTime(bad), bad);
});
