import type { Db } from '../../kernel/db/index.js';
import { schoolYearOf } from './school-year.js';

/** How a person stands towards a group: teaches it, is a pupil in it, or is a pupil's parent. */
export type GroupRelation = 'teacher' | 'student' | 'relative';

export interface GroupsOfOptions {
  /** Only this relation (a teacher's taught groups, a parent's children's groups). */
  as?: GroupRelation;
  /** For a parent: the groups of this one child only. */
  childId?: string;
}

/**
 * The groups of a school year a person belongs to, and for a parent their children's groups, as
 * one SQL subquery (`groupId`, `relation`) that lists and rules filter by. Every module asks this
 * question here, so that "this year's groups of a person or of their children" has one answer.
 */
export function groupsOf(db: Db, personId: string, year: string, options: GroupsOfOptions = {}) {
  const own = db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select((eb) => ['groupMembers.groupId as groupId', eb.ref('groupMembers.role').$castTo<GroupRelation>().as('relation')])
    .where('groupMembers.personId', '=', personId)
    .where('groups.schoolYear', '=', year);
  let children = db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select((eb) => ['groupMembers.groupId as groupId', eb.val<GroupRelation>('relative').as('relation')])
    .where('relativeLinks.relativeId', '=', personId)
    .where('groupMembers.role', '=', 'student')
    .where('groups.schoolYear', '=', year);
  if (options.childId) children = children.where('relativeLinks.studentId', '=', options.childId);
  if (options.as === 'relative') return children;
  if (options.as) return own.where('groupMembers.role', '=', options.as);
  if (options.childId) return children;
  return own.unionAll(children);
}

/** The group ids alone, for `where('x.groupId', 'in', groupIdsOf(…))`. */
export function groupIdsOf(db: Db, personId: string, year: string, options: GroupsOfOptions = {}) {
  return db.selectFrom(groupsOf(db, personId, year, options).as('g')).select('g.groupId');
}

export interface GroupStanding {
  groupId: string;
  structureId: string;
  schoolYear: string;
  /** The group belongs to the school year running now: past years are read-only, and hidden from families. */
  current: boolean;
  /** The person's relations to the group (a teacher who is also a parent of a pupil has both). */
  relations: GroupRelation[];
}

/**
 * Facts for rules about one group: where it is, whether its year is the current one, and how the
 * person stands towards it (in any year: the rule decides what a past year allows).
 */
export async function groupStanding(db: Db, personId: string, groupId: string, now = new Date()): Promise<GroupStanding | null> {
  const group = await db.selectFrom('groups').select(['id', 'structureId', 'schoolYear']).where('id', '=', groupId).executeTakeFirst();
  if (!group) return null;
  const relations = await groupsOf(db, personId, group.schoolYear)
    .$call((q) => db.selectFrom(q.as('g')).select('g.relation').where('g.groupId', '=', groupId))
    .execute();
  return {
    groupId: group.id,
    structureId: group.structureId,
    schoolYear: group.schoolYear,
    current: group.schoolYear === schoolYearOf(now),
    relations: [...new Set(relations.map((r) => r.relation))],
  };
}
