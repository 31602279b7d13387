import type { Insertable, Updateable } from 'kysely';
import type { StructureRole } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { flag } from '../../kernel/db/index.js';
import { allocateLogin } from './logins.js';
import type { PeopleTable } from './tables.js';

/** Writes on people, their memberships, links and roles. */

/** A new person with their membership and, when given, their class: one transaction, a free login picked inside it. */
export async function insertPerson(
  db: Db,
  person: Insertable<PeopleTable> & { id: string; firstName: string; lastName: string },
  membership: { structureId: string; createdAt: string },
  group: { groupId: string; role: 'teacher' | 'student' } | null,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const login = await allocateLogin(trx, person.firstName, person.lastName);
    await trx
      .insertInto('people')
      .values({ ...person, login })
      .execute();
    await trx
      .insertInto('structureMembers')
      .values({ structureId: membership.structureId, personId: person.id, active: 1, importKey: null, source: 'manual', createdAt: membership.createdAt })
      .execute();
    if (group) await trx.insertInto('groupMembers').values({ groupId: group.groupId, personId: person.id, role: group.role }).execute();
    return login;
  });
}

export async function updatePersonRow(db: Db, personId: string, changes: Updateable<PeopleTable>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', personId).execute();
}

/** The pupil leaves the other classes of the class's structure and year, and joins it. */
export async function moveToClass(db: Db, studentId: string, group: { id: string; structureId: string; schoolYear: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sameYear = trx
      .selectFrom('groups')
      .select('id')
      .where('structureId', '=', group.structureId)
      .where('schoolYear', '=', group.schoolYear)
      .where('kind', '=', 'class');
    await trx.deleteFrom('groupMembers').where('personId', '=', studentId).where('groupId', 'in', sameYear).execute();
    await trx.insertInto('groupMembers').values({ groupId: group.id, personId: studentId, role: 'student' }).execute();
  });
}

/**
 * Links a relative to a pupil, or updates the legal-guardian flag of an existing link. A new link
 * makes the relative a member of the pupil's structures (a parent follows their child's school).
 */
export async function upsertRelativeLink(
  db: Db,
  link: { relativeId: string; studentId: string; legalGuardian: boolean },
  structureIds: string[],
  now: string,
): Promise<void> {
  const { relativeId, studentId } = link;
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('relativeLinks')
      .select('relativeId')
      .where('relativeId', '=', relativeId)
      .where('studentId', '=', studentId)
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('relativeLinks')
        .set({ legalGuardian: flag(link.legalGuardian) })
        .where('relativeId', '=', relativeId)
        .where('studentId', '=', studentId)
        .execute();
      return;
    }
    await trx
      .insertInto('relativeLinks')
      .values({ relativeId, studentId, legalGuardian: flag(link.legalGuardian), source: 'manual' })
      .execute();
    for (const structureId of structureIds) {
      await trx
        .insertInto('structureMembers')
        .values({ structureId, personId: relativeId, active: 1, importKey: null, source: 'manual', createdAt: now })
        .onConflict((oc) => oc.columns(['structureId', 'personId']).doUpdateSet({ active: 1 }))
        .execute();
    }
  });
}

/** A person's roles, structure by structure. */
export async function rolesOfPerson(db: Db, personId: string) {
  return db.selectFrom('structureRoles').select(['structureId', 'role']).where('personId', '=', personId).execute();
}

/** Replaces a person's roles in one structure. */
export async function replaceRoles(db: Db, structureId: string, personId: string, roles: StructureRole[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('structureRoles').where('structureId', '=', structureId).where('personId', '=', personId).execute();
    if (roles.length > 0)
      await trx
        .insertInto('structureRoles')
        .values(roles.map((role) => ({ structureId, personId, role, source: 'manual' as const })))
        .execute();
  });
}
