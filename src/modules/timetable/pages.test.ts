import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { addDays } from './dates.js';
import { buildRoom, buildSlot, countSlots, TEST_MONDAY, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (id: string) => loginAs(t.app, id);
let slotId: string;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await timetableWorld(t.app);
  const room = await buildRoom(t.app.db, w.schoolA.id, 'Salle 7');
  slotId = (
    await buildSlot(t.app.db, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      dayOfWeek: 1,
      startTime: '10:00',
      endTime: '11:00',
      subject: 'Géographie',
      roomId: room.id,
    })
  ).id;
});
after(() => t.close());

async function post(personId: string, url: string, fields: Record<string, string>) {
  const session = await as(personId);
  const { payload, headers } = form({ _csrf: session.csrf, ...fields });
  return request(t.app, session, 'POST', url, payload, { headers });
}

test('pages need a session', async () => {
  const res = await request(t.app, null, 'GET', '/timetable');
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/login/);
});

test('the parent’s week, with previous and next links; the child of another parent is a 404', async () => {
  const res = await request(t.app, await as(w.ce1aParent.id), 'GET', `/timetable?week=${TEST_MONDAY}`);
  assert.equal(res.statusCode, 200);
  assert.ok(res.body.includes('Géographie'), 'the child’s slot is shown');
  assert.ok(res.body.includes(`/timetable?week=${addDays(TEST_MONDAY, 7)}&amp;child=${w.ce1a.id}`), 'a next-week link');
  assert.ok(res.body.includes(`/timetable?week=${addDays(TEST_MONDAY, -7)}&amp;child=${w.ce1a.id}`), 'a previous-week link');
  const other = await request(t.app, await as(w.cm2Parent.id), 'GET', `/timetable?child=${w.ce1a.id}`);
  assert.equal(other.statusCode, 404);
  assert.ok(!other.body.includes('Géographie'), 'nothing shown');
});

test('the home page shows today’s timetable to the pupil, the parent and the teacher', async () => {
  for (const who of [w.ce1a, w.ce1aParent, w.ce1Teacher]) {
    const res = await request(t.app, await as(who.id), 'GET', '/');
    assert.ok(res.body.includes('Emploi du temps du jour') && res.body.includes('Géographie'), `${who.firstName}’s home shows it`);
  }
  const cm2 = await request(t.app, await as(w.cm2.id), 'GET', '/');
  assert.ok(!cm2.body.includes('Géographie'), 'not the CM2 pupil’s');
});

test('staff go to the school’s index; the class, teacher and room weeks are theirs, not a parent’s', async () => {
  const staff = await as(w.admin.id);
  const index = await request(t.app, staff, 'GET', '/timetable');
  assert.equal(index.statusCode, 303);
  assert.equal(index.headers.location, '/timetable/school');
  const school = await request(t.app, staff, 'GET', '/timetable/school');
  assert.ok(school.body.includes(`/timetable/groups/${w.ce1.id}`), school.body);
  const group = await request(t.app, staff, 'GET', `/timetable/groups/${w.ce1.id}?week=${TEST_MONDAY}`);
  assert.ok(group.body.includes('Géographie') && group.body.includes(`/timetable/slots/${slotId}/change?date=${TEST_MONDAY}`), 'staff may record a change');
  for (const url of [`/timetable/groups/${w.ce1.id}`, `/timetable/teachers/${w.ce1Teacher.id}`, '/timetable/school', '/timetable/manage']) {
    const res = await request(t.app, await as(w.ce1aParent.id), 'GET', url);
    assert.ok([403, 404].includes(res.statusCode), `${url} refused to a parent (${res.statusCode})`);
    assert.ok(!res.body.includes('Géographie'), `${url} shows nothing`);
  }
});

test('the slot form shows its errors with what was typed, then saves', async () => {
  const before = await countSlots(t.app.db);
  const bad = await post(w.director.id, '/timetable/slots', {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    subject: 'Histoire des arts',
    dayOfWeek: '2',
    startTime: '15:00',
    endTime: '14:00',
    weeks: 'all',
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.body.includes('La fin doit venir après le début.') && bad.body.includes('value="Histoire des arts"'), 'message and typed value');
  assert.equal(await countSlots(t.app.db), before);
  const good = await post(w.director.id, '/timetable/slots', {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    subject: 'Histoire des arts',
    dayOfWeek: '2',
    startTime: '14:00',
    endTime: '15:00',
    weeks: 'B',
  });
  assert.equal(good.statusCode, 303);
  assert.equal(await countSlots(t.app.db), before + 1);
  const refused = await post(w.ce1Teacher.id, '/timetable/slots', {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    subject: 'X',
    dayOfWeek: '3',
    startTime: '14:00',
    endTime: '15:00',
  });
  assert.equal(refused.statusCode, 403);
});

test('the change form: the director cancels, the parent’s week says so; a bad move is shown again', async () => {
  const page = await request(t.app, await as(w.director.id), 'GET', `/timetable/slots/${slotId}/change?date=${TEST_MONDAY}`);
  assert.equal(page.statusCode, 200);
  const bad = await post(w.director.id, `/timetable/slots/${slotId}/change`, {
    date: TEST_MONDAY,
    kind: 'moved',
    newDate: addDays(TEST_MONDAY, 1),
    newStart: '12:00',
    newEnd: '11:00',
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.body.includes('La fin doit venir après le début.'), 'the message');
  const saved = await post(w.director.id, `/timetable/slots/${slotId}/change`, { date: TEST_MONDAY, kind: 'cancelled', note: 'Sortie scolaire' });
  assert.equal(saved.statusCode, 303);
  const week = await request(t.app, await as(w.ce1aParent.id), 'GET', `/timetable?week=${TEST_MONDAY}`);
  assert.ok(week.body.includes('Annulé') && week.body.includes('Sortie scolaire'), 'the parent sees it cancelled');
  const wrong = await post(w.otherTeacher.id, `/timetable/slots/${slotId}/change`, { date: TEST_MONDAY, kind: 'cancelled' });
  assert.equal(wrong.statusCode, 404);
});

test('rooms, A/B calendar and the CSV import through the forms', async () => {
  assert.equal((await post(w.director.id, '/timetable/rooms', { name: 'Gymnase' })).statusCode, 303);
  assert.equal((await post(w.director.id, '/timetable/rooms', { name: '' })).statusCode, 400);
  assert.equal((await post(w.director.id, '/timetable/settings', { pattern: 'list', aWeeks: '37, 39,41' })).statusCode, 303);
  const settings = await request(t.app, await as(w.director.id), 'GET', '/api/timetable/settings');
  assert.deepEqual(settings.json(), { aWeeks: '37,39,41' });
  const bad = await post(w.director.id, '/timetable/import', {
    format: 'csv',
    content: 'Jour;Début;Fin;Matière;Classe;Enseignant\nLundi;08:00;09:00;Chant;CE7;Théo Enseignant',
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.body.includes('Ligne 2') && bad.body.includes('CE7'), 'the bad line is reported');
  const good = await post(w.director.id, '/timetable/import', {
    format: 'csv',
    content: 'Jour;Début;Fin;Matière;Classe;Enseignant;Salle\nJeudi;08:00;09:00;Chant;CE1;Théo Enseignant;Gymnase',
  });
  assert.equal(good.statusCode, 303);
});
