import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson } from '../directory/testing.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { buildService, canteenWorld, registerChild, TEST_NOW, type CanteenWorld } from './testing.js';

let t: TestApp;
let w: CanteenWorld;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));
let parent: Session;
let agent: Session;
let serviceId: string;

const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
  parent = await loginAs(t.app, w.ce1aParent.id);
  agent = await loginAs(t.app, w.agent.id);
  serviceId = (await buildService(t.app.db, { structureId: w.schoolA.id, municipalityId: w.town.id, schoolYear: year, capacity: 30 })).id;
});
after(() => t.close());

describe('canteen pages', () => {
  test('the family registers a child from the form; a missing contact and consent come back with the typed values', async () => {
    const home = await request(t.app, parent, 'GET', '/canteen');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Pas encore inscrit/);
    const bad = await post(parent, `/canteen/children/${w.ce1a.id}/registration`, { diet: 'noPork', careplan: 'Allergie aux œufs', e0name: '', e0phone: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /au moins une personne à prévenir/);
    assert.match(bad.body, /L’acceptation du règlement est nécessaire/);
    assert.match(bad.body, /Allergie aux œufs/, 'what was typed is shown again');
    const ok = await post(parent, `/canteen/children/${w.ce1a.id}/registration`, {
      diet: 'noPork',
      e0name: 'Marc Élève',
      e0phone: '0612345678',
      consent: 'on',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const row = await t.app.db.selectFrom('canteenRegistrations').selectAll().where('studentId', '=', w.ce1a.id).executeTakeFirstOrThrow();
    assert.equal(row.diet, 'noPork');
  });

  test('the month calendar books and cancels with checkboxes; a change after the deadline comes back naming the rule', async () => {
    const page = await request(t.app, parent, 'GET', `/canteen/children/${w.ce1a.id}/calendar?month=2026-12`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`value="${serviceId}.2026-12-03"`), 'Thursday can be ticked');
    assert.ok(!page.body.includes(`name="on" value="${serviceId}.2026-12-01"`), 'today is past the deadline: no checkbox');
    assert.ok(!page.body.includes('<script'), 'no script');
    const shown = [`${serviceId}.2026-12-03`, `${serviceId}.2026-12-04`];
    const saved = await post(parent, `/canteen/children/${w.ce1a.id}/calendar`, { month: '2026-12', shown, on: shown });
    assert.equal(saved.statusCode, 303, saved.body);
    const cancel = await post(parent, `/canteen/children/${w.ce1a.id}/calendar`, { month: '2026-12', shown, on: [shown[0]!] });
    assert.equal(cancel.statusCode, 303);
    const rows = await t.app.db.selectFrom('canteenBookings').select(['day', 'status']).where('studentId', '=', w.ce1a.id).orderBy('day').execute();
    assert.deepEqual(
      rows.map((r) => `${r.day} ${r.status}`),
      ['2026-12-03 booked', '2026-12-04 cancelled'],
    );
    // Tuesday is past "la veille 18 h": ticking it anyway is refused with the rule's words.
    const late = await post(parent, `/canteen/children/${w.ce1a.id}/calendar`, { month: '2026-12', shown, on: [...shown, `${serviceId}.2026-12-01`] });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /la veille à 18\u00a0h/);
    const term = await post(parent, `/canteen/children/${w.ce1a.id}/term`, { month: '2026-12', serviceId, termId: 't1' });
    assert.equal(term.statusCode, 303);
    const count = await t.app.db.selectFrom('canteenBookings').select('id').where('studentId', '=', w.ce1a.id).where('status', '=', 'booked').execute();
    assert.ok(count.length > 10, `the term is booked: ${count.length}`);
  });

  test('the agent adds a service from the form; a bad time comes back with the message', async () => {
    const page = await request(t.app, agent, 'GET', `/canteen/schools/${w.schoolA.id}`);
    assert.equal(page.statusCode, 200);
    const bad = await post(agent, `/canteen/schools/${w.schoolA.id}/services`, {
      kind: 'evening',
      label: 'Garderie du soir',
      weekdays: ['1', '2'],
      capacity: '40',
      bookingKind: 'weekBefore',
      bookingWeekday: '2',
      bookingTime: '',
      cancelKind: 'dayBefore',
      cancelTime: '18:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Garderie du soir/);
    const ok = await post(agent, `/canteen/schools/${w.schoolA.id}/services`, {
      kind: 'evening',
      label: 'Garderie du soir',
      weekdays: ['1', '2'],
      capacity: '40',
      bookingKind: 'weekBefore',
      bookingWeekday: '2',
      bookingTime: '23:59',
      cancelKind: 'workingDays',
      cancelDays: '2',
      cancelTime: '23:59',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const after = await request(t.app, agent, 'GET', `/canteen/schools/${w.schoolA.id}`);
    assert.match(after.body, /mardi 23\u00a0h\u00a059 pour la semaine suivante/);
    const closure = await post(agent, `/canteen/schools/${w.schoolA.id}/closures`, {
      startsOn: '2026-12-21',
      endsOn: '2027-01-03',
      reason: 'holiday',
      label: 'Vacances de Noël',
    });
    assert.equal(closure.statusCode, 303);
  });

  test('the agent books for a family with a reason and takes the roll call on a page under 30 KB', async () => {
    const child = await buildPerson(t.app.db, { profile: 'student', firstName: 'Hugo', lastName: 'Appel', structureId: w.schoolA.id });
    await registerChild(t.app.db, { studentId: child.id, structureId: w.schoolA.id, schoolYear: year, by: w.agent.id });
    const noReason = await post(agent, `/canteen/schools/${w.schoolA.id}/bookings`, { studentId: child.id, serviceId, date: '2026-12-01', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /motif/);
    const ok = await post(agent, `/canteen/schools/${w.schoolA.id}/bookings`, { studentId: child.id, serviceId, date: '2026-12-01', reason: 'Appel du père' });
    assert.equal(ok.statusCode, 303, ok.body);
    const list = await request(t.app, agent, 'GET', `/canteen/services/${serviceId}/attendance?date=2026-12-01`);
    assert.equal(list.statusCode, 200);
    assert.ok(Buffer.byteLength(list.body) < 30_000, `${Buffer.byteLength(list.body)} bytes`);
    assert.match(list.body, /Hugo Appel/);
    const marked = await post(agent, `/canteen/services/${serviceId}/attendance`, { day: '2026-12-01', p: child.id, w: w.ce1a.id });
    assert.equal(marked.statusCode, 303, marked.body);
    const rows = await t.app.db.selectFrom('canteenAttendance').select(['studentId', 'present', 'booked']).where('day', '=', '2026-12-01').execute();
    assert.equal(rows.length, 2);
    assert.ok(
      rows.some((r) => r.studentId === w.ce1a.id && r.booked === 0 && r.present === 1),
      'present without booking',
    );
  });

  test('the director sees the day’s numbers on the home page; a teacher does not', async () => {
    const director = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/');
    assert.match(director.body, /Cantine et périscolaire aujourd’hui/);
    assert.match(director.body, /Cantine : 1 réservé, 2 présents/);
    const teacher = await request(t.app, await loginAs(t.app, w.ce1Teacher.id), 'GET', '/');
    assert.ok(!teacher.body.includes('Cantine et périscolaire aujourd’hui'), 'no block for a teacher');
    const kitchen = await request(t.app, agent, 'GET', `/canteen/municipalities/${w.town.id}/kitchen?date=2026-12-03`);
    assert.equal(kitchen.statusCode, 200);
    assert.match(kitchen.body, /Sans porc/);
  });
});
