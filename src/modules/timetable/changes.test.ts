import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { buildApp } from '../../app.js';
import { renderCalendar } from '../../kernel/ical/index.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { addDays } from './dates.js';
import { currentSlot, slotsOn } from './index.js';
import { buildRoom, buildSlot, TEST_MONDAY, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (id: string) => loginAs(t.app, id);
type Occ = { subject: string; status: string; date: string; start: string; note: string | null; replacement: { name: string } | null };
const occurrences = async (personId: string, query = '') => {
  const res = await request(t.app, await as(personId), 'GET', `/api/timetable/week?week=${TEST_MONDAY}${query}`);
  return ((res.json() as { week: { days: { occurrences: Occ[] }[] } }).week?.days ?? []).flatMap((d) => d.occurrences);
};
const notices = async (personId: string) =>
  ((await request(t.app, await as(personId), 'GET', '/api/notifications')).json() as { items: { title: string; body: string | null }[] }).items;
/** The timetable's own notices to a person (other services notify the director too, e.g. the roll call not made). */
const changeNotices = async (personId: string) =>
  t.app.db.selectFrom('notifications').select('title').where('recipientId', '=', personId).where('kind', '=', 'timetable.change').execute();

let maths: Awaited<ReturnType<typeof buildSlot>>;
let room: { id: string };

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await timetableWorld(t.app);
  room = await buildRoom(t.app.db, w.schoolA.id, 'Salle 3');
  // Monday 8:30 and 10:00, Paris time; the clock reads Monday 10:30 in Paris.
  maths = await buildSlot(t.app.db, {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    dayOfWeek: 1,
    startTime: '08:30',
    endTime: '09:30',
    subject: 'Mathématiques',
  });
  await buildSlot(t.app.db, {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    dayOfWeek: 1,
    startTime: '10:00',
    endTime: '11:30',
    subject: 'Français',
    roomId: room.id,
  });
});
after(() => t.close());

test('only the school’s staff record a change; others cannot tell the slot exists', async () => {
  for (const who of [w.ce1Teacher, w.ce1aParent, w.ce1a, w.otherTeacher]) {
    const res = await request(t.app, await as(who.id), 'POST', `/api/timetable/slots/${maths.id}/changes`, { date: TEST_MONDAY, kind: 'cancelled' });
    assert.equal(res.statusCode, 404, `${who.firstName} is refused`);
  }
  const changes = await t.app.db.selectFrom('timetableChanges').selectAll().execute();
  assert.equal(changes.length, 0, 'nothing stored');
});

test('a change on a day the slot does not run, or a move to an impossible time, is a 400 naming the field', async () => {
  const director = await as(w.director.id);
  const cases: [Record<string, unknown>, string][] = [
    [{ date: addDays(TEST_MONDAY, 1), kind: 'cancelled' }, 'date'],
    [{ date: TEST_MONDAY, kind: 'moved', newDate: addDays(TEST_MONDAY, 2), newStart: '11:00', newEnd: '10:00' }, 'newEnd'],
    [{ date: TEST_MONDAY, kind: 'moved', newDate: '2030-01-01', newStart: '10:00', newEnd: '11:00' }, 'newDate'],
    [{ date: TEST_MONDAY, kind: 'teacher', newTeacherId: w.otherTeacher.id }, 'newTeacherId'],
    [{ date: TEST_MONDAY, kind: 'room' }, 'newRoomId'],
  ];
  for (const [body, field] of cases) {
    const res = await request(t.app, director, 'POST', `/api/timetable/slots/${maths.id}/changes`, body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → 400`);
    assert.ok(res.body.includes(`"field":"${field}"`), `${JSON.stringify(body)} names ${field}: ${res.body}`);
  }
  assert.equal((await t.app.db.selectFrom('timetableChanges').selectAll().execute()).length, 0, 'nothing stored');
});

test('the director cancels Monday’s maths: the parent sees it cancelled and is told, the director is not', async () => {
  const res = await request(t.app, await as(w.director.id), 'POST', `/api/timetable/slots/${maths.id}/changes`, {
    date: TEST_MONDAY,
    kind: 'cancelled',
    note: 'Enseignant absent',
  });
  assert.equal(res.statusCode, 201, res.body);
  const jobs = await t.app.db.selectFrom('jobs').select('kind').where('kind', '=', 'timetable.change.notify').execute();
  assert.equal(jobs.length, 1, 'the notice is a job enqueued with the change');
  const seen = (await occurrences(w.ce1aParent.id)).find((o) => o.subject === 'Mathématiques' && o.date === TEST_MONDAY);
  assert.equal(seen?.status, 'cancelled');
  assert.equal(seen?.note, 'Enseignant absent');
  await t.app.jobs.runDue();
  for (const who of [w.ce1aParent, w.ce1a, w.ce1bParent, w.ce1Teacher]) {
    const list = await notices(who.id);
    assert.ok(
      list.some((n) => n.title.includes('Mathématiques') && n.title.includes('annulé')),
      `${who.firstName} is told: ${JSON.stringify(list)}`,
    );
  }
  assert.equal((await changeNotices(w.cm2Parent.id)).length, 0, 'the CM2 parent is not told');
  assert.equal((await changeNotices(w.director.id)).length, 0, 'the author is not told');
  await t.app.jobs.runDue();
  assert.equal((await changeNotices(w.ce1aParent.id)).length, 1, 'told once');
});

test('the cancelled slot is STATUS:CANCELLED in the parent’s feed; slotsOn and currentSlot leave it out', async () => {
  const events = await t.app.calendarSources.eventsFor({ id: w.ce1aParent.id, profile: 'relative' }, clock.now());
  const monday = events.filter((e) => e.start?.startsWith(TEST_MONDAY));
  const cancelled = monday.find((e) => e.summary.includes('Mathématiques'));
  assert.equal(cancelled?.status, 'CANCELLED');
  assert.equal(cancelled?.start, '2027-03-15T07:30:00.000Z', '8:30 in Paris in winter');
  assert.ok(
    events.some((e) => e.start === `${addDays(TEST_MONDAY, 7)}T07:30:00.000Z` && e.status === 'CONFIRMED'),
    'next week’s maths is there',
  );
  const teacherDay = await slotsOn(t.app.db, w.ce1Teacher.id, TEST_MONDAY);
  assert.deepEqual(
    teacherDay.map((s) => s.subject),
    ['Français'],
  );
  const now = await currentSlot(t.app.db, w.ce1Teacher.id, clock.now());
  assert.equal(now?.subject, 'Français', '10:30 in Paris is during French');
  assert.equal(now?.groupId, w.ce1.id);
  assert.equal(await currentSlot(t.app.db, w.ce1Teacher.id, new Date('2027-03-15T12:00:00Z')), null, '13:00 is between slots');
});

test('a moved slot shows at its old place and its new one; a replacing teacher sees it on that day only', async () => {
  const director = await as(w.director.id);
  const french = (await t.app.db.selectFrom('timetableSlots').select('id').where('subject', '=', 'Français').executeTakeFirstOrThrow()).id;
  const next = addDays(TEST_MONDAY, 7);
  const moved = await request(t.app, director, 'POST', `/api/timetable/slots/${french}/changes`, {
    date: next,
    kind: 'moved',
    newDate: addDays(next, 3),
    newStart: '14:00',
    newEnd: '15:30',
  });
  assert.equal(moved.statusCode, 201, moved.body);
  const list = (await request(t.app, await as(w.ce1a.id), 'GET', `/api/timetable/week?week=${next}`)).json() as { week: { days: { occurrences: Occ[] }[] } };
  const all = list.week.days.flatMap((d) => d.occurrences).filter((o) => o.subject === 'Français');
  assert.deepEqual(
    all.map((o) => `${o.date} ${o.start} ${o.status}`),
    [`${next} 10:00 moved`, `${addDays(next, 3)} 14:00 movedHere`],
  );
  const replaced = await request(t.app, director, 'POST', `/api/timetable/slots/${maths.id}/changes`, {
    date: next,
    kind: 'teacher',
    newTeacherId: w.cm2Teacher.id,
  });
  assert.equal(replaced.statusCode, 201, replaced.body);
  const cm2Week = (await request(t.app, await as(w.cm2Teacher.id), 'GET', `/api/timetable/week?week=${next}`)).json() as {
    week: { days: { occurrences: Occ[] }[] };
  };
  const mathsForCm2 = cm2Week.week.days.flatMap((d) => d.occurrences).filter((o) => o.subject === 'Mathématiques');
  assert.deepEqual(
    mathsForCm2.map((o) => `${o.date} ${o.status} ${o.replacement?.name}`),
    [`${next} teacher Camille Maîtresse`],
  );
  const ics = await request(t.app, await as(w.cm2Teacher.id), 'GET', `/api/timetable/teachers/${w.ce1Teacher.id}/week`);
  assert.equal(ics.statusCode, 404, 'the replacing teacher does not read the colleague’s week');
});

test('withdrawing a change: only the staff; the slot runs again', async () => {
  const change = await t.app.db
    .selectFrom('timetableChanges')
    .select('id')
    .where('slotId', '=', maths.id)
    .where('date', '=', TEST_MONDAY)
    .executeTakeFirstOrThrow();
  assert.equal((await request(t.app, await as(w.otherTeacher.id), 'DELETE', `/api/timetable/changes/${change.id}`)).statusCode, 404);
  assert.equal((await request(t.app, await as(w.director.id), 'DELETE', `/api/timetable/changes/${change.id}`)).statusCode, 204);
  const seen = (await occurrences(w.ce1a.id)).find((o) => o.subject === 'Mathématiques');
  assert.equal(seen?.status, 'normal');
});

test('the feed renders as iCalendar, one event per slot and date, a cancelled one marked', async () => {
  await request(t.app, await as(w.director.id), 'POST', `/api/timetable/slots/${maths.id}/changes`, { date: TEST_MONDAY, kind: 'cancelled' });
  const events = await t.app.calendarSources.eventsFor({ id: w.ce1aParent.id, profile: 'relative' }, clock.now());
  const uids = events.map((e) => e.uid);
  assert.equal(new Set(uids).size, uids.length, 'uids are unique');
  const parsed = new ICAL.Component(ICAL.parse(renderCalendar('Agenda', events, clock.now()))).getAllSubcomponents('vevent');
  assert.equal(parsed.length, events.length);
  const cancelled = parsed.filter((c) => c.getFirstPropertyValue('status') === 'CANCELLED');
  assert.equal(cancelled.length, 1, 'Monday’s maths is cancelled');
  assert.ok(String(cancelled[0]!.getFirstPropertyValue('summary')).includes('Mathématiques'), 'the cancelled one is maths');
});
