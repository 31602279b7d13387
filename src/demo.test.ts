import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrations } from './app.js';
import { migrateToLatest } from './kernel/db/index.js';
import { testDatabase } from './kernel/testing/index.js';
import { verifyPassword } from './kernel/auth/password.js';
import { DEMO_PASSWORD, DEMO_UAI, loadDemo } from './demo.js';

test('the demo loads a realistic school once, through the ONDE import, with working logins', async () => {
  const database = await testDatabase();
  try {
    await migrateToLatest(database.db, migrations, database.schema);
    const first = await loadDemo(database.db);
    assert.equal(first.report?.status, 'done');
    assert.equal(first.report?.errors.length, 0);
    const { counts } = first.report!;
    assert.ok(counts.pupils.created >= 240 && counts.pupils.created <= 260, `pupils: ${counts.pupils.created}`);
    assert.ok(counts.teachers.created >= 12, `teachers: ${counts.teachers.created}`);
    assert.ok(counts.classes.created >= 10, `classes: ${counts.classes.created}`);
    const roles = first.logins.map((l) => l.role);
    assert.equal(roles.length, 7, roles.join(', '));
    for (const login of first.logins.filter((l) => l.password)) {
      const person = await database.db.selectFrom('people').select('passwordHash').where('login', '=', login.login).executeTakeFirstOrThrow();
      assert.equal(await verifyPassword(person.passwordHash, DEMO_PASSWORD), true, login.login);
    }
    const pending = first.logins.find((l) => l.activationCode);
    assert.match(pending?.activationCode ?? '', /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const second = await loadDemo(database.db);
    assert.equal(second.report, null, 'a second run reuses the loaded school');
    assert.deepEqual(second.logins, first.logins);
    const schools = await database.db.selectFrom('structures').select('id').where('uai', '=', DEMO_UAI).execute();
    assert.equal(schools.length, 1);
  } finally {
    await database.close();
  }
});
