import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs } from '../testing/index.js';
import { buildPerson, buildSchool } from '../../modules/directory/testing.js';

test('past the per-minute ceiling a person gets 429 with Retry-After in the error envelope; another person and static files are not slowed', async () => {
  const t = await buildTestApp(buildApp, { rateLimitPerMinute: 5 });
  try {
    const school = await buildSchool(t.app.db, { name: 'École des Tilleuls' });
    const a = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Inès', lastName: 'Roux', structureId: school.id });
    const b = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Paul', lastName: 'Mercier', structureId: school.id });
    const sa = await loginAs(t.app, a.id, school.id);
    const sb = await loginAs(t.app, b.id, school.id);
    const unread = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie, accept: 'application/json' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await unread(sa.cookie)).statusCode);
    assert.ok(
      statuses.every((s) => s === 200),
      `the first requests pass: ${statuses.join(', ')}`,
    );
    const refused = await unread(sa.cookie);
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0, `Retry-After is given: ${String(refused.headers['retry-after'])}`);
    const body = refused.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'too_many_requests');
    assert.match(body.error.message, /Trop de demandes/);
    // A colleague behind the same school address is counted apart.
    assert.equal((await unread(sb.cookie)).statusCode, 200);
    // Static files and the health check are never counted.
    for (let i = 0; i < 10; i++) assert.notEqual((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 429);
    const css = await t.app.inject({ method: 'GET', url: '/static/css/preau.css', headers: { cookie: sa.cookie } });
    assert.equal(css.statusCode, 200);
    // A page asked for by a browser gets a French page, not JSON.
    const page = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: sa.cookie, accept: 'text/html' } });
    assert.equal(page.statusCode, 429);
    assert.match(page.body, /Trop de demandes/);
  } finally {
    await t.close();
  }
});
