import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { RequestsNotesTable } from '../tables.js';

/** The schools a municipality owns, by name. */
export async function schoolsOf(db: Db, municipalityIds: string[]) {
  if (municipalityIds.length === 0) return [];
  return db
    .selectFrom('structures')
    .select(['id', 'name', 'parentId'])
    .where('parentId', 'in', municipalityIds)
    .where('kind', 'in', ['school', 'college', 'lycee'])
    .orderBy('name')
    .execute();
}

export async function insertNote(db: Db, note: RequestsNotesTable, schoolIds: string[]) {
  await db.insertInto('requestsNotes').values(note).execute();
  if (schoolIds.length > 0)
    await db
      .insertInto('requestsNoteSchools')
      .values(schoolIds.map((structureId) => ({ noteId: note.id, structureId })))
      .execute();
}

/** The schools among `schoolIds` that a note is sent to (all the municipality's, or those listed). */
function targetedAmong(db: Db, schoolIds: string[]) {
  const ids = schoolIds.length > 0 ? schoolIds : [''];
  return db
    .selectFrom('structures as s')
    .select('s.id')
    .where('s.id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.and([eb(sql.ref<number>('n.allSchools'), '=', 1), eb('s.parentId', '=', sql.ref<string>('n.municipalityId'))]),
        eb.exists(
          eb
            .selectFrom('requestsNoteSchools as ns')
            .select('ns.noteId')
            .where('ns.noteId', '=', sql.ref<string>('n.id'))
            .whereRef('ns.structureId', '=', 's.id'),
        ),
      ]),
    );
}

/** A note with whether the asker directs one of the schools it is sent to. */
export async function noteFacts(db: Db, directedSchools: string[], id: string) {
  const row = await db
    .selectFrom('requestsNotes as n')
    .innerJoin('people as p', 'p.id', 'n.authorId')
    .selectAll('n')
    .select(['p.firstName', 'p.lastName', 'p.usageName'])
    .select((eb) => eb.exists(targetedAmong(db, directedSchools)).as('directsTargetedSchool'))
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, directsTargetedSchool: !!row.directsTargetedSchool } : null;
}

/** The first school among the director's that a note is sent to (where the read is recorded). */
export async function targetedSchool(db: Db, directedSchools: string[], noteId: string) {
  const row = await db
    .selectFrom('requestsNotes as n')
    .select(() => targetedAmong(db, directedSchools).limit(1).as('structureId'))
    .where('n.id', '=', noteId)
    .executeTakeFirst();
  return row?.structureId ?? null;
}

/** Notes sent to the director's schools, newest first, with whether they opened each. */
export async function notesForDirector(db: Db, personId: string, directedSchools: string[]) {
  return db
    .selectFrom('requestsNotes as n')
    .leftJoin('requestsNoteReads as r', (j) => j.onRef('r.noteId', '=', 'n.id').on('r.personId', '=', personId))
    .select(['n.id', 'n.title', 'n.createdAt', 'r.readAt'])
    .where((eb) => eb.exists(targetedAmong(db, directedSchools)))
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id')
    .limit(100)
    .execute();
}

/** The municipalities' notes, newest first, with how many directors opened each. */
export async function notesForAgent(db: Db, municipalityIds: string[]) {
  return db
    .selectFrom('requestsNotes as n')
    .select(['n.id', 'n.title', 'n.createdAt', 'n.allSchools'])
    .select((eb) =>
      eb
        .selectFrom('requestsNoteReads as r')
        .select(sql<number>`count(*)`.as('c'))
        .whereRef('r.noteId', '=', 'n.id')
        .as('reads'),
    )
    .where('n.municipalityId', 'in', municipalityIds.length > 0 ? municipalityIds : [''])
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id')
    .limit(100)
    .execute();
}

/** The schools a note is sent to, each with its directors and when each opened it. */
export async function noteReaders(db: Db, note: { id: string; municipalityId: string; allSchools: number }) {
  const schools = note.allSchools
    ? await schoolsOf(db, [note.municipalityId])
    : await db
        .selectFrom('requestsNoteSchools as ns')
        .innerJoin('structures as s', 's.id', 'ns.structureId')
        .select(['s.id', 's.name', 's.parentId'])
        .where('ns.noteId', '=', note.id)
        .orderBy('s.name')
        .execute();
  if (schools.length === 0) return [];
  const directors = await db
    .selectFrom('structureRoles as sr')
    .innerJoin('people as p', 'p.id', 'sr.personId')
    .leftJoin('requestsNoteReads as r', (j) => j.onRef('r.personId', '=', 'p.id').on('r.noteId', '=', note.id))
    .select(['sr.structureId', 'p.id', 'p.firstName', 'p.lastName', 'p.usageName', 'r.readAt'])
    .where(
      'sr.structureId',
      'in',
      schools.map((s) => s.id),
    )
    .where('sr.role', '=', 'director')
    .execute();
  return schools.map((s) => ({ ...s, directors: directors.filter((d) => d.structureId === s.id) }));
}

/** Records the first opening only. */
export async function markRead(db: Db, row: { noteId: string; personId: string; structureId: string; readAt: string }) {
  await db
    .insertInto('requestsNoteReads')
    .values(row)
    .onConflict((oc) => oc.columns(['noteId', 'personId']).doNothing())
    .execute();
}
