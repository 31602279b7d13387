import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { canteenWorld, registrationBody, TEST_NOW, type CanteenWorld } from './testing.js';

let t: TestApp;
let w: CanteenWorld;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));
let agent: Session;
let parent: Session;
let serviceId: string;

const serviceBody = (over: Record<string, unknown> = {}) => ({
  kind: 'canteen',
  label: 'Cantine',
  weekdays: [1, 2, 4, 5],
  capacity: 2,
  period: 'term',
  bookingRule: { kind: 'dayBefore', time: '18:00' },
  cancellationRule: { kind: 'workingDays', days: 2, time: '23:59' },
  waitingList: true,
  ...over,
});

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
  agent = await loginAs(t.app, w.agent.id);
  parent = await loginAs(t.app, w.ce1aParent.id);
});
after(() => t.close());

describe('canteen API', () => {
  test('without a session every canteen route answers 401 (API) or sends to the login page', async () => {
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?canteen/.test(r.url));
    assert.ok(routes.length >= 30, `${routes.length} canteen routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
      else assert.equal(res.statusCode, 303, `${r.method} ${r.url}: ${res.statusCode}`);
    }
  });

  test('an agent defines a school’s service; another municipality’s agent, the director and a parent cannot', async () => {
    for (const who of [w.otherAgent.id, w.director.id, w.ce1aParent.id]) {
      const res = await request(t.app, await loginAs(t.app, who), 'POST', `/api/canteen/schools/${w.schoolA.id}/services`, serviceBody());
      assert.ok([403, 404].includes(res.statusCode), `${who}: ${res.statusCode}`);
    }
    assert.equal((await t.app.db.selectFrom('canteenServices').select('id').execute()).length, 0, 'nothing stored for the wrong people');
    const bad = await request(
      t.app,
      agent,
      'POST',
      `/api/canteen/schools/${w.schoolA.id}/services`,
      serviceBody({ bookingRule: { kind: 'dayBefore', time: '25:00' } }),
    );
    assert.equal(bad.statusCode, 400, bad.body);
    assert.ok(JSON.stringify(bad.json().error.details).includes('bookingRule'), `the error names the field: ${bad.body}`);
    const res = await request(t.app, agent, 'POST', `/api/canteen/schools/${w.schoolA.id}/services`, serviceBody());
    assert.equal(res.statusCode, 201, res.body);
    serviceId = res.json().id;
    assert.equal(res.json().schoolYear, year);
    const list = await request(t.app, await loginAs(t.app, w.otherAgent.id), 'GET', `/api/canteen/schools/${w.schoolA.id}/services`);
    assert.equal(list.statusCode, 404, 'another municipality’s agent does not learn the school has services');
    const schools = await request(t.app, agent, 'GET', '/api/canteen/schools');
    assert.deepEqual(
      schools.json().map((s: { id: string }) => s.id),
      [w.schoolA.id],
      'the agent sees its municipality’s schools only',
    );
  });

  test('a parent registers their child for the year; another parent cannot read or write it', async () => {
    const other = await loginAs(t.app, w.cm2Parent.id);
    const refused = await request(t.app, other, 'PUT', `/api/canteen/children/${w.ce1a.id}/registration`, registrationBody);
    assert.equal(refused.statusCode, 404);
    const read = await request(t.app, other, 'GET', `/api/canteen/children/${w.ce1a.id}/registration`);
    assert.equal(read.statusCode, 404);
    assert.ok(!read.body.includes(w.ce1a.firstName), 'no name of the child in the refusal');
    const noConsent = await request(t.app, parent, 'PUT', `/api/canteen/children/${w.ce1a.id}/registration`, { ...registrationBody, consent: false });
    assert.equal(noConsent.statusCode, 400);
    assert.equal(noConsent.json().error.details[0].field, 'consent');
    const res = await request(t.app, parent, 'PUT', `/api/canteen/children/${w.ce1a.id}/registration`, registrationBody);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().registration.diet, 'vegetarian');
    const mine = await request(t.app, parent, 'GET', '/api/canteen/children');
    assert.deepEqual(
      mine.json().map((c: { id: string; registered: boolean }) => [c.id, c.registered]),
      [[w.ce1a.id, true]],
    );
  });

  test('booking within the deadline, refusals naming the rule after it, on a closed day and when full', async () => {
    // Tuesday 10:00: Thursday (deadline Wednesday 18:00) is open, today (deadline Monday 18:00) is closed.
    const book = (day: string, who = parent, child = w.ce1a.id) =>
      request(t.app, who, 'POST', `/api/canteen/children/${child}/bookings`, { book: [{ serviceId, day }], cancel: [] });
    const ok = await book('2026-12-03');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().booked, [{ serviceId, day: '2026-12-03' }]);
    const late = await book('2026-12-01');
    assert.equal(late.statusCode, 400, late.body);
    assert.equal(late.json().error.code, 'canteen.deadline_passed');
    assert.equal(late.json().error.details.rule, 'la veille à 18\u00a0h');
    assert.equal(late.json().error.details.deadline, '2026-11-30T18:00');
    const past = await book('2026-11-30');
    assert.equal(past.json().error.code, 'canteen.past_day');
    clock.set('2026-12-02T17:30:00Z'); // Wednesday 18:30 in Paris: Thursday has closed.
    parent = await loginAs(t.app, w.ce1aParent.id);
    const afterDeadline = await book('2026-12-03');
    assert.equal(afterDeadline.statusCode, 200, 'already booked: nothing to change');
    const friday = await request(t.app, parent, 'POST', `/api/canteen/children/${w.ce1a.id}/bookings`, {
      book: [
        { serviceId, day: '2026-12-04' },
        { serviceId, day: '2026-12-03' },
      ],
      cancel: [],
    });
    assert.equal(friday.statusCode, 200, `Friday closes on Thursday 18:00: ${friday.body}`);
    // J-2 hors week-end: Thursday closed on Tuesday 23:59.
    const cancelLate = await request(t.app, parent, 'POST', `/api/canteen/children/${w.ce1a.id}/bookings`, {
      book: [],
      cancel: [{ serviceId, day: '2026-12-03' }],
    });
    assert.equal(cancelLate.statusCode, 400, cancelLate.body);
    assert.equal(cancelLate.json().error.code, 'canteen.cancel_deadline_passed');
    assert.match(cancelLate.json().error.details.rule, /J-2 hors week-end/);
    assert.match(cancelLate.json().error.message, /J-2 hors week-end/);
    clock.set(TEST_NOW);
    parent = await loginAs(t.app, w.ce1aParent.id);
    agent = await loginAs(t.app, w.agent.id);

    const wednesday = await book('2026-12-09');
    assert.equal(wednesday.statusCode, 400);
    assert.equal(wednesday.json().error.code, 'canteen.not_service_day');

    const closure = await request(t.app, agent, 'POST', `/api/canteen/municipalities/${w.town.id}/closures`, {
      startsOn: '2026-12-07',
      endsOn: '2026-12-07',
      reason: 'strike',
      label: 'Grève',
    });
    assert.equal(closure.statusCode, 201, closure.body);
    const strike = await book('2026-12-07');
    assert.equal(strike.statusCode, 400);
    assert.equal(strike.json().error.code, 'canteen.closed_day');
    assert.match(strike.json().error.message, /Grève/);

    // Capacity 2 with a waiting list: the third child waits; a cancellation promotes them.
    for (const child of [w.ce1b, w.cm2]) {
      const parentOf = child.id === w.ce1b.id ? w.ce1bParent : w.cm2Parent;
      const s = await loginAs(t.app, parentOf.id);
      assert.equal((await request(t.app, s, 'PUT', `/api/canteen/children/${child.id}/registration`, registrationBody)).statusCode, 200);
    }
    const ce1b = await loginAs(t.app, w.ce1bParent.id);
    const cm2 = await loginAs(t.app, w.cm2Parent.id);
    assert.equal((await book('2026-12-10', parent)).json().booked.length, 1);
    assert.equal((await book('2026-12-10', ce1b, w.ce1b.id)).json().booked.length, 1);
    const third = await book('2026-12-10', cm2, w.cm2.id);
    assert.deepEqual(third.json().waiting, [{ serviceId, day: '2026-12-10' }], 'a full day puts the request on the waiting list');
    const cancel = await request(t.app, parent, 'POST', `/api/canteen/children/${w.ce1a.id}/bookings`, {
      book: [],
      cancel: [{ serviceId, day: '2026-12-10' }],
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    const promoted = await t.app.db
      .selectFrom('canteenBookings')
      .select('status')
      .where('studentId', '=', w.cm2.id)
      .where('day', '=', '2026-12-10')
      .executeTakeFirstOrThrow();
    assert.equal(promoted.status, 'booked', 'the waiting child got the freed place');
    await t.app.jobs.runDue();
    const notice = await t.app.db.selectFrom('notifications').select(['title', 'link']).where('recipientId', '=', w.cm2Parent.id).execute();
    assert.equal(notice.length, 1, 'the promoted child’s parent is told once');
    assert.match(notice[0]!.title, /Place obtenue : Cantine du 10 décembre 2026 pour Zoé Grande/);
    assert.equal(notice[0]!.link, `/canteen/children/${w.cm2.id}/calendar?month=2026-12`);
    const counter = await t.app.db
      .selectFrom('canteenDayCounters')
      .select('booked')
      .where('serviceId', '=', serviceId)
      .where('day', '=', '2026-12-10')
      .executeTakeFirstOrThrow();
    assert.equal(counter.booked, 2);

    // Without a waiting list a full day is refused, naming the rule.
    await request(t.app, agent, 'PUT', `/api/canteen/services/${serviceId}`, serviceBody({ waitingList: false }));
    const full = await book('2026-12-10', parent);
    assert.equal(full.statusCode, 409, full.body);
    assert.equal(full.json().error.code, 'canteen.full');
    assert.equal(full.json().error.details.day, '2026-12-10');
    await request(t.app, agent, 'PUT', `/api/canteen/services/${serviceId}`, serviceBody({ capacity: 200 }));

    const history = await request(t.app, parent, 'GET', `/api/canteen/children/${w.ce1a.id}/history`);
    const actions = history.json().history.map((h: { action: string; day: string }) => `${h.action} ${h.day}`);
    assert.ok(actions.includes('book 2026-12-10') && actions.includes('cancel 2026-12-10'), `every change is kept: ${actions.join(', ')}`);
    const other = await request(t.app, await loginAs(t.app, w.otherParent.id), 'GET', `/api/canteen/children/${w.ce1a.id}/history`);
    assert.equal(other.statusCode, 404);
  });

  test('a term in one request: the open days of the term, closed and past days left out', async () => {
    const res = await request(t.app, parent, 'POST', `/api/canteen/children/${w.ce1a.id}/terms`, { serviceId, termId: 't1' });
    assert.equal(res.statusCode, 200, res.body);
    // From Thursday 3 to Thursday 31 December, Mon/Tue/Thu/Fri, minus the strike day: 17 days, 2 of them booked already.
    assert.ok(res.json().booked >= 10, `term booked: ${res.body}`);
    const cal = await request(t.app, parent, 'GET', `/api/canteen/children/${w.ce1a.id}/calendar?month=2026-12`);
    const states = cal.json().days.find((d: { day: string }) => d.day === '2026-12-14').cells[0].state;
    assert.equal(states, 'booked');
    const again = await request(t.app, parent, 'POST', `/api/canteen/children/${w.ce1a.id}/terms`, { serviceId, termId: 't1' });
    assert.equal(again.json().booked, 0, 'booking the term again changes nothing');
    const unknown = await request(t.app, parent, 'POST', `/api/canteen/children/${w.ce1a.id}/terms`, { serviceId, termId: 'nope' });
    assert.equal(unknown.statusCode, 400);
  });

  test('an agent books for a family with a reason, after the family’s deadline; the reason is kept', async () => {
    const noReason = await request(t.app, agent, 'POST', `/api/canteen/children/${w.ce1b.id}/bookings`, {
      book: [{ serviceId, day: '2026-12-01' }],
      cancel: [],
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.code, 'canteen.reason_required');
    const res = await request(t.app, agent, 'POST', `/api/canteen/children/${w.ce1b.id}/bookings`, {
      book: [{ serviceId, day: '2026-12-01' }],
      cancel: [],
      reason: 'Appel de la famille',
    });
    assert.equal(res.statusCode, 200, res.body);
    const row = await t.app.db
      .selectFrom('canteenBookingHistory')
      .selectAll()
      .where('studentId', '=', w.ce1b.id)
      .where('day', '=', '2026-12-01')
      .executeTakeFirstOrThrow();
    assert.equal(row.reason, 'Appel de la famille');
    assert.equal(row.actorId, w.agent.id);
    const other = await request(t.app, await loginAs(t.app, w.otherAgent.id), 'POST', `/api/canteen/children/${w.ce1b.id}/bookings`, {
      book: [{ serviceId, day: '2026-12-03' }],
      cancel: [],
      reason: 'x',
    });
    assert.equal(other.statusCode, 404, 'another municipality’s agent');
  });

  test('attendance: the agent marks the day; a child present without booking is recorded as such; director numbers; kitchen counts', async () => {
    const list = await request(t.app, agent, 'GET', `/api/canteen/services/${serviceId}/attendance?date=2026-12-01`);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().booked.map((b: { studentId: string }) => b.studentId),
      [w.ce1b.id],
    );
    for (const who of [w.ce1Teacher.id, w.otherAgent.id, w.ce1aParent.id, w.director.id]) {
      const res = await request(t.app, await loginAs(t.app, who), 'GET', `/api/canteen/services/${serviceId}/attendance?date=2026-12-01`);
      assert.equal(res.statusCode, 404, `${who}`);
      assert.ok(!res.body.includes(w.ce1b.firstName), 'no child’s name in the refusal');
    }
    const marked = await request(t.app, agent, 'PUT', `/api/canteen/services/${serviceId}/attendance`, {
      day: '2026-12-01',
      present: [],
      walkIns: [w.ce1a.id],
    });
    assert.equal(marked.statusCode, 200, marked.body);
    assert.deepEqual(marked.json(), { day: '2026-12-01', present: 1, absent: 1, withoutBooking: 1 });
    const walkIn = await t.app.db.selectFrom('canteenAttendance').selectAll().where('studentId', '=', w.ce1a.id).executeTakeFirstOrThrow();
    assert.equal(walkIn.booked, 0, 'present without booking');
    const stranger = await request(t.app, agent, 'PUT', `/api/canteen/services/${serviceId}/attendance`, {
      day: '2026-12-01',
      present: [],
      walkIns: [w.otherStudent.id],
    });
    assert.equal(stranger.statusCode, 400, 'a child of another school cannot be marked here');

    const numbers = await request(t.app, await loginAs(t.app, w.director.id), 'GET', `/api/canteen/schools/${w.schoolA.id}/numbers?date=2026-12-01`);
    assert.equal(numbers.statusCode, 200, numbers.body);
    assert.deepEqual(
      numbers.json().services.map((s: { booked: number; present: number }) => [s.booked, s.present]),
      [[1, 1]],
    );
    for (const who of [w.ce1Teacher.id, w.otherTeacher.id, w.ce1aParent.id]) {
      const res = await request(t.app, await loginAs(t.app, who), 'GET', `/api/canteen/schools/${w.schoolA.id}/numbers`);
      assert.equal(res.statusCode, 404, `${who}: ${res.statusCode}`);
    }
    const meals = await request(t.app, agent, 'GET', `/api/canteen/municipalities/${w.town.id}/meals`);
    assert.equal(meals.statusCode, 200, meals.body);
    assert.equal(meals.json().day, '2026-12-02');
    const thursday = await request(t.app, agent, 'GET', `/api/canteen/municipalities/${w.town.id}/meals?date=2026-12-03`);
    const school = thursday.json().schools[0];
    assert.ok(school.diets.vegetarian >= 1, `vegetarian meals counted: ${thursday.body}`);
    const refused = await request(t.app, await loginAs(t.app, w.otherAgent.id), 'GET', `/api/canteen/municipalities/${w.town.id}/meals`);
    assert.equal(refused.statusCode, 404);
  });
});
