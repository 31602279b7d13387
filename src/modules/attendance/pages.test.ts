import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { parisNow } from './dates.js';
import { attendanceWorld, TEST_NOW } from './testing.js';
import { buildSlot } from '../timetable/testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const today = parisNow(clock.now()).date;
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await attendanceWorld(t.app);
});
after(() => t.close());

/** Counts what reaches the blob store, for "nothing stored before the check". */
function countPuts() {
  const counter = { puts: 0 };
  const put = t.app.blobs.put.bind(t.app.blobs);
  t.app.blobs.put = (...args) => {
    counter.puts++;
    return put(...args);
  };
  return counter;
}

describe('attendance pages', () => {
  test('the roll-call form: everyone present by default, a bad minute count comes back named with what was typed', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const page = await request(t.app, teacher, 'GET', `/attendance/groups/${w.ce1.id}/call?halfDay=am`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    assert.match(page.body, new RegExp(`name="s.${w.ce1a.id}" value="present" checked`), 'present by default');
    assert.ok(!page.body.includes('<script'), 'no script');
    assert.ok(Buffer.byteLength(page.body) < 30_000, `small page (${Buffer.byteLength(page.body)} bytes)`);
    const bad = form({ _csrf: teacher.csrf, halfDay: 'am', date: today, [`s.${w.ce1a.id}`]: 'late', [`m.${w.ce1a.id}`]: '-3', [`s.${w.ce1b.id}`]: 'absent' });
    const res = await request(t.app, teacher, 'POST', `/attendance/groups/${w.ce1.id}/call`, bad.payload, { headers: bad.headers });
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
    assert.match(res.body, /Indiquez un retard entre 1 et 240 minutes/, 'the message');
    assert.match(res.body, /value="-3"/, 'what was typed');
    assert.match(res.body, new RegExp(`name="s.${w.ce1b.id}" value="absent" checked`), 'the other choices kept');
    assert.equal(
      Number(
        (
          await t.app.db
            .selectFrom('attendanceRollCalls')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
      'nothing stored',
    );
    const good = form({ _csrf: teacher.csrf, halfDay: 'am', date: today, [`s.${w.ce1a.id}`]: 'late', [`m.${w.ce1a.id}`]: '5', [`s.${w.ce1b.id}`]: 'absent' });
    const saved = await request(t.app, teacher, 'POST', `/attendance/groups/${w.ce1.id}/call`, good.payload, { headers: good.headers });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const index = await request(t.app, teacher, 'GET', '/attendance', undefined, {
      headers: { cookie: saved.headers['set-cookie']?.toString().split(';')[0] ?? '' },
    });
    assert.match(index.body, /Appel enregistré/, 'the flash message');
  });

  test('a parent justifies with a document; a refused upload stores nothing; the school validates on the page', async () => {
    const parent = await as(w.ce1bParent.id);
    const puts = countPuts();
    const other = multipart({ _csrf: parent.csrf, from: today, to: today, reason: 'illness' }, [
      { field: 'document', name: 'c.pdf', content: '%PDF-1.4\n%%EOF\n' },
    ]);
    const refused = await request(t.app, parent, 'POST', `/attendance/pupils/${w.ce1a.id}/justifications`, other.payload, { headers: other.headers });
    assert.equal(refused.statusCode, 404, 'another child');
    assert.equal(puts.puts, 0, 'no byte stored for a refused upload');
    const badReason = multipart({ _csrf: parent.csrf, from: today, to: today, reason: 'other' }, [
      { field: 'document', name: 'c.pdf', content: '%PDF-1.4\n%%EOF\n' },
    ]);
    const back = await request(t.app, parent, 'POST', `/attendance/pupils/${w.ce1b.id}/justifications`, badReason.payload, { headers: badReason.headers });
    assert.equal(back.statusCode, 400, back.body.slice(0, 200));
    assert.match(back.body, /Précisez le motif/, 'the comment is asked for');
    const body = multipart({ _csrf: parent.csrf, from: today, to: today, reason: 'medical', comment: 'Dentiste' }, [
      { field: 'document', name: 'convocation.pdf', content: '%PDF-1.4\n%%EOF\n' },
    ]);
    const sent = await request(t.app, parent, 'POST', `/attendance/pupils/${w.ce1b.id}/justifications`, body.payload, { headers: body.headers });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const page = await request(t.app, parent, 'GET', `/attendance/pupils/${w.ce1b.id}`);
    assert.match(page.body, /Justificatif envoyé, en attente/, 'the parent sees it pending');
    const j = await t.app.db.selectFrom('attendanceJustifications').selectAll().executeTakeFirstOrThrow();
    const doc = await request(t.app, parent, 'GET', `/attendance/justifications/${j.id}/document`);
    assert.equal(doc.statusCode, 200, 'the parent opens the document');
    assert.equal(doc.body, '%PDF-1.4\n%%EOF\n', 'its bytes');
    const staff = await as(w.admin.id);
    const staffPage = await request(t.app, staff, 'GET', `/attendance/pupils/${w.ce1b.id}`);
    assert.match(staffPage.body, /Valider/, 'the office gets the review form');
    const review = form({ _csrf: staff.csrf, decision: 'accept', comment: '' });
    const done = await request(t.app, staff, 'POST', `/attendance/justifications/${j.id}/review`, review.payload, { headers: review.headers });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const after = await request(t.app, parent, 'GET', `/attendance/pupils/${w.ce1b.id}`);
    assert.match(after.body, /Justifiée/, 'the parent sees it validated');
  });

  test('the day page, the monthly page, and an announced absence from the pupil’s page', async () => {
    const staff = await as(w.admin.id);
    const day = await request(t.app, staff, 'GET', '/attendance/day');
    assert.equal(day.statusCode, 200, day.body.slice(0, 300));
    assert.match(day.body, /CM2/, 'every class');
    const stats = await request(t.app, staff, 'GET', `/attendance/stats?groupId=${w.ce1.id}`);
    assert.equal(stats.statusCode, 200, stats.body.slice(0, 300));
    const bad = form({ _csrf: staff.csrf, from: today, to: '2026-01-01', reason: 'medical' });
    const refused = await request(t.app, staff, 'POST', `/attendance/pupils/${w.cm2.id}/announced`, bad.payload, { headers: bad.headers });
    assert.equal(refused.statusCode, 400, 'a date of another year');
    assert.match(refused.body, /année scolaire en cours/, 'the message');
    const ok = form({ _csrf: staff.csrf, from: today, to: today, halfDay: '', reason: 'medical' });
    const saved = await request(t.app, staff, 'POST', `/attendance/pupils/${w.cm2.id}/announced`, ok.payload, { headers: ok.headers });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const dayAfter = await request(t.app, staff, 'GET', '/attendance/day');
    assert.match(dayAfter.body, /Rendez-vous médical/, 'announced on the day page');
  });
});

describe('the roll call and the timetable', () => {
  test('a teacher in the middle of a timetable slot is offered that lesson’s roll call, which opens on it', async () => {
    // Tuesday 8:45 in Paris: the CE1 teacher has the class from 8:30 to 10:00.
    const slot = await buildSlot(t.app.db, {
      groupId: w.ce1.id,
      teacherId: w.ce1Teacher.id,
      dayOfWeek: 2,
      startTime: '08:30',
      endTime: '10:00',
      subject: 'Français',
    });
    const teacher = await as(w.ce1Teacher.id);
    const index = await request(t.app, teacher, 'GET', '/attendance');
    assert.match(index.body, /Faire l’appel du cours en cours : CE1, Français, 08:30–10:00/);
    const call = await request(t.app, teacher, 'GET', `/attendance/groups/${w.ce1.id}/call`);
    assert.equal(call.statusCode, 200);
    assert.match(call.body, /name="start" value="08:30"/);
    assert.match(call.body, new RegExp(`name="slotId" value="${slot.id}"`));
    const other = await request(t.app, await as(w.cm2Teacher.id), 'GET', '/attendance');
    assert.ok(!other.body.includes('cours en cours'), 'another teacher with no slot now is not offered it');
    await t.app.db.deleteFrom('timetableSlots').where('id', '=', slot.id).execute();
  });
});
