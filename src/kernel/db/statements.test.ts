import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase } from './index.js';

test('SQLite statements are reused across calls, and past the kept number still answer right', async () => {
  const { db, close } = openDatabase({ databaseUrl: null, sqliteFile: ':memory:' });
  try {
    await sql`create table t (id integer primary key, label text)`.execute(db);
    for (let i = 0; i < 5; i++) await sql`insert into t (id, label) values (${i}, ${`n${i}`})`.execute(db);
    // The same text with other parameters: one kept statement, the right rows each time.
    for (let i = 0; i < 5; i++) {
      const { rows } = await sql<{ label: string }>`select label from t where id = ${i}`.execute(db);
      assert.deepEqual(rows, [{ label: `n${i}` }]);
    }
    // More distinct texts than are kept: the oldest are prepared again when they come back.
    for (let i = 0; i < 1100; i++) {
      const { rows } = await sql<{ v: number }>`select ${sql.lit(i)} + id as v from t where id = ${1}`.execute(db);
      assert.equal(rows[0]!.v, i + 1);
    }
    const { rows } = await sql<{ label: string }>`select label from t where id = ${3}`.execute(db);
    assert.deepEqual(rows, [{ label: 'n3' }]);
    // A schema change under a kept statement: SQLite prepares it again by itself.
    await sql`alter table t add column extra text default 'x'`.execute(db);
    const again = await sql<{ label: string }>`select * from t where id = ${2}`.execute(db);
    assert.deepEqual(again.rows, [{ id: 2, label: 'n2', extra: 'x' }]);
  } finally {
    await close();
  }
});
