import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { addDays } from './dates.js';
import { buildRoom, buildSlot, TEST_MONDAY, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const as = (id: string) => loginAs(t.app, id);
let roomId: string;
let slotId: string;
let otherId: string;
const slotRow = (id: string) => t.app.db.selectFrom('timetableSlots').selectAll().where('id', '=', id).executeTakeFirst();

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await timetableWorld(t.app);
  roomId = (await buildRoom(t.app.db, w.schoolA.id, 'Salle 12')).id;
  slotId = (
    await buildSlot(t.app.db, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      dayOfWeek: 2,
      startTime: '09:00',
      endTime: '10:00',
      subject: 'Sciences',
      roomId,
    })
  ).id;
  otherId = (
    await buildSlot(t.app.db, {
      groupId: w.cm2Class.id,
      teacherId: w.cm2Teacher.id,
      dayOfWeek: 3,
      startTime: '14:00',
      endTime: '15:00',
      subject: 'Musique',
      roomId,
    })
  ).id;
});
after(() => t.close());

async function post(personId: string, url: string, fields: Record<string, string>) {
  const session = await as(personId);
  const { payload, headers } = form({ _csrf: session.csrf, ...fields });
  return request(t.app, session, 'POST', url, payload, { headers });
}
const fields = (over: Record<string, string> = {}) => ({
  groupId: w.ce1.id,
  teacherId: w.ce1Teacher.id,
  roomId,
  subject: 'Sciences',
  dayOfWeek: '2',
  startTime: '09:00',
  endTime: '10:00',
  weeks: 'all',
  ...over,
});

describe('editing a slot in a page', () => {
  test('only the school’s staff reach the form; others change nothing', async () => {
    for (const id of [w.ce1Teacher.id, w.ce1aParent.id, w.otherTeacher.id, w.ce1a.id]) {
      const page = await request(t.app, await as(id), 'GET', `/timetable/slots/${slotId}/edit`);
      assert.equal(page.statusCode, 404, `no form for ${id}`);
      const sent = await post(id, `/timetable/slots/${slotId}/edit`, fields({ subject: 'Piraté' }));
      assert.equal(sent.statusCode, 404, `no change by ${id}`);
    }
    assert.equal((await slotRow(slotId))?.subject, 'Sciences', 'unchanged');
    const week = await request(t.app, await as(w.director.id), 'GET', `/timetable/groups/${w.ce1.id}?week=${TEST_MONDAY}`);
    assert.match(week.body, new RegExp(`href="/timetable/slots/${slotId}/edit"`), 'the staff’s week links to the form');
  });

  test('the form comes prefilled; an overlap or bad times come back named with what was typed; nothing stored', async () => {
    const page = await request(t.app, await as(w.director.id), 'GET', `/timetable/slots/${slotId}/edit`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="startTime" type="time" value="09:00"/, 'start');
    assert.match(page.body, /value="Sciences"/, 'subject');
    const before = await slotRow(slotId);
    const clash = await post(
      w.director.id,
      `/timetable/slots/${slotId}/edit`,
      fields({ dayOfWeek: '3', startTime: '14:30', endTime: '15:30', subject: 'Sciences et technologie' }),
    );
    assert.equal(clash.statusCode, 400, 'the room is taken on Wednesday afternoon');
    assert.match(clash.body, /id="field-roomId-error">[^<]*14:00/, 'the room field names the clash');
    assert.match(clash.body, /value="Sciences et technologie"/, 'typed subject kept');
    assert.match(clash.body, /name="startTime" type="time" value="14:30"/, 'typed time kept');
    const order = await post(w.director.id, `/timetable/slots/${slotId}/edit`, fields({ startTime: '11:00', endTime: '10:00' }));
    assert.equal(order.statusCode, 400, 'an end before the start');
    assert.match(order.body, /id="field-endTime-error"/, 'on the end field');
    assert.deepEqual(await slotRow(slotId), before, 'nothing stored');
  });

  test('its own place is no overlap; a change of day drops the day changes that no longer fit', async () => {
    const tuesday = addDays(TEST_MONDAY, 1);
    const change = await request(t.app, await as(w.director.id), 'POST', `/api/timetable/slots/${slotId}/changes`, { date: tuesday, kind: 'cancelled' });
    assert.equal(change.statusCode, 201, change.body);
    const later = await post(w.director.id, `/timetable/slots/${slotId}/edit`, fields({ startTime: '09:30', endTime: '10:30' }));
    assert.equal(later.statusCode, 303, /error-summary.*?<\/div>/s.exec(later.body)?.[0] ?? later.body.slice(0, 300));
    assert.equal((await slotRow(slotId))?.startTime, '09:30', 'moved half an hour over its own place');
    const kept = await t.app.db.selectFrom('timetableChanges').select('id').where('slotId', '=', slotId).execute();
    assert.equal(kept.length, 1, 'the Tuesday change still fits');
    const moved = await post(w.director.id, `/timetable/slots/${slotId}/edit`, fields({ dayOfWeek: '4', startTime: '09:30', endTime: '10:30' }));
    assert.equal(moved.statusCode, 303);
    const row = await slotRow(slotId);
    assert.equal(row?.dayOfWeek, 4, 'now on Thursdays');
    const left = await t.app.db.selectFrom('timetableChanges').select('id').where('slotId', '=', slotId).execute();
    assert.equal(left.length, 0, 'the Tuesday change went with the Tuesday');
  });

  test('the JSON edit and the delete from the form', async () => {
    const director = await as(w.director.id);
    const clash = await request(t.app, director, 'PUT', `/api/timetable/slots/${slotId}`, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      roomId,
      subject: 'Sciences',
      dayOfWeek: 3,
      startTime: '14:00',
      endTime: '14:30',
    });
    assert.equal(clash.statusCode, 400, 'the same overlap check');
    assert.equal(clash.json().error.details[0].field, 'roomId');
    const other = await request(t.app, await as(w.otherTeacher.id), 'PUT', `/api/timetable/slots/${slotId}`, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      dayOfWeek: 1,
      startTime: '08:00',
      endTime: '09:00',
    });
    assert.equal(other.statusCode, 404, 'another school’s teacher');
    const ok = await request(t.app, director, 'PUT', `/api/timetable/slots/${slotId}`, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      subject: 'Sciences',
      dayOfWeek: 5,
      startTime: '08:30',
      endTime: '09:30',
      weeks: 'A',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().dayOfWeek, ok.json().weeks, ok.json().roomId], [5, 'A', null]);
    const gone = await post(w.director.id, `/timetable/slots/${slotId}/delete`, {});
    assert.equal(gone.statusCode, 303);
    assert.equal(await slotRow(slotId), undefined, 'deleted');
    assert.ok(await slotRow(otherId), 'the other slot stays');
  });
});
