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
