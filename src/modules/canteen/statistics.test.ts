import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { newId } from '../../kernel/db/index.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import type { BookingStatus } from './tables.js';
import { buildService, canteenWorld, registerChild, TEST_NOW, type CanteenWorld } from './testing.js';

/** The municipality's attendance statistics: a month per school and service, from bookings and roll calls, for its agents only. */
let t: TestApp;
let w: CanteenWorld;
let agent: Session;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));
let canteen: string;
let evening: string;

async function book(serviceId: string, studentId: string, day: string, status: BookingStatus = 'booked') {
  await t.app.db
    .insertInto('canteenBookings')
    .values({
      id: newId(),
      serviceId,
      studentId,
      day,
      status,
      waitingSince: status === 'waiting' ? clock.now().toISOString() : null,
      updatedAt: clock.now().toISOString(),
    })
    .execute();
}

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
  agent = await loginAs(t.app, w.agent.id);
  canteen = (
    await buildService(t.app.db, { structureId: w.schoolA.id, municipalityId: w.town.id, schoolYear: year, label: 'Cantine', weekdays: [1, 2, 3, 4, 5] })
  ).id;
  evening = (
    await buildService(t.app.db, { structureId: w.schoolA.id, municipalityId: w.town.id, schoolYear: year, kind: 'evening', label: 'Garderie du soir' })
  ).id;
  await buildService(t.app.db, { structureId: w.schoolB.id, municipalityId: w.otherTown.id, schoolYear: year, label: 'Cantine du Port' });
  for (const s of [w.ce1a, w.ce1b]) await registerChild(t.app.db, { studentId: s.id, structureId: w.schoolA.id, schoolYear: year, by: w.agent.id });
  // November: ce1a booked three days (present twice, absent once), ce1b booked one day and came one day without a booking.
  for (const day of ['2026-11-24', '2026-11-25', '2026-11-26']) await book(canteen, w.ce1a.id, day);
  await book(canteen, w.ce1b.id, '2026-11-24');
  await book(canteen, w.ce1b.id, '2026-11-27', 'cancelled');
  await book(evening, w.ce1b.id, '2026-11-26', 'waiting');
  const mark = async (day: string, present: string[], walkIns: string[] = []) => {
    const res = await request(t.app, agent, 'PUT', `/api/canteen/services/${canteen}/attendance`, { day, present, walkIns });
    assert.equal(res.statusCode, 200, res.body);
  };
  await mark('2026-11-24', [w.ce1a.id, w.ce1b.id]);
  await mark('2026-11-25', [w.ce1a.id], [w.ce1b.id]);
  await mark('2026-11-26', []);
  // December is another month.
  await book(canteen, w.ce1a.id, '2026-12-01');
});
after(() => t.close());

test('a month per school and service: booked, waiting, cancelled, present, absent, present without booking, and the rate', async () => {
  const res = await request(t.app, agent, 'GET', `/api/canteen/municipalities/${w.town.id}/statistics?month=2026-11`);
  assert.equal(res.statusCode, 200, res.body);
  const stats = res.json() as {
    month: string;
    services: {
      label: string;
      daysCalled: number;
      booked: number;
      waiting: number;
      cancelled: number;
      present: number;
      absent: number;
      presentUnbooked: number;
      attendanceRate: number | null;
    }[];
    totals: { booked: number; present: number };
  };
  assert.equal(stats.month, '2026-11');
  assert.deepEqual(
    stats.services.map((s) => [s.label, s.daysCalled, s.booked, s.waiting, s.cancelled, s.present, s.absent, s.presentUnbooked]),
    [
      ['Cantine', 3, 4, 0, 1, 3, 1, 1],
      ['Garderie du soir', 0, 0, 1, 0, 0, 0, 0],
    ],
    'the town’s two services only, in order; the other town’s canteen is not there',
  );
  assert.equal(stats.services[0]!.attendanceRate, 0.75, 'three of the four booked days called were present');
  assert.equal(stats.services[1]!.attendanceRate, null, 'no roll call, no rate');
  assert.deepEqual([stats.totals.booked, stats.totals.present], [4, 3], 'the town’s totals');
});

test('the page and the CSV say the same; another municipality’s agent, the director, a teacher and a parent get nothing', async () => {
  const page = await request(t.app, agent, 'GET', `/canteen/municipalities/${w.town.id}/statistics?month=2026-11`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Fréquentation — novembre 2026/, 'the month in the title');
  assert.match(page.body, /<td>75 %<\/td>|<td>75\s%<\/td>/, 'the rate');
  assert.match(page.body, /href="\/canteen\/municipalities\/[^"]+\/statistics\.csv\?month=2026-11"/, 'the CSV link');
  const csv = await request(t.app, agent, 'GET', `/canteen/municipalities/${w.town.id}/statistics.csv?month=2026-11`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  assert.equal(lines[0], 'mois;ecole;service;type;jours_appel;reserves;en_attente;annules;presents;absents;presents_sans_reservation;taux_presence');
  assert.equal(lines[1], `2026-11;${w.schoolA.name};Cantine;canteen;3;4;0;1;3;1;1;75`);
  const december = (await request(t.app, agent, 'GET', `/api/canteen/municipalities/${w.town.id}/statistics`)).json() as {
    month: string;
    totals: { booked: number };
  };
  assert.deepEqual([december.month, december.totals.booked], ['2026-12', 1], 'the current month by default');
  const bad = await request(t.app, agent, 'GET', `/api/canteen/municipalities/${w.town.id}/statistics?month=2026-13`);
  assert.equal(bad.statusCode, 400, 'a month that does not exist');
  for (const [name, id] of [
    ['another municipality’s agent', w.otherAgent.id],
    ['the director', w.director.id],
    ['a teacher', w.ce1Teacher.id],
    ['a parent', w.ce1aParent.id],
  ] as const) {
    const who = await loginAs(t.app, id);
    for (const url of [
      `/api/canteen/municipalities/${w.town.id}/statistics?month=2026-11`,
      `/canteen/municipalities/${w.town.id}/statistics?month=2026-11`,
      `/canteen/municipalities/${w.town.id}/statistics.csv?month=2026-11`,
    ]) {
      const res = await request(t.app, who, 'GET', url);
      assert.equal(res.statusCode, 404, `${name}: ${url}`);
      assert.ok(!res.body.includes('Garderie du soir'), `${name}: nothing of the town’s services`);
    }
  }
});
