// Shared set-up of the ONDE import tests: a migrated database, fixtures and read-back helpers.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, type Db, type DbHandle } from '../../../kernel/db/index.js';
import { kernelMigrations } from '../../../kernel/db/migrations.js';
import { testDatabase } from '../../../kernel/testing/index.js';
import { directoryMigrations } from '../migrations/index.js';
import '../tables.js';
import { decodeWindows1252, encodeWindows1252 } from './csv.js';
import { importOnde, type ImportReport } from './import.js';

export const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/onde/', import.meta.url));
export const YEAR = '2026-2027';
export type Files = { pupils: Uint8Array; teachers: Uint8Array; parents: Uint8Array };

export function fixture(set: string): Files {
  const read = (name: string) => fs.readFileSync(path.join(FIXTURES, set, name));
  return { pupils: read('eleves.csv'), teachers: read('enseignants.csv'), parents: read('responsables.csv') };
}

/** The latin1 set with some text replaced (the files stay windows-1252). */
export function edited(edits: Partial<Record<keyof Files, [string, string][]>>): Files {
  const files = fixture('latin1');
  for (const [file, pairs] of Object.entries(edits) as [keyof Files, [string, string][]][]) {
    let text = decodeWindows1252(files[file]);
    for (const [from, to] of pairs) {
      assert.ok(text.includes(from), `${file} has ${from}`);
      text = text.replace(from, to);
    }
    files[file] = encodeWindows1252(text);
  }
  return files;
}

let handle: DbHandle;
/** The test file's database (a live binding: set once the file's `before` hook has run). */
export let db: Db;

/** Registers the hooks that give the calling test file a fresh, migrated database. */
export function useImportDatabase(): void {
  before(async () => {
    handle = await testDatabase();
    db = handle.db;
    // The importer needs the kernel's and the directory's tables only.
    await migrateToLatest(db, { ...kernelMigrations, ...directoryMigrations }, handle.schema);
  });
  after(() => handle.close());
}

export const run = (structureId: string, files: Files, schoolYear = YEAR) => importOnde(db, { structureId, schoolYear, files, actorId: null });

export async function people(structureId: string) {
  return db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .selectAll('people')
    .select(['structureMembers.active', 'structureMembers.importKey', 'structureMembers.source'])
    .where('structureMembers.structureId', '=', structureId)
    .execute();
}

export async function find(structureId: string, firstName: string, lastName: string) {
  const found = (await people(structureId)).filter((p) => p.firstName === firstName && p.lastName === lastName);
  assert.equal(found.length, 1, `${firstName} ${lastName}`);
  return found[0]!;
}

export async function classesOf(personId: string, schoolYear = YEAR) {
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select('groups.name')
    .where('groupMembers.personId', '=', personId)
    .where('groups.schoolYear', '=', schoolYear)
    .execute();
  return rows.map((r) => r.name).sort();
}

export async function childrenOf(relativeId: string) {
  const rows = await db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select(['people.firstName', 'relativeLinks.legalGuardian', 'relativeLinks.source'])
    .where('relativeLinks.relativeId', '=', relativeId)
    .execute();
  return rows;
}

export async function tableCounts() {
  const count = async (table: 'people' | 'groups' | 'groupMembers' | 'structureMembers' | 'relativeLinks' | 'structureRoles' | 'importRuns') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    people: await count('people'),
    groups: await count('groups'),
    groupMembers: await count('groupMembers'),
    structureMembers: await count('structureMembers'),
    relativeLinks: await count('relativeLinks'),
    structureRoles: await count('structureRoles'),
    importRuns: await count('importRuns'),
  };
}

export const counts = (r: ImportReport) => r.counts;
