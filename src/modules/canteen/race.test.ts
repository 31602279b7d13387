import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildLink, buildPerson } from '../directory/testing.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { buildService, canteenWorld, registerChild, TEST_NOW, type CanteenWorld } from './testing.js';

let t: TestApp;
let w: CanteenWorld;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
});
after(() => t.close());

test('the last place, asked for at once by eight families and an agent: exactly one booking, the counter agrees', async () => {
  const service = await buildService(t.app.db, { structureId: w.schoolA.id, municipalityId: w.town.id, schoolYear: year, capacity: 1 });
  const families = [];
  for (let i = 0; i < 8; i++) {
    const child = await buildPerson(t.app.db, { profile: 'student', structureId: w.schoolA.id });
    const parent = await buildPerson(t.app.db, { profile: 'relative', structureId: w.schoolA.id });
    await buildLink(t.app.db, parent.id, child.id);
    await registerChild(t.app.db, { studentId: child.id, structureId: w.schoolA.id, schoolYear: year, by: parent.id });
    families.push({ child, session: await loginAs(t.app, parent.id) });
  }
  await buildClass(t.app.db, w.schoolA.id, { name: 'CP', students: families.map((f) => f.child.id) });
  const agent = await loginAs(t.app, w.agent.id);
  await registerChild(t.app.db, { studentId: w.ce1a.id, structureId: w.schoolA.id, schoolYear: year, by: w.ce1aParent.id });
  const day = '2026-12-03';
  // The day's counter row exists already (an earlier booking and its cancellation): only the row lock keeps the requests apart.
  await t.app.db.insertInto('canteenDayCounters').values({ serviceId: service.id, day, booked: 0 }).execute();
  const body = { book: [{ serviceId: service.id, day }], cancel: [] };
  const responses = await Promise.all([
    ...families.map((f) => request(t.app, f.session, 'POST', `/api/canteen/children/${f.child.id}/bookings`, body)),
    request(t.app, agent, 'POST', `/api/canteen/children/${w.ce1a.id}/bookings`, { ...body, reason: 'Appel de la famille' }),
  ]);
  const statuses = responses.map((r) => r.statusCode).sort();
  assert.deepEqual(
    statuses,
    [200, 409, 409, 409, 409, 409, 409, 409, 409],
    `one success, the others refused as full: ${responses.map((r) => r.body.slice(0, 80)).join(' | ')}`,
  );
  for (const r of responses.filter((x) => x.statusCode === 409)) assert.equal(r.json().error.code, 'canteen.full');
  const booked = await t.app.db.selectFrom('canteenBookings').select('studentId').where('serviceId', '=', service.id).where('status', '=', 'booked').execute();
  assert.equal(booked.length, 1, 'one booked row');
  const counter = await t.app.db
    .selectFrom('canteenDayCounters')
    .select('booked')
    .where('serviceId', '=', service.id)
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  assert.equal(counter.booked, 1, 'the counter says one');
  const history = await t.app.db.selectFrom('canteenBookingHistory').select('id').where('serviceId', '=', service.id).execute();
  assert.equal(history.length, 1, 'the refused requests left nothing behind');
});
