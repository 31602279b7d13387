// Kysely queries of the cahier de liaison. Lists start from who asks (`readableNoteIds`), the same
// rule as `liaison.note.read` in policy.ts, applied in SQL.
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { groupIdsOf, groupsOf, type GroupRelation } from '../directory/index.js';
import type { LiaisonAnswersTable, LiaisonFamilyNotesTable, LiaisonNotesTable } from './tables.js';
import './tables.js';

export type NoteRow = LiaisonNotesTable;

/** Structures where the person is the director. */
const directedStructures = (actor: Actor) =>
  Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director'))
    .map(([id]) => id);

/** The children of whom the person is a legal guardian, as a subquery. */
export const guardedChildren = (db: Db, personId: string) =>
  db
    .selectFrom('relativeLinks')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', personId)
    .where('relativeLinks.legalGuardian', '=', 1);

/** Ids of the notes the actor may read, for `in (…)`: the read rule in SQL. */
export function readableNoteIds(db: Db, actor: Actor, year: string) {
  const directed = directedStructures(actor);
  return db
    .selectFrom('liaisonNotes as n')
    .select('n.id')
    .where((eb) => {
      const ors = [eb('n.authorId', '=', actor.personId), eb('n.groupId', 'in', groupIdsOf(db, actor.personId, year, { as: 'teacher' }))];
      if (directed.length > 0) ors.push(eb('n.structureId', 'in', directed));
      if (actor.profile === 'relative')
        ors.push(
          eb.and([
            eb('n.schoolYear', '=', year),
            eb.exists(
              eb
                .selectFrom('liaisonNoteChildren as c')
                .select('c.noteId')
                .whereRef('c.noteId', '=', 'n.id')
                .where('c.studentId', 'in', guardedChildren(db, actor.personId)),
            ),
          ]),
        );
      if (actor.profile === 'student')
        ors.push(
          eb.and([
            eb('n.schoolYear', '=', year),
            eb('n.showToPupils', '=', 1),
            eb.exists(eb.selectFrom('liaisonNoteChildren as c').select('c.noteId').whereRef('c.noteId', '=', 'n.id').where('c.studentId', '=', actor.personId)),
          ]),
        );
      return eb.or(ors);
    });
}

export async function findNote(db: Db, id: string) {
  return db.selectFrom('liaisonNotes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How the person stands towards a group in its year (teacher, pupil, parent). */
export async function relationsTo(db: Db, personId: string, groupId: string, year: string): Promise<GroupRelation[]> {
  const rows = await db
    .selectFrom(groupsOf(db, personId, year).as('g'))
    .select('g.relation')
    .where('g.groupId', '=', groupId)
    .execute();
  return [...new Set(rows.map((r) => r.relation))];
}

/** Of these children, the ones the person is a legal guardian of. */
export async function guardedAmong(db: Db, personId: string, noteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('liaisonNoteChildren')
    .select('studentId')
    .where('noteId', '=', noteId)
    .where('studentId', 'in', guardedChildren(db, personId))
    .execute();
  return rows.map((r) => r.studentId);
}

export async function isConcerned(db: Db, noteId: string, studentId: string): Promise<boolean> {
  return !!(await db.selectFrom('liaisonNoteChildren').select('noteId').where('noteId', '=', noteId).where('studentId', '=', studentId).executeTakeFirst());
}

/** The pupils of a class, with their names. */
export async function classPupils(db: Db, groupId: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .execute();
}

export async function findGroup(db: Db, groupId: string) {
  return db.selectFrom('groups').select(['id', 'name', 'structureId', 'schoolYear', 'level']).where('id', '=', groupId).executeTakeFirst();
}

/** Classes of the year a teacher teaches, or every class of the director's schools. */
export async function classesToWrite(db: Db, actor: Actor, year: string) {
  const directed = directedStructures(actor);
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'level', 'structureId'])
    .where('schoolYear', '=', year)
    .where('kind', '=', 'class')
    .where((eb) => {
      const ors = [eb('id', 'in', groupIdsOf(db, actor.personId, year, { as: 'teacher' }))];
      if (directed.length > 0) ors.push(eb('structureId', 'in', directed));
      return eb.or(ors);
    })
    .execute();
}

export async function insertNote(db: Db, note: NoteRow, studentIds: string[]) {
  await db.insertInto('liaisonNotes').values(note).execute();
  if (studentIds.length > 0)
    await db
      .insertInto('liaisonNoteChildren')
      .values(studentIds.map((studentId) => ({ noteId: note.id, studentId })))
      .execute();
}

/** The notes the actor may read, newest first, with counts of children and answers (a parent's own children only). */
export async function listNotes(db: Db, actor: Actor, year: string, options: { groupId?: string; limit: number; offset: number }) {
  let q = db
    .selectFrom('liaisonNotes as n')
    .innerJoin('groups as g', 'g.id', 'n.groupId')
    .innerJoin('people as a', 'a.id', 'n.authorId')
    .select((eb) => [
      'n.id',
      'n.groupId',
      'g.name as groupName',
      'n.title',
      'n.authorId',
      'a.firstName',
      'a.lastName',
      'a.usageName',
      'n.requiresSignature',
      'n.replyKind',
      'n.createdAt',
      'n.withdrawnAt',
      'n.schoolYear',
      eb
        .selectFrom('liaisonNoteChildren as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.noteId', '=', 'n.id')
        .$if(actor.profile === 'relative', (q) => q.where('c.studentId', 'in', guardedChildren(db, actor.personId)))
        .as('children'),
      eb
        .selectFrom('liaisonAnswers as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.noteId', '=', 'n.id')
        .$if(actor.profile === 'relative', (q) => q.where('s.studentId', 'in', guardedChildren(db, actor.personId)))
        .as('answers'),
    ])
    .where('n.id', 'in', readableNoteIds(db, actor, year));
  if (options.groupId) q = q.where('n.groupId', '=', options.groupId);
  return q.orderBy('n.createdAt', 'desc').orderBy('n.id').limit(options.limit).offset(options.offset).execute();
}

/** The children a note concerns, with their answer when there is one, and who gave it. */
export async function answerList(db: Db, noteId: string) {
  return db
    .selectFrom('liaisonNoteChildren as c')
    .innerJoin('people as p', 'p.id', 'c.studentId')
    .leftJoin('liaisonAnswers as s', (j) => j.onRef('s.noteId', '=', 'c.noteId').onRef('s.studentId', '=', 'c.studentId'))
    .leftJoin('people as b', 'b.id', 's.answeredBy')
    .select([
      'c.studentId',
      'p.firstName',
      'p.lastName',
      'p.usageName',
      's.channel',
      's.answer',
      's.answeredAt',
      's.updatedAt',
      'b.firstName as byFirstName',
      'b.lastName as byLastName',
      'b.usageName as byUsageName',
    ])
    .where('c.noteId', '=', noteId)
    .execute();
}

/** The answers for some children of a note (a parent's own). */
export async function answersFor(db: Db, noteId: string, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db.selectFrom('liaisonAnswers').selectAll().where('noteId', '=', noteId).where('studentId', 'in', studentIds).execute();
}

/** One answer per note and child: a later one (a correction, a paper slip) replaces it, keeping when it was first given. */
export async function upsertAnswer(db: Db, row: LiaisonAnswersTable) {
  await db
    .insertInto('liaisonAnswers')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['noteId', 'studentId']).doUpdateSet({ channel: row.channel, answeredBy: row.answeredBy, answer: row.answer, updatedAt: row.updatedAt }),
    )
    .execute();
}

export async function markWithdrawn(db: Db, noteId: string, by: string, at: string) {
  await db.updateTable('liaisonNotes').set({ withdrawnAt: at, withdrawnBy: by }).where('id', '=', noteId).where('withdrawnAt', 'is', null).execute();
}

export async function markReminded(db: Db, noteId: string, at: string) {
  await db.updateTable('liaisonNotes').set({ remindedAt: at }).where('id', '=', noteId).execute();
}

/** Legal guardians of the children concerned, optionally only of children without an answer. */
export async function guardiansOf(db: Db, noteId: string, unansweredOnly: boolean) {
  let q = db
    .selectFrom('liaisonNoteChildren as c')
    .innerJoin('relativeLinks as r', 'r.studentId', 'c.studentId')
    .select('r.relativeId')
    .distinct()
    .where('c.noteId', '=', noteId)
    .where('r.legalGuardian', '=', 1);
  if (unansweredOnly)
    q = q.where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('liaisonAnswers as s').select('s.noteId').whereRef('s.noteId', '=', 'c.noteId').whereRef('s.studentId', '=', 'c.studentId')),
      ),
    );
  return (await q.execute()).map((r) => r.relativeId);
}

export async function concernedPupils(db: Db, noteId: string) {
  return (await db.selectFrom('liaisonNoteChildren').select('studentId').where('noteId', '=', noteId).execute()).map((r) => r.studentId);
}

// Family notes.

export async function insertFamilyNote(db: Db, row: LiaisonFamilyNotesTable) {
  await db.insertInto('liaisonFamilyNotes').values(row).execute();
}

export async function findFamilyNote(db: Db, id: string) {
  return db.selectFrom('liaisonFamilyNotes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function acknowledgeFamilyNote(db: Db, id: string, by: string, at: string) {
  await db.updateTable('liaisonFamilyNotes').set({ acknowledgedAt: at, acknowledgedBy: by }).where('id', '=', id).where('acknowledgedAt', 'is', null).execute();
}

/** Family notes the actor may read: their own, their classes' (as teacher), their school's (as director). */
export async function listFamilyNotes(db: Db, actor: Actor, year: string, options: { limit: number; offset: number }) {
  const directed = directedStructures(actor);
  return db
    .selectFrom('liaisonFamilyNotes as f')
    .innerJoin('people as s', 's.id', 'f.studentId')
    .innerJoin('people as a', 'a.id', 'f.authorId')
    .innerJoin('groups as g', 'g.id', 'f.groupId')
    .select([
      'f.id',
      'f.kind',
      'f.body',
      'f.createdAt',
      'f.acknowledgedAt',
      'f.groupId',
      'g.name as groupName',
      'f.studentId',
      's.firstName as studentFirstName',
      's.lastName as studentLastName',
      's.usageName as studentUsageName',
      'a.firstName as authorFirstName',
      'a.lastName as authorLastName',
      'a.usageName as authorUsageName',
      'f.authorId',
    ])
    .where((eb) => {
      const ors = [eb('f.authorId', '=', actor.personId), eb('f.groupId', 'in', groupIdsOf(db, actor.personId, year, { as: 'teacher' }))];
      if (directed.length > 0) ors.push(eb('f.structureId', 'in', directed));
      return eb.or(ors);
    })
    .where('f.schoolYear', '=', year)
    .orderBy('f.createdAt', 'desc')
    .orderBy('f.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** A child's class this year (the first class group), for a parent's note. */
export async function classOf(db: Db, studentId: string, year: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groups.id', 'groups.structureId', 'groups.name'])
    .where('groupMembers.personId', '=', studentId)
    .where('groupMembers.role', '=', 'student')
    .where('groups.kind', '=', 'class')
    .where('groups.schoolYear', '=', year)
    .orderBy('groups.name')
    .executeTakeFirst();
}

/** The children of whom the person is legal guardian, with names. */
export async function guardedChildrenNamed(db: Db, personId: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('relativeLinks.relativeId', '=', personId)
    .where('relativeLinks.legalGuardian', '=', 1)
    .execute();
}

export async function teachersOf(db: Db, groupId: string) {
  return (await db.selectFrom('groupMembers').select('personId').where('groupId', '=', groupId).where('role', '=', 'teacher').execute()).map((r) => r.personId);
}
