import { authorize, can, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { childrenOf, findStructure, listGroups, personGroups, schoolYearOf, structureCounts } from '../directory/index.js';
import { dueSoon, type DueSoon } from '../homework/index.js';
import './policy.js';
import { countStructures, teachersByGroup } from './repository.js';

/** What the home page needs: the database and the application's time. */
export interface HomeDeps {
  db: Db;
  clock: Clock;
}

/** Everything the home page shows, for every side of the person (a director may also teach). */
export async function homeData({ db, clock }: HomeDeps, actor: Actor) {
  authorize(actor, 'home.page.read', { personId: actor.personId });
  const year = schoolYearOf(clock.now());
  const managedId = actor.activeStructureId && can(actor, 'home.structure.summary', { structureId: actor.activeStructureId }) ? actor.activeStructureId : null;
  const [managedStructure, managedCounts] = managedId ? await Promise.all([findStructure(db, managedId), structureCounts(db, managedId, year)]) : [];
  const managed = managedStructure && managedCounts ? { structure: managedStructure, counts: managedCounts } : null;
  const adminStructures = can(actor, 'home.instance.summary', {}) ? await countStructures(db) : null;

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
