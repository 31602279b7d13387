import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { childrenOf, findStructure, listGroups, managedStructureId, personGroups, schoolYearOf, structureCounts } from '../directory/index.js';
import { dueSoon, type DueSoon } from '../homework/index.js';

/** Teachers of several groups at once, by group id. */
async function teachersByGroup(db: Db, groupIds: string[]) {
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

/** Everything the home page shows, for every side of the person (a director may also teach). */
export async function homeData(db: Db, actor: Actor) {
  const year = schoolYearOf();
  const managedId = managedStructureId(actor);
  const managed = managedId
    ? await Promise.all([findStructure(db, managedId), structureCounts(db, managedId, year)]).then(([structure, counts]) => ({ structure: structure!, counts }))
    : null;
  const adminStructures = actor.isSuperAdmin
    ? Number(
        (
          await db
            .selectFrom('structures')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    : null;

  let classes: { id: string; name: string; structureName: string; students: number }[] = [];
  if (actor.profile === 'teacher' || actor.profile === 'student') {
    const groups = await personGroups(db, actor.personId, year);
    const sizes = new Map<string, number>();
    for (const structureId of new Set(groups.map((g) => g.structureId))) {
      for (const g of await listGroups(db, structureId, year)) sizes.set(g.id, g.students);
    }
    classes = groups.map((g) => ({ id: g.id, name: g.name, structureName: g.structureName, students: sizes.get(g.id) ?? 0 }));
  }
  const teachers = await teachersByGroup(
    db,
    classes.map((c) => c.id),
  );

  let children: { id: string; displayName: string; classes: { name: string; structureName: string; teachers: string[] }[]; work: DueSoon | null }[] = [];
  if (actor.profile === 'relative') {
    const kids = await childrenOf(db, actor.personId);
    const groupsPerChild = await Promise.all(kids.map((k) => personGroups(db, k.id, year)));
    const childTeachers = await teachersByGroup(
      db,
      groupsPerChild.flat().map((g) => g.id),
    );
    const work = await Promise.all(kids.map((k) => dueSoon(db, actor, k.id)));
    children = kids.map((k, i) => ({
      id: k.id,
      displayName: k.displayName,
      work: work[i] ?? null,
      classes: groupsPerChild[i]!.filter((g) => g.role === 'student').map((g) => ({
        name: g.name,
        structureName: g.structureName,
        teachers: childTeachers.get(g.id) ?? [],
      })),
    }));
  }
  const ownWork = actor.profile === 'student' ? await dueSoon(db, actor, actor.personId) : null;
  return {
    year,
    ownWork,
    managed,
    adminStructures,
    classes: classes.map((c) => ({ ...c, teachers: teachers.get(c.id) ?? [] })),
    children,
  };
}

export type HomeData = Awaited<ReturnType<typeof homeData>>;
