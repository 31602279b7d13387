import type { Db } from '../../kernel/db/index.js';

/** Teachers of several groups at once, by group id, as names to show. */
export async function teachersByGroup(db: Db, groupIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (groupIds.length === 0) return map;
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['groupMembers.groupId', 'people.firstName', 'people.lastName', 'people.usageName', 'people.civility'])
    .where('groupMembers.groupId', 'in', groupIds)
    .where('groupMembers.role', '=', 'teacher')
    .orderBy('people.lastName')
    .execute();
  for (const r of rows) map.set(r.groupId, [...(map.get(r.groupId) ?? []), `${r.civility ? `${r.civility} ` : ''}${r.firstName} ${r.usageName || r.lastName}`]);
  return map;
}

/** How many structures the instance holds. */
export async function countStructures(db: Db): Promise<number> {
  const row = await db
    .selectFrom('structures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
