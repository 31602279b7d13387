import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildApp } from '../../app.js';
import { buildTestApp, type TestApp } from '../testing/index.js';

let t: TestApp;
let doc: { paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, unknown> }> }>> };
let source: string;

before(async () => {
  t = await buildTestApp(buildApp, { publicUrl: 'https://ent.ville-exemple.fr' });
  const res = await t.app.inject('/api/openapi.json');
  assert.equal(res.statusCode, 200);
  source = res.body;
  doc = JSON.parse(source);
});
after(() => t.close());

test('the OpenAPI document passes Redocly’s recommended rules with no warning', async () => {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source, config });
  const lines = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`);
  assert.deepEqual(lines, []);
});

test('response objects are closed to undeclared properties', () => {
  const open: string[] = [];
  const walk = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'object' && o.properties && o.additionalProperties !== false) open.push(where);
    for (const [k, v] of Object.entries(o)) if (k !== 'properties') walk(v, `${where}/${k}`);
    if (o.properties) for (const [k, v] of Object.entries(o.properties as object)) walk(v, `${where}/properties/${k}`);
  };
  for (const [path, operations] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(operations)) walk(op.responses, `${method} ${path}`);
  assert.deepEqual(open.slice(0, 10), []);
});

test('every operation has a unique operationId, and downloads say they send a file', () => {
  const ids = new Set<string>();
  let downloads = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    assert.ok(!path.endsWith('/') || path === '/', `${path} ends with a slash`);
    for (const [method, op] of Object.entries(operations)) {
      assert.ok(op.operationId && !ids.has(op.operationId), `${method} ${path}: operationId ${op.operationId}`);
      ids.add(op.operationId!);
      if (op.responses['200']?.content?.['application/octet-stream']) downloads++;
    }
  }
  assert.ok(ids.size > 80, `${ids.size} operations`);
  assert.ok(downloads >= 3, `${downloads} download operations documented as binary`);
});
