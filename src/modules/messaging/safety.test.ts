import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildSchool } from '../directory/testing.js';
import { HOURLY_LIMITS, MASS_THRESHOLDS } from './policy.js';
import { classPupils, person, send } from './testing.js';

/** A collège: classmates may write to each other there, which lets a pupil account try a mass send. */
let t: TestApp;
const pupils: { id: string }[] = [];
let principal: { id: string };
let otherPrincipal: { id: string };
let teacher: { id: string };
let classId = '';

before(async () => {
  t = await buildTestApp(buildApp);
  const db = t.app.db;
  const college = await buildSchool(db, { kind: 'college', name: 'Collège Jean-Moulin' });
  const other = await buildSchool(db, { kind: 'college', name: 'Collège Victor-Hugo' });
  principal = await buildPerson(db, { profile: 'personnel', structureId: college.id, roles: ['director'] });
  otherPrincipal = await buildPerson(db, { profile: 'personnel', structureId: other.id, roles: ['director'] });
  teacher = await buildPerson(db, { profile: 'teacher', structureId: college.id });
  for (let i = 0; i < HOURLY_LIMITS.student + 6; i++) pupils.push(await buildPerson(db, { profile: 'student', structureId: college.id }));
  classId = (await buildClass(db, college.id, { name: '5e B', teachers: [teacher.id], students: pupils.map((p) => p.id) })).id;
});
after(() => t.close());

test('classmates may write to each other in secondary schools', async () => {
  const res = await send(t.app, await loginAs(t.app, pupils[0]!.id), { to: [person(pupils[1]!)] });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().state, 'sent');
});

test('a send far larger than the writer’s habits is held for the school’s managers', async () => {
  const writer = await loginAs(t.app, pupils[2]!.id);
  const targets = pupils.slice(3, 3 + MASS_THRESHOLDS.student + 2).map(person);
  const res = await send(t.app, writer, { to: targets, subject: 'Message à tous' });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().state, 'held');
  const id = res.json().id;
  const recipient = await loginAs(t.app, pupils[3]!.id);
  assert.equal((await request(t.app, recipient, 'GET', `/api/messaging/messages/${id}`)).statusCode, 404, 'not delivered yet');
  assert.equal((await request(t.app, recipient, 'GET', '/api/messaging/unread')).json().unread, 0);

  const college = (await t.app.db.selectFrom('structures').select('id').where('name', '=', 'Collège Jean-Moulin').executeTakeFirstOrThrow()).id;
  assert.equal((await request(t.app, await loginAs(t.app, teacher.id), 'GET', `/api/messaging/structures/${college}/held`)).statusCode, 404);
  const stranger = await request(t.app, await loginAs(t.app, otherPrincipal.id), 'GET', `/api/messaging/structures/${college}/held`);
  assert.equal(stranger.statusCode, 404);
  assert.ok(!stranger.body.includes('Message à tous'), 'no data for another school');
  assert.equal((await request(t.app, await loginAs(t.app, otherPrincipal.id), 'POST', `/api/messaging/held/${id}/release`, {})).statusCode, 404);

  const manager = await loginAs(t.app, principal.id);
  const held = (await request(t.app, manager, 'GET', `/api/messaging/structures/${college}/held`)).json();
  assert.deepEqual(
    held.map((m: { id: string }) => m.id),
    [id],
  );
  assert.equal((await request(t.app, manager, 'POST', `/api/messaging/held/${id}/release`, {})).statusCode, 204);
  assert.equal((await request(t.app, recipient, 'GET', '/api/messaging/unread')).json().unread, 1);
  assert.equal((await request(t.app, manager, 'POST', `/api/messaging/held/${id}/release`, {})).statusCode, 409, 'already decided');
  const log = await t.app.db.selectFrom('auditLog').select('action').where('subjectId', '=', id).execute();
  assert.deepEqual(log.map((l) => l.action).sort(), ['messaging.held', 'messaging.held.released']);
});

test('a rejected send is never delivered', async () => {
  const res = await send(t.app, await loginAs(t.app, pupils[20]!.id), { to: pupils.slice(0, MASS_THRESHOLDS.student + 1).map(person) });
  assert.equal(res.json().state, 'held');
  assert.equal((await request(t.app, await loginAs(t.app, principal.id), 'POST', `/api/messaging/held/${res.json().id}/reject`, {})).statusCode, 204);
  assert.equal((await request(t.app, await loginAs(t.app, pupils[0]!.id), 'GET', `/api/messaging/messages/${res.json().id}`)).statusCode, 404);
});

test('hourly limit: a pupil cannot reach more than a few dozen people in an hour', async () => {
  const writer = await loginAs(t.app, pupils[pupils.length - 1]!.id);
  const others = pupils.slice(0, pupils.length - 1);
  let sent = 0;
  let refused: { statusCode: number; json(): { error: { code: string } } } | null = null;
  for (let i = 0; i < others.length && !refused; i += 5) {
    const res = await send(t.app, writer, { to: others.slice(i, i + 5).map(person) });
    if (res.statusCode === 201) sent += 5;
    else refused = res;
  }
  assert.ok(refused, 'a send was refused');
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json().error.code, 'messaging.rate_limited');
  assert.ok(sent <= HOURLY_LIMITS.student, `reached ${sent}`);
  const again = await send(t.app, writer, { to: [person(others[0]!)] });
  assert.equal(again.statusCode, 201, 'writing again to people already reached this hour is fine');
});

test('group send to a class of pupils counts each pupil once against the limit', async () => {
  const res = await send(t.app, await loginAs(t.app, teacher.id), { to: [classPupils({ id: classId })], subject: 'Devoirs' });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().recipientCount, pupils.length);
  assert.equal(res.json().state, 'sent', 'a class is within a teacher’s habits');
});
