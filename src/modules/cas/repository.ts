import type { Db } from '../../kernel/db/index.js';
import type { CasServicesTable, CasTicketsTable } from './tables.js';

export type ServiceRow = CasServicesTable;
export type TicketRow = CasTicketsTable;

export const listServices = (db: Db) => db.selectFrom('casServices').selectAll().orderBy('name').orderBy('urlPattern').execute();

export const findServiceById = (db: Db, id: string) => db.selectFrom('casServices').selectAll().where('id', '=', id).executeTakeFirst();

export const findServiceByPattern = (db: Db, urlPattern: string) =>
  db.selectFrom('casServices').select('id').where('urlPattern', '=', urlPattern).executeTakeFirst();

export async function insertService(db: Db, row: ServiceRow): Promise<void> {
  await db.insertInto('casServices').values(row).execute();
}

export async function insertTicket(db: Db, row: TicketRow): Promise<void> {
  await db.insertInto('casTickets').values(row).execute();
}

/**
 * Spends the ticket's one validation attempt: true for the one caller that wins, false for every
 * other (a replay, two validations racing), on both engines.
 */
export async function claimTicket(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('casTickets').set({ usedAt: at }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const findTicket = (db: Db, id: string) => db.selectFrom('casTickets').selectAll().where('id', '=', id).executeTakeFirst();

/** Deletes tickets expired before `before`; answers how many went. */
export async function deleteTicketsExpiredBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('casTickets').where('expiresAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** What the attributes are made of: the person, their schools (UAI) and, for a pupil, the classes of the year. */
export async function personFacts(db: Db, personId: string, schoolYear: string) {
  const person = await db
    .selectFrom('people')
    .select(['id', 'login', 'firstName', 'lastName', 'usageName', 'email', 'profile', 'status'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return null;
  const structures = await db
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structures.id', 'structures.uai'])
    .where('structureMembers.personId', '=', personId)
    .where('structureMembers.active', '=', 1)
    .orderBy('structures.name')
    .execute();
  const classes =
    person.profile === 'student'
      ? await db
          .selectFrom('groupMembers')
          .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
          .select('groups.name')
          .where('groupMembers.personId', '=', personId)
          .where('groupMembers.role', '=', 'student')
          .where('groups.kind', '=', 'class')
          .where('groups.schoolYear', '=', schoolYear)
          .orderBy('groups.name')
          .execute()
      : [];
  return { person, structures, classes: classes.map((c) => c.name) };
}
