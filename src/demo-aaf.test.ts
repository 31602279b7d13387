import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from './app.js';
import { verifyPassword } from './kernel/auth/password.js';
import { buildTestApp } from './kernel/testing/index.js';
import { schoolYearOf, teacherSubjects } from './modules/directory/index.js';
import { DEMO_PASSWORD, loadDemo } from './demo.js';

test('the demo also has a collège from the AAF import, with a teacher who can log in and their subjects', async () => {
  const t = await buildTestApp(buildApp);
  try {
    const db = t.app.db;
    const first = await loadDemo(t.app);
    const college = first.logins.find((l) => l.role.includes('Collège'));
    assert.ok(college, first.logins.map((l) => l.role).join(', '));
    const teacher = await db.selectFrom('people').select(['id', 'passwordHash', 'profile']).where('login', '=', college.login).executeTakeFirstOrThrow();
    assert.equal(teacher.profile, 'teacher');
    assert.equal(await verifyPassword(teacher.passwordHash, DEMO_PASSWORD), true);
    const taught = await teacherSubjects(db, teacher.id, schoolYearOf(t.app.clock.now()));
    assert.ok(taught.length >= 2, JSON.stringify(taught));
    const colleges = await db.selectFrom('structures').select('id').where('kind', '=', 'college').execute();
    assert.equal(colleges.length, 1);

    const socle = async () =>
      db
        .selectFrom('assessments')
        .innerJoin('assessmentLevels', 'assessmentLevels.assessmentId', 'assessments.id')
        .select(['assessments.id', 'assessments.kind', 'assessmentLevels.skillCode'])
        .where('assessments.teacherId', '=', teacher.id)
        .execute();
    const levels = await socle();
    assert.equal(new Set(levels.map((l) => l.id)).size, 3, 'three marked assessments of one collège class');
    assert.ok(levels.length > 0 && levels.every((l) => l.kind === 'marks' && l.skillCode.startsWith('SOCLE.')), 'socle components positioned beside the marks');

    await loadDemo(t.app);
    assert.equal((await socle()).length, levels.length, 'not seeded twice');
    const runs = await db.selectFrom('aafRuns').select('id').execute();
    assert.equal(runs.length, 1, 'a second run reuses the loaded collège');
  } finally {
    await t.close();
  }
});
