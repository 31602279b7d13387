import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { personArchive, zipJson } from '../privacy/testing.js';
import { buildSlot, TEST_MONDAY, TEST_NOW, timetableWorld } from './testing.js';

/** The timetable in the register and in the archives: a teacher's slots and the changes she made or that name her. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await timetableWorld(t.app);
});
after(() => t.close());

test('a teacher’s archive holds her slots; a change is in the archive of who made it and of the replacing teacher; a parent’s holds none', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  const entry = (res.json() as { items: Array<{ module: string; title: string }> }).items.find((i) => i.module === 'timetable');
  assert.equal(entry?.title, 'Emploi du temps', 'declared in the register');
  const slot = await buildSlot(t.app.db, {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    dayOfWeek: 1,
    startTime: '13:30',
    endTime: '14:30',
    subject: 'Éveil musical',
  });
  const change = await request(t.app, await loginAs(t.app, w.director.id), 'POST', `/api/timetable/slots/${slot.id}/changes`, {
    date: TEST_MONDAY,
    kind: 'teacher',
    newTeacherId: w.cm2Teacher.id,
    note: 'Remplacement pour la journée',
  });
  assert.equal(change.statusCode, 201, change.body);
  const archive = await personArchive(t.app, w.ce1Teacher.id);
  assert.deepEqual(
    zipJson(archive, 'timetable/creneaux-enseignes.json').map((s) => s.subject),
    ['Éveil musical'],
    'her slot',
  );
  for (const [who, why] of [
    [w.director.id, 'who recorded it'],
    [w.cm2Teacher.id, 'the replacing teacher'],
  ] as const)
    assert.deepEqual(
      zipJson(await personArchive(t.app, who), 'timetable/changements.json').map((c) => [c.slotId, c.kind, c.note]),
      [[slot.id, 'teacher', 'Remplacement pour la journée']],
      `the change, for ${why}`,
    );
  const parent = await personArchive(t.app, w.ce1aParent.id);
  assert.deepEqual(zipJson(parent, 'timetable/creneaux-enseignes.json'), [], 'a parent teaches nothing');
  assert.deepEqual(zipJson(parent, 'timetable/changements.json'), [], 'nor changed anything');
});
