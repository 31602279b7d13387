import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { buildTestApp, loginAs, type TestApp } from '../../src/kernel/testing/index.js';
import { coverageWorld, type CoverageWorld } from '../../src/modules/directory/testing.js';

// A fuzzer driven by the OpenAPI document: every JSON operation gets at least twenty hostile
// requests from a signed-in person (wrong types, huge strings, non-finite numbers, NUL and bidi
// characters, deep nesting, malformed JSON and multipart). No answer may be a 5xx, and every error
// must come in the envelope `{ error: { code, message, details } }`.

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

let t: TestApp;
let w: CoverageWorld;
let doc: Document;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await coverageWorld(t.app);
  doc = JSON.parse((await t.app.inject('/api/openapi.json')).body);
});
after(() => t.close());

const NASTY_STRINGS = [
  '\u0000',
  'a\u202Eexe.fdp',
  '\u200B\u200D\uFEFF',
  'x'.repeat(100_000),
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\uD800',
  "'; drop table people; --",
];
const NASTY_NUMBERS = ['Infinity', '-Infinity', '1e999', 'NaN', '-1', '2.5', '99999999999999999999', '0x10'];

function deep(levels: number): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function resolve(schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) return doc.components?.schemas?.[schema.$ref.split('/').pop()!];
  return schema;
}

/** Values of the wrong kind for a field of this schema. */
function wrongValues(schema: Schema | undefined): unknown[] {
  const type = [resolve(schema)?.type ?? 'string'].flat()[0];
  const common = [null, { nested: deep(50) }, ['a', 1, null]];
  if (type === 'string') return [12, true, ...NASTY_STRINGS.slice(0, 4), ...common];
  if (type === 'integer' || type === 'number') return ['douze', 1e308, -1e308, 2.5, ...common];
  if (type === 'boolean') return ['peut-être', 2, ...common];
  if (type === 'array') return ['pas un tableau', Array.from({ length: 5000 }, () => 'x'), ...common];
  return ['texte', 42, ...common];
}

function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

interface Attempt {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

/** At least twenty hostile requests for one operation. */
function attempts(method: string, path: string, op: Operation): Attempt[] {
  const list: Attempt[] = [];
  const id = '00000000-0000-4000-8000-000000000000';
  const base = fillPath(path, id);
  const json = (payload: string): Attempt => ({ method, url: base, headers: { 'content-type': 'application/json' }, payload });
  // Path parameters that are not ids.
  if (path.includes('{')) for (const value of ['pas-un-id', '\u0000', 'a'.repeat(300), '..%2f..']) list.push({ method, url: fillPath(path, value) });
  // Query parameters: hostile numbers and strings.
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  for (const p of query) {
    for (const value of [...NASTY_NUMBERS.slice(0, 4), ...NASTY_STRINGS.slice(0, 3)])
      list.push({ method, url: `${base}?${p.name}=${encodeURIComponent(value)}` });
  }
  list.push({ method, url: `${base}?${query[0]?.name ?? 'q'}=a&${query[0]?.name ?? 'q'}=b&unknown[deep][deeper]=1` });
  const body = resolve(op.requestBody?.content['application/json']?.schema);
  const multipart = !!op.requestBody?.content['multipart/form-data'];
  if (method !== 'get' && method !== 'delete') {
    for (const raw of ['{"a":', '', 'null', '[]', '"texte"', '12', '{"__proto__":{"admin":true}}', JSON.stringify(deep(2000))]) list.push(json(raw));
    for (const [name, field] of Object.entries(body?.properties ?? {})) {
      for (const value of wrongValues(field)) list.push(json(JSON.stringify({ [name]: value })));
      list.push(json(`{"${name}": 1e999}`));
    }
    if (multipart || method === 'post') {
      list.push({ method, url: base, headers: { 'content-type': 'multipart/form-data' }, payload: 'sans frontière' });
      list.push({
        method,
        url: base,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: '--XyZ\r\nContent-Disposition: form-data; name="files"\r\n\r\nabc\r\n--XyZ--\r\n',
      });
      list.push({
        method,
        url: base,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: '--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a\u202Etxt.exe"\r\n\r\nabc',
      });
      list.push({ method, url: base, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=%00&b=%E0%A4%A&' + 'c'.repeat(2000) });
    }
  }
  // Pad to twenty with more query noise where an operation takes little input.
  for (let i = 0; list.length < 20; i++)
    list.push({
      method,
      url: `${base}?${['limit', 'offset', 'page', 'q', 'studentId'][i % 5]}=${encodeURIComponent(NASTY_NUMBERS[i % NASTY_NUMBERS.length]!)}`,
    });
  return list;
}

/** What is wrong with an answer, if anything: a 5xx, or an error outside the envelope. */
function problemOf(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 200)}`;
  if (res.statusCode < 400) return null;
  if (!/application\/json/.test(String(res.headers['content-type']))) return `a ${res.statusCode} not in JSON`;
  try {
    const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string' && typeof body.error?.message === 'string') return null;
  } catch {
    // falls through
  }
  return `a ${res.statusCode} outside the envelope: ${res.body.slice(0, 200)}`;
}

test('every JSON operation survives twenty hostile requests: no 5xx, every error in the envelope', async () => {
  let sent = 0;
  let operations = 0;
  const problems: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations++;
      const list = attempts(method, path, op);
      assert.ok(list.length >= 20, `${method} ${path}: ${list.length} attempts`);
      for (const [i, attempt] of list.entries()) {
        // A fresh session each time: an attempt may log out or switch the structure.
        const who = i % 4 === 3 ? w.world.ce1aParent.id : w.world.director.id;
        const session = await loginAs(t.app, who);
        const answer = t.app.inject({
          method: attempt.method.toUpperCase() as 'GET',
          url: attempt.url,
          payload: attempt.payload,
          headers: { ...attempt.headers, cookie: session.cookie, 'x-csrf-token': session.csrf },
        });
        let timer: NodeJS.Timeout | undefined;
        const res = await Promise.race([answer, new Promise<null>((done) => (timer = setTimeout(() => done(null), 5_000)))]);
        clearTimeout(timer);
        sent++;
        const problem = res ? problemOf(res) : 'no answer within 5 s';
        if (problem) problems.push(`${method.toUpperCase()} ${attempt.url.slice(0, 120)} ${String(attempt.payload ?? '').slice(0, 60)} → ${problem}`);
      }
    }
  }
  assert.deepEqual(problems, [], `${problems.length} bad answers`);
  assert.ok(operations > 80, `${operations} operations fuzzed`);
  assert.ok(sent >= operations * 20, `${sent} requests sent`);
});
