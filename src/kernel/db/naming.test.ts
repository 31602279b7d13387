import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../testing/index.js';
import { jsonRows, jsonRowsOf, type Db } from './index.js';

// Tables made here exist only for this test; Kysely sees them through a local schema type.
interface Scratch {
  scratchPeople: { id: string; firstName: string; schoolYear: string };
  scratchRoles: { personId: string; roleName: string; rank: number };
}

test('camelCase names in code are snake_case in SQL, and rows come back in camelCase, on both engines', async () => {
  const handle = await testDatabase();
  const db = handle.db as unknown as Db & import('kysely').Kysely<Scratch>;
  try {
    await sql`create table scratch_people (id text primary key, first_name text not null, school_year text not null)`.execute(db);
    await sql`create table scratch_roles (person_id text not null, role_name text not null, rank integer not null)`.execute(db);
    const compiled = db.selectFrom('scratchPeople').select(['firstName', 'schoolYear']).where('scratchPeople.id', '=', 'p1').compile();
    assert.match(compiled.sql, /"scratch_people"\."id"/, `table and column in snake_case: ${compiled.sql}`);
    assert.match(compiled.sql, /"first_name", "school_year"/, `selected columns in snake_case: ${compiled.sql}`);
    await db.insertInto('scratchPeople').values({ id: 'p1', firstName: 'Léa', schoolYear: '2026-2027' }).execute();
    await db
      .insertInto('scratchRoles')
      .values([
        { personId: 'p1', roleName: 'b', rank: 2 },
        { personId: 'p1', roleName: 'a', rank: 1 },
      ])
      .execute();
    const row = await db
      .selectFrom('scratchPeople')
      .select(['firstName', 'schoolYear'])
      .select((eb) =>
        jsonRows(
          db,
          eb
            .selectFrom('scratchRoles')
            .select(['scratchRoles.roleName', 'scratchRoles.rank'])
            .whereRef('scratchRoles.personId', '=', 'scratchPeople.id')
            .orderBy('rank'),
        ).as('roles'),
      )
      .executeTakeFirstOrThrow();
    assert.deepEqual({ firstName: row.firstName, schoolYear: row.schoolYear }, { firstName: 'Léa', schoolYear: '2026-2027' });
    assert.deepEqual(jsonRowsOf(row.roles), [
      { roleName: 'a', rank: 1 },
      { roleName: 'b', rank: 2 },
    ]);
    const none = await db
      .selectFrom('scratchPeople')
      .select((eb) => jsonRows(db, eb.selectFrom('scratchRoles').select(['scratchRoles.roleName']).where('scratchRoles.personId', '=', 'nobody')).as('roles'))
      .executeTakeFirstOrThrow();
    assert.deepEqual(jsonRowsOf(none.roles), [], 'no row is an empty array, not null');
  } finally {
    await handle.close();
  }
});
