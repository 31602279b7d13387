import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { schoolYearOf } from './school-year.js';
import { buildClass, buildWorld, type World } from './testing.js';

// A fixed day, so that "this year" and "last year" do not depend on when the tests run.
const clock = new TestClock('2027-03-15T10:00:00Z');
const thisYear = schoolYearOf(clock.now());
const lastYear = `${Number(thisYear.slice(0, 4)) - 1}-${thisYear.slice(0, 4)}`;

let t: TestApp;
let w: World;
let pastClass: Awaited<ReturnType<typeof buildClass>>;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  // buildWorld's classes take the machine's year: move them to the clock's.
  await t.app.db.updateTable('groups').set({ schoolYear: thisYear }).execute();
  pastClass = await buildClass(t.app.db, w.schoolA.id, { name: 'CP', schoolYear: lastYear, teachers: [w.ce1Teacher.id], students: [w.ce1a.id] });
});
after(() => t.close());

describe('classes of a closed school year', () => {
  test('are read-only: no pupil moves into them, no class is created in that year', async () => {
    const admin = await loginAs(t.app, w.admin.id, w.schoolA.id);
    const move = await request(t.app, admin, 'POST', `/api/directory/people/${w.ce1b.id}/move`, { classId: pastClass.id });
    assert.equal(move.statusCode, 403);
    const members = await t.app.db.selectFrom('groupMembers').select('personId').where('groupId', '=', pastClass.id).execute();
    assert.deepEqual(members.map((m) => m.personId).sort(), [w.ce1Teacher.id, w.ce1a.id].sort());
    const create = await request(t.app, admin, 'POST', `/api/directory/structures/${w.schoolA.id}/classes`, { name: 'CE2', schoolYear: lastYear });
    assert.equal(create.statusCode, 404);
    const made = await t.app.db.selectFrom('groups').select('id').where('name', '=', 'CE2').execute();
    assert.deepEqual(made, []);
    const now = await request(t.app, admin, 'POST', `/api/directory/structures/${w.schoolA.id}/classes`, { name: 'CE2' });
    assert.equal(now.statusCode, 201, now.body);
    assert.equal(now.json().schoolYear, thisYear, 'the default year comes from the clock');
  });

  test('their teacher still reads them; their pupils and families no longer see them', async () => {
    const teacher = await request(t.app, await loginAs(t.app, w.ce1Teacher.id), 'GET', `/api/directory/classes/${pastClass.id}`);
    assert.equal(teacher.statusCode, 200);
    assert.equal(teacher.json().closed, true);
    const pupil = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', `/api/directory/classes/${pastClass.id}`);
    assert.equal(pupil.statusCode, 404);
    assert.ok(!pupil.body.includes('Léa'), 'no names');
    const parent = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', `/api/directory/classes/${pastClass.id}`);
    assert.equal(parent.statusCode, 404);
    const list = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', `/api/directory/structures/${w.schoolA.id}/classes?year=${lastYear}`);
    assert.deepEqual(list.json(), []);
    const teacherList = await request(
      t.app,
      await loginAs(t.app, w.ce1Teacher.id),
      'GET',
      `/api/directory/structures/${w.schoolA.id}/classes?year=${lastYear}`,
    );
    assert.deepEqual(
      teacherList.json().map((c: { id: string }) => c.id),
      [pastClass.id],
    );
    const current = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', `/api/directory/classes/${w.ce1.id}`);
    assert.equal(current.statusCode, 200, 'this year’s class stays open to its pupils');
    assert.equal(current.json().closed, false);
  });
});

describe('input bounds', () => {
  test('page sizes that are not finite whole numbers are a 400 in the JSON envelope', async () => {
    const admin = await loginAs(t.app, w.admin.id, w.schoolA.id);
    for (const limit of ['Infinity', '1e999', '-Infinity', '2.5', '0']) {
      const res = await request(t.app, admin, 'GET', `/api/directory/people?limit=${limit}`);
      assert.equal(res.statusCode, 400, limit);
      assert.equal(res.json().error.code, 'validation', limit);
      const runs = await request(t.app, admin, 'GET', `/api/directory/structures/${w.schoolA.id}/imports?limit=${limit}`);
      assert.equal(runs.statusCode, 400, `runs ${limit}`);
      assert.equal(runs.json().error.code, 'validation', `runs ${limit}`);
    }
  });

  test('a class name already used that year is a 409', async () => {
    const admin = await loginAs(t.app, w.admin.id, w.schoolA.id);
    const res = await request(t.app, admin, 'POST', `/api/directory/structures/${w.schoolA.id}/classes`, { name: 'CE1' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'directory.class_name_taken');
    const ce1s = await t.app.db.selectFrom('groups').select('id').where('name', '=', 'CE1').where('structureId', '=', w.schoolA.id).execute();
    assert.equal(ce1s.length, 1);
  });
});
