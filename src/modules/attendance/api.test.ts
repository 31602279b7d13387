import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { startSmtp } from '../../kernel/mail/testing.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { buildClass } from '../directory/testing.js';
import { parisNow } from './dates.js';
import { attendanceWorld, callRoll, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const clock = new TestClock(TEST_NOW);
const today = parisNow(clock.now()).date;
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  smtp = await startSmtp();
  t = await buildTestApp(buildApp, { smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>' }, { clock });
  w = await attendanceWorld(t.app);
});
after(async () => {
  await t.close();
  await smtp.close();
});

const count = async (table: 'attendanceMarks' | 'attendanceRollCalls' | 'attendanceJustifications' | 'attendanceAnnounced') =>
  Number(
    (
      await t.app.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('attendance API', () => {
  test('without a session every attendance route answers 401 (API) or sends to the login page', async () => {
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?attendance/.test(r.url));
    assert.ok(routes.length >= 20, `${routes.length} attendance routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      assert.equal(res.statusCode, r.url.startsWith('/api/') ? 401 : 303, `${r.method} ${r.url}: ${res.statusCode}`);
    }
  });

  test('only the group’s teachers and the school’s staff call the roll', async () => {
    const url = `/api/attendance/groups/${w.ce1.id}/roll-call`;
    const body = { marks: [{ studentId: w.ce1a.id, status: 'absent' }] };
    for (const [who, id] of [
      ['another school’s teacher', w.otherTeacher.id],
      ['the CM2 teacher', w.cm2Teacher.id],
      ['a CE1 parent', w.ce1aParent.id],
      ['a CE1 pupil', w.ce1a.id],
    ] as const) {
      const put = await request(t.app, await as(id), 'PUT', url, body);
      assert.equal(put.statusCode, 404, `${who} saves: ${put.body}`);
      const get = await request(t.app, await as(id), 'GET', url);
      assert.equal(get.statusCode, 404, `${who} reads`);
      assert.ok(!get.body.includes(w.ce1a.firstName), `${who} sees no pupil name`);
    }
    assert.equal(await count('attendanceRollCalls'), 0, 'nothing stored');
  });

  test('bad input names the field and stores nothing', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const url = `/api/attendance/groups/${w.ce1.id}/roll-call`;
    const cases: [string, object, string][] = [
      ['a pupil of another class', { marks: [{ studentId: w.cm2.id, status: 'absent' }] }, 'marks.0.studentId'],
      ['negative late minutes', { marks: [{ studentId: w.ce1a.id, status: 'late', lateMinutes: -5 }] }, 'marks.0.lateMinutes'],
      ['late without minutes', { marks: [{ studentId: w.ce1a.id, status: 'late' }] }, 'marks.0.lateMinutes'],
      ['a date of another school year', { date: '2019-10-01', marks: [] }, 'date'],
      ['tomorrow', { date: '2027-03-17', marks: [] }, 'date'],
      ['a lesson ending before it starts', { start: '10:00', end: '09:00', marks: [] }, 'end'],
    ];
    for (const [label, body, field] of cases) {
      const res = await request(t.app, teacher, 'PUT', url, body);
      assert.equal(res.statusCode, 400, `${label}: ${res.body}`);
      const details = res.json().error.details as { field: string }[];
      assert.ok(
        details.some((d) => d.field === field),
        `${label}: names ${field} (${res.body})`,
      );
    }
    assert.equal(await count('attendanceRollCalls'), 0, 'nothing stored');
  });

  test('a teacher calls the roll; the families are told in-app and by e-mail; a correction tells no one twice', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saved = await callRoll(t.app, teacher, w.ce1.id, {
      halfDay: 'am',
      marks: [
        { studentId: w.ce1a.id, status: 'absent' },
        { studentId: w.ce1b.id, status: 'late', lateMinutes: 10 },
      ],
    });
    assert.equal(saved.absent, 1, 'one absent');
    assert.equal(saved.late, 1, 'one late');
    const view = (await request(t.app, teacher, 'GET', `/api/attendance/groups/${w.ce1.id}/roll-call?halfDay=am`)).json();
    assert.deepEqual(view.pupils.map((p: { status: string }) => p.status).sort(), ['absent', 'late'], 'the roll call reads back');
    await t.app.jobs.runDue();
    const notes = await t.app.db.selectFrom('notifications').selectAll().where('kind', 'in', ['attendance.absent', 'attendance.late']).execute();
    assert.deepEqual(notes.map((n) => n.recipientId).sort(), [w.ce1aParent.id, w.ce1bParent.id].sort(), 'each pupil’s parent is notified');
    assert.ok(
      smtp.received.some((m) => m.to.includes('marc.eleve@famille.example')),
      'the parent with an e-mail address gets the notice',
    );
    // Saving again the same roll call notifies nobody twice.
    await callRoll(t.app, teacher, w.ce1.id, { halfDay: 'am', marks: [{ studentId: w.ce1a.id, status: 'absent' }] });
    await t.app.jobs.runDue();
    const again = await t.app.db.selectFrom('notifications').selectAll().where('kind', '=', 'attendance.absent').execute();
    assert.equal(again.length, 1, 'one notice for one absence');
  });

  test('the same roll call saved several times at once (a double tap on a phone) is stored once', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saves = await Promise.all(
      Array.from({ length: 12 }, () => request(t.app, teacher, 'PUT', `/api/attendance/groups/${w.ce1.id}/roll-call`, { halfDay: 'pm', marks: [] })),
    );
    assert.deepEqual(
      saves.map((r) => r.statusCode),
      saves.map(() => 200),
      saves.map((r) => r.body).join('\n'),
    );
    assert.equal(new Set(saves.map((r) => r.json().id)).size, 1, 'one roll call');
    const stored = await t.app.db.selectFrom('attendanceRollCalls').select('id').where('groupId', '=', w.ce1.id).where('halfDay', '=', 'pm').execute();
    assert.equal(stored.length, 1, 'one row for the half-day');
  });

  test('a parent justifies their own child only; the school validates; the parent sees the status', async () => {
    const parent = await as(w.ce1aParent.id);
    const other = await request(t.app, parent, 'POST', '/api/attendance/justifications', { studentId: w.ce1b.id, from: today, to: today, reason: 'illness' });
    assert.equal(other.statusCode, 404, other.body);
    assert.equal(other.json().error.details[0].field, 'studentId', 'the field is named');
    const bad = await request(t.app, parent, 'POST', '/api/attendance/justifications', { studentId: w.ce1a.id, from: today, to: today, reason: 'other' });
    assert.equal(bad.statusCode, 400, 'other needs a comment');
    const outside = await request(t.app, parent, 'POST', '/api/attendance/justifications', {
      studentId: w.ce1a.id,
      from: '2020-01-06',
      to: today,
      reason: 'illness',
    });
    assert.equal(outside.statusCode, 400, 'a date outside the year');
    assert.equal(await count('attendanceJustifications'), 0, 'nothing stored');

    const sent = await request(t.app, parent, 'POST', '/api/attendance/justifications', {
      studentId: w.ce1a.id,
      from: today,
      to: today,
      reason: 'illness',
      comment: 'Fièvre',
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const id = sent.json().id as string;
    const pending = (await request(t.app, parent, 'GET', `/api/attendance/pupils/${w.ce1a.id}`)).json();
    assert.equal(pending.marks[0].state, 'pending', 'the absence waits for the school');

    const byTeacher = await request(t.app, await as(w.ce1Teacher.id), 'POST', `/api/attendance/justifications/${id}/review`, { decision: 'accept' });
    assert.equal(byTeacher.statusCode, 404, 'a teacher does not review');
    const byOther = await request(t.app, await as(w.otherTeacher.id), 'POST', `/api/attendance/justifications/${id}/review`, { decision: 'accept' });
    assert.equal(byOther.statusCode, 404, 'another school does not review');
    const noComment = await request(t.app, await as(w.director.id), 'POST', `/api/attendance/justifications/${id}/review`, { decision: 'refuse' });
    assert.equal(noComment.statusCode, 400, 'a refusal says why');
    const ok = await request(t.app, await as(w.director.id), 'POST', `/api/attendance/justifications/${id}/review`, { decision: 'accept', comment: 'Merci' });
    assert.equal(ok.statusCode, 200, ok.body);
    const twice = await request(t.app, await as(w.director.id), 'POST', `/api/attendance/justifications/${id}/review`, { decision: 'refuse', comment: 'Non' });
    assert.equal(twice.statusCode, 409, 'reviewed once');
    const record = (await request(t.app, parent, 'GET', `/api/attendance/pupils/${w.ce1a.id}`)).json();
    assert.equal(record.marks[0].state, 'accepted', 'justified');
    assert.equal(record.justifications[0].status, 'accepted', 'the parent sees the decision');
    assert.equal(record.totals.justified, 1, 'one justified half-day');
    await t.app.jobs.runDue();
    const told = await t.app.db.selectFrom('notifications').select('recipientId').where('kind', '=', 'attendance.reviewed').execute();
    assert.deepEqual(
      told.map((n) => n.recipientId),
      [w.ce1aParent.id],
      'the parent is told',
    );
    const otherParent = await request(t.app, await as(w.ce1bParent.id), 'GET', `/api/attendance/pupils/${w.ce1a.id}`);
    assert.equal(otherParent.statusCode, 404, 'another parent sees nothing');
    assert.ok(!otherParent.body.includes('Fièvre'), 'no comment leaks');
  });

  test('the day view shows the absences with contacts, the 9:30 flag, only to the school’s staff', async () => {
    const staff = await as(w.admin.id);
    clock.set('2027-03-16T08:40:00Z'); // 9:40 in Paris
    const day = (await request(t.app, staff, 'GET', '/api/attendance/day')).json();
    const ce1 = day.classes.find((c: { name: string }) => c.name === 'CE1');
    const cm2 = day.classes.find((c: { name: string }) => c.name === 'CM2');
    assert.equal(cm2.flagged, true, 'CM2 not called by 9:30');
    assert.equal(ce1.flagged, false, 'CE1 was called');
    assert.ok(
      ce1.marks.some((m: { contacts: { phone: string }[] }) => m.contacts.some((c) => c.phone === '06 12 34 56 78')),
      'the family’s phone is shown',
    );
    await t.app.jobs.runDue();
    const flags = await t.app.db.selectFrom('notifications').selectAll().where('kind', '=', 'attendance.uncalled').execute();
    assert.ok(flags.length > 0 && flags.every((f) => f.body?.includes('CM2') && !f.body.includes('CE1')), 'the office is told CM2 was not called');
    assert.ok(
      flags.some((f) => f.recipientId === w.director.id),
      'the director is told',
    );
    for (const id of [w.ce1Teacher.id, w.ce1aParent.id, w.otherTeacher.id]) {
      const res = await request(t.app, await as(id), 'GET', '/api/attendance/day');
      assert.equal(res.statusCode, 404, `no day view for ${id}`);
      assert.ok(!res.body.includes('06 12 34 56 78'), 'no contact leaks');
    }
    clock.set(TEST_NOW);
  });

  test('an announced absence pre-fills the roll call and is not notified', async () => {
    const staff = await as(w.admin.id);
    const wrong = await request(t.app, staff, 'POST', '/api/attendance/announced', { studentId: w.otherStudent.id, from: today, to: today, reason: 'medical' });
    assert.equal(wrong.statusCode, 404, 'another school’s pupil');
    const res = await request(t.app, staff, 'POST', '/api/attendance/announced', {
      studentId: w.cm2.id,
      from: today,
      to: today,
      halfDay: 'pm',
      reason: 'medical',
    });
    assert.equal(res.statusCode, 201, res.body);
    const director = await as(w.director.id);
    const view = (await request(t.app, director, 'GET', `/api/attendance/groups/${w.cm2Class.id}/roll-call?halfDay=pm`)).json();
    assert.equal(view.pupils[0].status, 'absent', 'pre-filled');
    assert.equal(view.pupils[0].announced, true, 'marked as announced');
    await callRoll(t.app, director, w.cm2Class.id, { halfDay: 'pm', marks: [{ studentId: w.cm2.id, status: 'absent' }] });
    await t.app.jobs.runDue();
    const notes = await t.app.db.selectFrom('notifications').selectAll().where('recipientId', '=', w.cm2Parent.id).execute();
    assert.equal(notes.length, 0, 'the family who announced it is not told');
    const record = (await request(t.app, await as(w.cm2Parent.id), 'GET', `/api/attendance/pupils/${w.cm2.id}`)).json();
    assert.equal(record.marks[0].state, 'announced', 'counted as announced');
  });

  test('four unjustified half-days in a month alert the director once; monthly figures and CSV', async () => {
    const teacher = await as(w.ce1Teacher.id);
    for (const date of ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12']) {
      await callRoll(t.app, teacher, w.ce1.id, { date, halfDay: 'am', marks: [{ studentId: w.ce1b.id, status: 'absent' }] });
      await t.app.jobs.runDue();
    }
    const alerts = await t.app.db.selectFrom('notifications').selectAll().where('kind', '=', 'attendance.threshold').execute();
    assert.deepEqual(
      alerts.map((a) => a.recipientId),
      [w.director.id],
      'one alert to the director',
    );
    const figures = (await request(t.app, teacher, 'GET', `/api/attendance/stats?groupId=${w.ce1.id}&month=2027-03`)).json();
    const b = figures.pupils.find((p: { studentId: string }) => p.studentId === w.ce1b.id);
    assert.equal(b.halfDays, 5, 'five half-days');
    assert.equal(b.unjustified, 5, 'none justified');
    assert.equal(b.lates, 0, 'the lateness was corrected away earlier');
    assert.equal(b.threshold, true, 'over the threshold');
    const csv = await request(t.app, teacher, 'GET', `/attendance/stats.csv?groupId=${w.ce1.id}&month=2027-03`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.body, /Noé Écolier;5;0;5;0;0/, 'the CSV row');
    const wrong = await request(t.app, await as(w.cm2Teacher.id), 'GET', `/api/attendance/stats?groupId=${w.ce1.id}`);
    assert.equal(wrong.statusCode, 404, 'another class’s teacher');
    const bad = await request(t.app, teacher, 'GET', `/api/attendance/stats?groupId=${w.ce1.id}&month=2019-01`);
    assert.equal(bad.statusCode, 400, 'a month of another year');
  });

  test('a school may make the e-mails wait for its quiet hours; only its managers change the setting', async () => {
    const settings = { mode: 'halfDay', noticesInQuietHours: false, wednesday: false };
    const byStaff = await request(t.app, await as(w.ce1Teacher.id), 'PUT', '/api/attendance/settings', settings);
    assert.equal(byStaff.statusCode, 404, 'a teacher does not manage');
    const saved = await request(t.app, await as(w.director.id), 'PUT', '/api/attendance/settings', settings);
    assert.equal(saved.statusCode, 200, saved.body);
    clock.set('2027-03-16T05:30:00Z'); // 6:30 in Paris, inside the default quiet hours (20:00–07:00)
    const teacher = await as(w.ce1Teacher.id);
    const call = await callRoll(t.app, teacher, w.ce1.id, {
      start: '06:30',
      end: '07:00',
      marks: [{ studentId: w.ce1a.id, status: 'absent' }],
    });
    await t.app.jobs.runDue();
    const mail = await t.app.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'attendance.mail')
      .where('key', 'like', `%${call.id}%`)
      .executeTakeFirstOrThrow();
    assert.equal(mail.status, 'pending', 'the e-mail waits');
    assert.equal(mail.runAt, '2027-03-16T06:00:00.000Z', 'until 7:00 in Paris');
    const note = await t.app.db.selectFrom('notifications').select('id').where('source', '=', `attendance.absent:${call.id}:${w.ce1a.id}`).executeTakeFirst();
    assert.ok(note, 'the in-app notice is there at once');
    await request(t.app, await as(w.director.id), 'PUT', '/api/attendance/settings', { ...settings, noticesInQuietHours: true });
    clock.set(TEST_NOW);
  });

  test('a closed year is read-only', async () => {
    const past = await buildClass(t.app.db, w.schoolA.id, { name: 'CE1 ancien', schoolYear: '2020-2021', teachers: [w.ce1Teacher.id], students: [w.ce1a.id] });
    const teacher = await as(w.ce1Teacher.id);
    const res = await request(t.app, teacher, 'PUT', `/api/attendance/groups/${past.id}/roll-call`, { date: '2021-03-16', marks: [] });
    assert.equal(res.statusCode, 404, res.body);
    const read = await request(t.app, teacher, 'GET', `/api/attendance/groups/${past.id}/roll-call?date=2021-03-16`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().canCall, false, 'read-only');
  });
});
