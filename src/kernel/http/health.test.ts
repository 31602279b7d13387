import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { loadConfig } from '../config/index.js';
import { buildTestApp } from '../testing/index.js';

test('GET /healthz answers 200 while the database answers, 503 once it does not', async () => {
  const t = await buildTestApp(buildApp);
  const ok = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json(), { status: 'ok' });
  assert.equal(ok.headers['cache-control'], 'no-store');
  await t.app.db.destroy();
  const down = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(down.statusCode, 503);
  assert.deepEqual(down.json(), { status: 'database unreachable' });
  await t.app.close();
});

test('DATABASE_SCHEMA must be an SQL name', () => {
  assert.equal(loadConfig({ DATABASE_SCHEMA: 'ent_region' }).databaseSchema, 'ent_region');
  assert.throws(() => loadConfig({ DATABASE_SCHEMA: 'x; drop table people' }), /DATABASE_SCHEMA/);
  assert.throws(() => loadConfig({ REDIS_URL: 'http://cache' }), /REDIS_URL/);
});
