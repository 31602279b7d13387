import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { attendanceWorld, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);
const post = (s: Session, fields: Record<string, string>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', '/attendance/settings', f.payload, { headers: f.headers });
};
const stored = () => t.app.db.selectFrom('attendanceSettings').selectAll().where('structureId', '=', w.schoolA.id).executeTakeFirst();

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await attendanceWorld(t.app);
});
after(() => t.close());

describe('the attendance settings page', () => {
  test('only the school’s managers reach it; others change nothing', async () => {
    for (const id of [w.ce1Teacher.id, w.ce1aParent.id, w.ce1a.id, w.otherTeacher.id]) {
      const s = await as(id);
      assert.equal((await request(t.app, s, 'GET', '/attendance/settings')).statusCode, 404, `no page for ${id}`);
      const sent = await post(s, { mode: 'lesson', rollCallDeadline: '08:00', wednesday: 'on' });
      assert.equal(sent.statusCode, 404, `no change by ${id}`);
      assert.doesNotMatch(sent.body, /rollCallDeadline/, 'no form shown');
    }
    assert.equal(await stored(), undefined, 'nothing stored');
    const index = await request(t.app, await as(w.director.id), 'GET', '/attendance');
    assert.match(index.body, /href="\/attendance\/settings"/, 'the director finds the page from the first page');
    const teacherIndex = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/attendance');
    assert.doesNotMatch(teacherIndex.body, /href="\/attendance\/settings"/, 'a teacher does not');
    assert.equal((await request(t.app, await as(w.admin.id), 'GET', '/attendance/settings')).statusCode, 200, 'the local administrator manages');
  });

  test('the form shows the school’s defaults; a bad deadline comes back named with what was typed; nothing stored', async () => {
    const director = await as(w.director.id);
    const page = await request(t.app, director, 'GET', '/attendance/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="rollCallDeadline" type="time" value="09:30"/, 'the 9:30 default');
    assert.match(page.body, /id="field-mode-halfDay" name="mode" value="halfDay" checked/, 'a primary school calls per half-day');
    assert.match(page.body, /name="noticesInQuietHours" value="on" checked/, 'absence notices ignore quiet hours by default');
    for (const deadline of ['13:00', '6:30', 'neuf heures']) {
      const bad = await post(director, { mode: 'lesson', rollCallDeadline: deadline, wednesday: 'on' });
      assert.equal(bad.statusCode, 400, `${deadline} refused`);
      assert.match(
        bad.body,
        /id="field-rollCallDeadline-error">Heure limite de l’appel : indiquez une heure entre 7 h et 11 h 45/,
        'the message names the field',
      );
      assert.ok(bad.body.includes(`value="${deadline}"`), `what was typed comes back: ${deadline}`);
      assert.match(bad.body, /id="field-mode-lesson" name="mode" value="lesson" checked/, 'the chosen mode stays');
      assert.match(bad.body, /name="wednesday" value="on" checked/, 'the ticked box stays');
      assert.doesNotMatch(bad.body, /name="noticesInQuietHours" value="on" checked/, 'the unticked box stays unticked');
    }
    const mode = await post(director, { mode: 'chaque heure', rollCallDeadline: '09:30' });
    assert.equal(mode.statusCode, 400, 'an unknown mode');
    assert.equal(await stored(), undefined, 'nothing stored');
    const api = await request(t.app, director, 'PUT', '/api/attendance/settings', {
      mode: 'halfDay',
      noticesInQuietHours: true,
      wednesday: false,
      rollCallDeadline: '12:30',
    });
    assert.equal(api.statusCode, 400, 'the API refuses it too');
    assert.match(api.body, /rollCallDeadline/, 'naming the field');
  });

  test('a later deadline moves the day view’s flag and the office’s notice', async () => {
    const director = await as(w.director.id);
    const saved = await post(director, { mode: 'halfDay', rollCallDeadline: '10:15', noticesInQuietHours: 'on' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const row = await stored();
    assert.deepEqual([row?.mode, row?.rollCallDeadline, row?.noticesInQuietHours, row?.wednesday], ['halfDay', '10:15', 1, 0]);
    assert.match((await request(t.app, director, 'GET', '/attendance/settings')).body, /value="10:15"/, 'shown again');

    clock.set('2027-03-16T08:40:00Z'); // 9:40 in Paris: past the old 9:30, before 10:15
    const staff = await as(w.director.id);
    const early = (await request(t.app, staff, 'GET', '/api/attendance/day')).json();
    assert.equal(early.deadline, '10:15');
    assert.ok(
      early.classes.every((c: { flagged: boolean }) => !c.flagged),
      'nobody flagged before the school’s deadline',
    );
    await t.app.jobs.runDue();
    const none = await t.app.db.selectFrom('notifications').select('id').where('kind', '=', 'attendance.uncalled').execute();
    assert.equal(none.length, 0, 'no notice before the deadline');

    clock.set('2027-03-16T09:15:00Z'); // 10:15 in Paris
    const late = await request(t.app, await as(w.director.id), 'GET', '/attendance/day');
    assert.match(late.body, /Appel non fait à 10 h 15/, 'the flag says the school’s hour');
    await t.app.jobs.runDue();
    const flags = await t.app.db.selectFrom('notifications').select(['title', 'recipientId']).where('kind', '=', 'attendance.uncalled').execute();
    assert.ok(flags.length > 0, 'the office is told at the deadline');
    assert.ok(
      flags.every((f) => f.title.endsWith('sans appel à 10 h 15')),
      flags.map((f) => f.title).join(', '),
    );
    clock.set(TEST_NOW);
  });
});
