import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { addDays } from './dates.js';
import { buildRoom, buildSlot, countSlots, TEST_MONDAY, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (id: string) => loginAs(t.app, id);
type WeekBody = {
  days: { date: string; occurrences: { subject: string; status: string; date: string; start: string; replacement: { name: string } | null }[] }[];
  letter: string | null;
};
const subjects = (week: WeekBody, date?: string) =>
  week.days.filter((d) => !date || d.date === date).flatMap((d) => d.occurrences.map((o) => `${d.date} ${o.start} ${o.subject} ${o.status}`));

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await timetableWorld(t.app);
});
after(() => t.close());

describe('slots', () => {
  test('requires a session', async () => {
    assert.equal((await request(t.app, null, 'GET', '/api/timetable/week')).statusCode, 401);
    assert.equal((await request(t.app, null, 'POST', '/api/timetable/slots', {})).statusCode, 401);
  });

  test('a teacher, a pupil or a parent adds no slot; another school’s director adds none to school A', async () => {
    const body = { groupId: w.ce1.id, teacherId: w.ce1Teacher.id, subject: 'Lecture', dayOfWeek: 2, startTime: '08:30', endTime: '09:30' };
    const before = await countSlots(t.app.db);
    for (const who of [w.ce1Teacher, w.ce1a, w.ce1aParent]) {
      const res = await request(t.app, await as(who.id), 'POST', '/api/timetable/slots', body);
      assert.equal(res.statusCode, 403, `${who.firstName} is refused`);
    }
    const other = await request(t.app, await as(w.otherTeacher.id), 'POST', '/api/timetable/slots', body);
    assert.equal(other.statusCode, 403);
    assert.equal(await countSlots(t.app.db), before, 'nothing stored');
  });

  test('the director adds a slot; the pupil, the parent and the teacher see it in their week', async () => {
    const director = await as(w.director.id);
    const room = await buildRoom(t.app.db, w.schoolA.id, 'Salle 12');
    const res = await request(t.app, director, 'POST', '/api/timetable/slots', {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      roomId: room.id,
      subject: 'Lecture',
      dayOfWeek: 2,
      startTime: '08:30',
      endTime: '09:30',
    });
    assert.equal(res.statusCode, 201, res.body);
    const tuesday = addDays(TEST_MONDAY, 1);
    for (const who of [w.ce1a, w.ce1aParent, w.ce1Teacher]) {
      const week = (await request(t.app, await as(who.id), 'GET', `/api/timetable/week?week=${TEST_MONDAY}`)).json() as { week: WeekBody };
      assert.deepEqual(subjects(week.week, tuesday), [`${tuesday} 08:30 Lecture normal`], `${who.firstName} sees the slot`);
    }
    const cm2 = (await request(t.app, await as(w.cm2.id), 'GET', `/api/timetable/week?week=${TEST_MONDAY}`)).json() as { week: WeekBody };
    assert.deepEqual(subjects(cm2.week), [], 'the CM2 pupil does not see CE1’s slot');
  });

  test('bad input is a 400 naming the field, and nothing is stored', async () => {
    const director = await as(w.director.id);
    await buildSlot(t.app.db, { groupId: w.ce1.id, teacherId: w.ce1Teacher.id, dayOfWeek: 4, startTime: '10:00', endTime: '11:00' });
    const otherRoom = await buildRoom(t.app.db, w.schoolB.id, 'Salle B');
    const base = { groupId: w.ce1.id, teacherId: w.ce1Teacher.id, subject: 'Sciences', dayOfWeek: 4, startTime: '14:00', endTime: '15:00' };
    const year = Number(TEST_MONDAY.slice(0, 4));
    const cases: [Record<string, unknown>, string][] = [
      [{ startTime: '15:00', endTime: '14:00' }, 'endTime'],
      [{ startTime: '10:30', endTime: '11:30' }, 'groupId'],
      [{ groupId: w.cm2Class.id, startTime: '10:30', endTime: '11:30' }, 'teacherId'],
      [{ roomId: otherRoom.id }, 'roomId'],
      [{ groupId: w.otherClass.id }, 'groupId'],
      [{ validFrom: `${year + 1}-09-10` }, 'validFrom'],
      [{ validTo: `${year - 1}-08-10` }, 'validTo'],
      [{ subjectCode: 'NOPE', subject: '' }, 'subjectCode'],
    ];
    const before = await countSlots(t.app.db);
    for (const [over, field] of cases) {
      const res = await request(t.app, director, 'POST', '/api/timetable/slots', { ...base, ...over });
      assert.equal(res.statusCode, 400, `${JSON.stringify(over)} → 400`);
      const details = (res.json() as { error: { details: { field: string }[] } }).error.details;
      assert.ok(
        details.some((d) => d.field === field),
        `${JSON.stringify(over)} names ${field}: ${res.body}`,
      );
    }
    assert.equal((await request(t.app, director, 'POST', '/api/timetable/slots', { ...base, dayOfWeek: 7 })).statusCode, 400, 'Sunday refused by the schema');
    assert.equal(await countSlots(t.app.db), before, 'nothing stored');
  });

  test('a slot of week A shows in A weeks only, and the school may say which weeks are A', async () => {
    const director = await as(w.director.id);
    await buildSlot(t.app.db, {
      groupId: w.cm2Class.id,
      teacherId: w.cm2Teacher.id,
      dayOfWeek: 5,
      startTime: '13:30',
      endTime: '14:30',
      subject: 'Anglais',
      weeks: 'A',
    });
    const week = async (monday: string) =>
      (await request(t.app, director, 'GET', `/api/timetable/groups/${w.cm2Class.id}/week?week=${monday}`)).json() as WeekBody;
    assert.equal((await week(TEST_MONDAY)).letter, 'A');
    assert.ok(
      subjects(await week(TEST_MONDAY)).some((s) => s.includes('Anglais')),
      'an A week has it',
    );
    assert.ok(!subjects(await week(addDays(TEST_MONDAY, 7))).some((s) => s.includes('Anglais')), 'a B week has not');
    assert.equal((await request(t.app, director, 'PUT', '/api/timetable/settings', { aWeeks: 'even' })).statusCode, 200);
    assert.ok(
      subjects(await week(addDays(TEST_MONDAY, 7))).some((s) => s.includes('Anglais')),
      'with even A weeks, the next week has it',
    );
    assert.equal((await request(t.app, director, 'PUT', '/api/timetable/settings', { aWeeks: '60' })).statusCode, 400);
    assert.equal((await request(t.app, director, 'PUT', '/api/timetable/settings', { aWeeks: 'odd' })).statusCode, 200);
  });
});

describe('wrong person on the weeks', () => {
  test('a parent sees only their children; a teacher only their own and their groups’; another school’s staff nothing', async () => {
    const slot = await buildSlot(t.app.db, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      dayOfWeek: 3,
      startTime: '09:00',
      endTime: '10:00',
      subject: 'Poésie secrète',
    });
    const room = await buildRoom(t.app.db, w.schoolA.id, 'Salle poésie');
    await t.app.db.updateTable('timetableSlots').set({ roomId: room.id }).where('id', '=', slot.id).execute();
    const cases: [string, string, number][] = [
      [w.cm2Parent.id, `/api/timetable/week?studentId=${w.ce1a.id}`, 404],
      [w.ce1bParent.id, `/api/timetable/week?studentId=${w.ce1a.id}`, 404],
      [w.cm2Teacher.id, `/api/timetable/groups/${w.ce1.id}/week`, 404],
      [w.cm2Teacher.id, `/api/timetable/teachers/${w.ce1Teacher.id}/week`, 404],
      [w.ce1a.id, `/api/timetable/groups/${w.ce1.id}/week`, 404],
      [w.ce1aParent.id, `/api/timetable/teachers/${w.ce1Teacher.id}/week`, 404],
      [w.ce1Teacher.id, `/api/timetable/rooms/${room.id}/week`, 404],
      [w.otherTeacher.id, `/api/timetable/groups/${w.ce1.id}/week`, 404],
      [w.otherParent.id, `/api/timetable/week?studentId=${w.ce1a.id}`, 404],
      [w.ce1a.id, `/api/timetable/rooms`, 403],
    ];
    for (const [who, url, status] of cases) {
      const res = await request(t.app, await as(who), 'GET', `${url}${url.includes('?') ? '&' : '?'}week=${TEST_MONDAY}`);
      assert.equal(res.statusCode, status, `${url} for ${who}`);
      assert.ok(!res.body.includes('Poésie secrète'), `${url} shows nothing`);
    }
    const own = await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/timetable/groups/${w.ce1.id}/week?week=${TEST_MONDAY}`);
    assert.ok(own.body.includes('Poésie secrète'), 'the class’s teacher sees its week');
    const parent = await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/timetable/week?studentId=${w.ce1a.id}&week=${TEST_MONDAY}`);
    assert.ok(parent.body.includes('Poésie secrète'), 'the parent sees the child’s week');
  });
});
