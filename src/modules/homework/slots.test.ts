import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { buildSlot } from '../timetable/testing.js';
import { todayInParis } from './dates.js';
import { subjectsOf } from './repository/subjects.js';
import { homeworkWorld, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const today = todayInParis(clock.now());

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await homeworkWorld(t.app);
  // TEST_NOW is a Monday: one slot for the CE1 teacher, one for the CM2 teacher.
  await buildSlot(t.app.db, { groupId: w.ce1.id, teacherId: w.ce1Teacher.id, dayOfWeek: 1, startTime: '13:30', endTime: '14:15', subject: 'Mathématiques' });
  await buildSlot(t.app.db, { groupId: w.cm2Class.id, teacherId: w.cm2Teacher.id, dayOfWeek: 1, startTime: '09:00', endTime: '10:00', subject: 'Histoire' });
});
after(() => t.close());

test('the lesson form lists the teacher’s slots of the day as links, and a link fills the form in', async () => {
  const session = await loginAs(t.app, w.ce1Teacher.id);
  const form = await request(t.app, session, 'GET', '/homework/lessons/new');
  assert.equal(form.statusCode, 200);
  const href = /<a href="(\/homework\/lessons\/new\?[^"]+)">13:30 – 14:15 · CE1 · Mathématiques<\/a>/.exec(form.body)?.[1];
  assert.ok(href, 'the CE1 slot is offered as a link');
  assert.ok(!form.body.includes('Histoire'), 'not a colleague’s slot');
  const filled = await request(t.app, session, 'GET', href!.replace(/&amp;/g, '&'));
  assert.equal(filled.statusCode, 200);
  const maths = (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'MATHS')!;
  assert.ok(filled.body.includes(`<option value="${w.ce1.id}" selected`), 'the group is chosen');
  assert.ok(filled.body.includes(`<option value="${maths.id}" selected`), 'the subject is chosen');
  assert.ok(
    filled.body.includes(`value="${today}"`) && filled.body.includes('value="13:30"') && filled.body.includes('value="14:15"'),
    'date and times filled in',
  );
  const bad = await request(t.app, session, 'GET', '/homework/lessons/new?startTime=25:00');
  assert.equal(bad.statusCode, 400, 'a bad time in the link is refused');
});
