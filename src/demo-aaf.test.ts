import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrations } from './app.js';
import { migrateToLatest } from './kernel/db/index.js';
import { verifyPassword } from './kernel/auth/password.js';
import { testDatabase } from './kernel/testing/index.js';
import { schoolYearOf, teacherSubjects } from './modules/directory/index.js';
import { DEMO_PASSWORD, loadDemo } from './demo.js';

test('the demo also has a collège from the AAF import, with a teacher who can log in and their subjects', async () => {
  const database = await testDatabase();
  try {
    await migrateToLatest(database.db, migrations, database.schema);
    const first = await loadDemo(database.db);
    const college = first.logins.find((l) => l.role.includes('Collège'));
    assert.ok(college, first.logins.map((l) => l.role).join(', '));
    const teacher = await database.db
      .selectFrom('people')
      .select(['id', 'passwordHash', 'profile'])
      .where('login', '=', college.login)
      .executeTakeFirstOrThrow();
    assert.equal(teacher.profile, 'teacher');
    assert.equal(await verifyPassword(teacher.passwordHash, DEMO_PASSWORD), true);
    const taught = await teacherSubjects(database.db, teacher.id, schoolYearOf());
    assert.ok(taught.length >= 2, JSON.stringify(taught));
    const colleges = await database.db.selectFrom('structures').select('id').where('kind', '=', 'college').execute();
    assert.equal(colleges.length, 1);

    await loadDemo(database.db);
    const runs = await database.db.selectFrom('aafRuns').select('id').execute();
    assert.equal(runs.length, 1, 'a second run reuses the loaded collège');
  } finally {
    await database.close();
  }
});
