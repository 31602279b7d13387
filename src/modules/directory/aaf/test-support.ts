// Shared set-up of the AAF import tests: a migrated database, generated feeds and read-back helpers.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { migrateToLatest, type Db, type DbHandle } from '../../../kernel/db/index.js';
import { kernelMigrations } from '../../../kernel/db/migrations.js';
import { testDatabase } from '../../../kernel/testing/index.js';
import { directoryMigrations } from '../migrations/index.js';
import '../tables.js';
import type { GeneratedFile } from './generate.js';
import { importAaf, type AafReport, type AafSource } from './import.js';

export const YEAR = '2026-2027';

let handle: DbHandle;
/** The test file's database (a live binding: set once the file's `before` hook has run). */
export let db: Db;

export function useAafDatabase(): void {
  before(async () => {
    handle = await testDatabase();
    db = handle.db;
    await migrateToLatest(db, { ...kernelMigrations, ...directoryMigrations }, handle.schema);
  });
  after(() => handle.close());
}

/** Generated files as sources, each read in small chunks (so that values straddle chunks). */
export const sources = (files: GeneratedFile[], chunk = 4096): AafSource[] =>
  files.map((f) => ({
    name: f.name,
    read: function* () {
      for (let i = 0; i < f.bytes.length; i += chunk) yield f.bytes.subarray(i, i + chunk);
    },
  }));

export const run = (files: GeneratedFile[], schoolYear = YEAR): Promise<AafReport> => importAaf(db, { schoolYear, sources: sources(files), actorId: null });

export async function personByJointure(jointure: string) {
  const row = await db
    .selectFrom('aafPeople')
    .innerJoin('people', 'people.id', 'aafPeople.personId')
    .selectAll('people')
    .select(['aafPeople.jointure', 'aafPeople.mefLabel', 'aafPeople.regime', 'aafPeople.otherFirstNames'])
    .where('aafPeople.jointure', '=', jointure)
    .executeTakeFirst();
  assert.ok(row, `person ${jointure}`);
  return row;
}

export async function structureByJointure(jointure: string) {
  const row = await db
    .selectFrom('aafStructures')
    .innerJoin('structures', 'structures.id', 'aafStructures.structureId')
    .selectAll('structures')
    .select(['aafStructures.academy', 'aafStructures.address'])
    .where('aafStructures.jointure', '=', jointure)
    .executeTakeFirstOrThrow();
  return row;
}

/** A person's groups of the year by name, with their role. */
export async function groupsOf(personId: string, schoolYear = YEAR) {
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groups.name', 'groups.kind', 'groupMembers.role'])
    .where('groupMembers.personId', '=', personId)
    .where('groups.schoolYear', '=', schoolYear)
    .execute();
  return rows.map((r) => `${r.name}:${r.role}`).sort();
}

export async function tableCounts() {
  const tables = [
    'structures',
    'people',
    'groups',
    'groupMembers',
    'structureMembers',
    'relativeLinks',
    'structureRoles',
    'aafPeople',
    'teachingAssignments',
    'directorySubjects',
    'groupRoles',
    'studentContacts',
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    out[table] = Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return out;
}

/** Everything the people rows hold but their timestamps, to compare two states. */
export async function snapshot() {
  const people = await db.selectFrom('people').select(['id', 'firstName', 'lastName', 'usageName', 'status', 'profile', 'updatedAt']).orderBy('id').execute();
  const members = await db.selectFrom('structureMembers').selectAll().orderBy('personId').orderBy('structureId').execute();
  const links = await db.selectFrom('relativeLinks').selectAll().orderBy('relativeId').orderBy('studentId').execute();
  return JSON.stringify({ people, members, links, counts: await tableCounts() });
}
