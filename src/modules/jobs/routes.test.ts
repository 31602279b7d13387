import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld } from '../directory/testing.js';
import { buildJob } from './testing.js';

let t: TestApp;
let clock: TestClock;
let admin: Session;
let director: Session;

before(async () => {
  clock = new TestClock('2027-03-15T10:00:00Z');
  t = await buildTestApp(buildApp, {}, { clock });
  const world = await buildWorld(t.app.db);
  const instanceAdmin = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true });
  admin = await loginAs(t.app, instanceAdmin.id);
  director = await loginAs(t.app, world.director.id);
});
after(() => t.close());
beforeEach(async () => {
  await t.app.db.deleteFrom('jobs').execute();
});

test('a director gets neither the page nor the API, and cannot retry a failed job', async () => {
  const dead = await buildJob(t.app.db, { kind: 'test.digest', status: 'dead', lastError: 'Error: boîte pleine' });
  const page = await request(t.app, director, 'GET', '/admin/jobs');
  assert.equal(page.statusCode, 403);
  assert.ok(!page.body.includes('test.digest') && !page.body.includes('boîte pleine'), 'the page shows none of the jobs');
  assert.ok(!page.body.includes('/admin/jobs'), 'no navigation entry');
  const api = await request(t.app, director, 'GET', '/api/jobs?status=dead');
  assert.equal(api.statusCode, 403);
  assert.ok(!api.body.includes('test.digest'), 'the API shows none of the jobs');
  const retry = await request(t.app, director, 'POST', `/api/jobs/${dead.id}/retry`);
  assert.equal(retry.statusCode, 404);
  const row = await t.app.db.selectFrom('jobs').select('status').where('id', '=', dead.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'dead');
});

test('the instance administrator sees failed, running and waiting jobs, with attempts and errors', async () => {
  await buildJob(t.app.db, { kind: 'test.digest', status: 'dead', lastError: 'Error: boîte pleine\n    at send (mail.ts:1:1)' });
  await buildJob(t.app.db, { kind: 'test.reminder', status: 'pending', runAt: new Date('2027-03-15T17:30:00Z') });
  await buildJob(t.app.db, { kind: 'test.export', status: 'running', attempts: 2 });
  const page = await request(t.app, admin, 'GET', '/admin/jobs');
  assert.equal(page.statusCode, 200);
  for (const text of [
    'Tâches de fond',
    'En échec',
    'test.digest',
    'Error: boîte pleine',
    '5 sur 5',
    'Relancer',
    'test.reminder',
    '15 mars 2027 à 18:30',
    'test.export',
    '2 sur 5',
  ]) {
    assert.ok(page.body.includes(text), `the page shows ${text}`);
  }
  assert.ok(page.body.includes('href="/admin/jobs"'), 'the navigation links to the page');

  const api = await request(t.app, admin, 'GET', '/api/jobs');
  assert.equal(api.statusCode, 200);
  const body = api.json();
  assert.deepEqual(body.counts, { pending: 1, running: 1, dead: 1, done: 0 });
  assert.deepEqual(body.items.map((j: { kind: string }) => j.kind).sort(), ['test.digest', 'test.export', 'test.reminder']);
  assert.equal(body.items[0].payload, undefined, 'payloads are not shown');

  const failed = await request(t.app, admin, 'GET', '/api/jobs?status=dead&limit=1');
  assert.deepEqual(
    failed.json().items.map((j: { kind: string }) => j.kind),
    ['test.digest'],
  );
  for (const bad of ['limit=0', 'limit=201', 'limit=1e999', 'limit=Infinity', 'status=lost']) {
    const res = await request(t.app, admin, 'GET', `/api/jobs?${bad}`);
    assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
  }
});

test('"Relancer" sends a failed job back to the queue (post/redirect/get), and the runner runs it', async () => {
  const dead = await buildJob(t.app.db, { kind: 'test.retried', status: 'dead', lastError: 'Error: timeout' });
  let ran = 0;
  t.app.jobs.register('test.retried', async () => void ran++);

  const noToken = await request(t.app, admin, 'POST', `/admin/jobs/${dead.id}/retry`, '', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': '' },
  });
  assert.equal(noToken.statusCode, 403, 'the form needs its token');

  const retryForm = form({ _csrf: admin.csrf });
  const res = await request(t.app, admin, 'POST', `/admin/jobs/${dead.id}/retry`, retryForm.payload, {
    headers: { ...retryForm.headers, 'x-csrf-token': admin.csrf },
  });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/admin/jobs');
  const cookie = [res.headers['set-cookie']]
    .flat()
    .filter(Boolean)
    .map((c) => String(c).split(';')[0])
    .join('; ');
  const next = await request(t.app, admin, 'GET', '/admin/jobs', undefined, { headers: { cookie } });
  assert.ok(next.body.includes('La tâche est remise en file'), 'the flash says it');

  const row = await t.app.db.selectFrom('jobs').selectAll().where('id', '=', dead.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 0);
  assert.equal(row.lastError, 'Error: timeout', 'the error stays until the next outcome');
  assert.ok((await t.app.jobs.runDue()) >= 1, 'a due job ran');
  assert.equal(ran, 1);
  // The runner's session purge reads the test clock, and loginAs dates sessions by the wall clock.
  admin = await loginAs(t.app, admin.personId);

  const again = await request(t.app, admin, 'POST', `/api/jobs/${dead.id}/retry`);
  assert.equal(again.statusCode, 409, 'a job that is not failed is not retried');
  assert.equal(again.json().error.code, 'jobs.not_failed');
  assert.equal((await request(t.app, admin, 'POST', '/api/jobs/00000000-0000-4000-8000-000000000000/retry')).statusCode, 404);
});

test('the API retries a failed job and answers it', async () => {
  const dead = await buildJob(t.app.db, { kind: 'test.api', status: 'dead', lastError: 'boom' });
  const res = await request(t.app, admin, 'POST', `/api/jobs/${dead.id}/retry`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().status, 'pending');
  assert.equal(res.json().attempts, 0);
  assert.equal(res.json().runAt, null);
});
