// Audiences resolved in SQL (docs/decisions/0019-news-audiences-and-read-receipts.md): a reader's
// "audience keys" (`class:<group>`, `school:<structure>`…) on one side, an audience's members on
// the other, both as subqueries, so no list of people is ever loaded to decide who sees what.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import { groupsOf } from '../directory/index.js';
import type { AudienceKind } from './tables.js';

export interface AudienceTarget {
  kind: AudienceKind;
  targetId: string;
}

export const AUDIENCE_KINDS: readonly AudienceKind[] = ['school', 'class', 'parents', 'staff', 'municipality'];

export const keyOf = (t: AudienceTarget) => `${t.kind}:${t.targetId}`;

/** `class:<uuid>` → the target, or null for anything else. */
export function parseKey(key: string): AudienceTarget | null {
  const match = /^(school|class|parents|staff|municipality):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(key);
  return match ? { kind: match[1] as AudienceKind, targetId: match[2]!.toLowerCase() } : null;
}

const prefixed = (prefix: string, column: string) => sql<string>`${sql.lit(`${prefix}:`)} || ${sql.ref(column)}`;

/**
 * Every audience key that reaches this person in this school year, as one subquery (`key`): the
 * structures they belong to (and, for a parent, their children's), the staff rooms they are staff
 * of, their classes and their children's classes, and their children's schools' municipalities.
 */
export function readerKeys(db: Db, personId: string, year: string) {
  const ownStructures = db.selectFrom('structureMembers').where('structureMembers.personId', '=', personId).where('structureMembers.active', '=', 1);
  const childStructures = db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', 'structureMembers.personId', 'relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', personId)
    .where('structureMembers.active', '=', 1);
  const groups = groupsOf(db, personId, year);
  return ownStructures
    .select(prefixed('school', 'structureMembers.structureId').as('key'))
    .unionAll(childStructures.select(prefixed('school', 'structureMembers.structureId').as('key')))
    .unionAll(
      ownStructures
        .innerJoin('people', 'people.id', 'structureMembers.personId')
        .where('people.profile', 'in', ['teacher', 'personnel'])
        .select(prefixed('staff', 'structureMembers.structureId').as('key')),
    )
    .unionAll(
      childStructures
        .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
        .where('structures.parentId', 'is not', null)
        .select(prefixed('municipality', 'structures.parentId').as('key')),
    )
    .unionAll(db.selectFrom(groups.as('g')).select(prefixed('class', 'g.groupId').as('key')))
    .unionAll(db.selectFrom(groups.as('g')).where('g.relation', '=', 'relative').select(prefixed('parents', 'g.groupId').as('key')));
}

/** Relatives of the active pupils of these structures. */
function relativesOfStructures(db: Db, structureIds: ReturnType<Db['selectFrom']> | string[]) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', 'structureMembers.personId', 'relativeLinks.studentId')
    .innerJoin('people as pupil', 'pupil.id', 'relativeLinks.studentId')
    .where('pupil.profile', '=', 'student')
    .where('structureMembers.active', '=', 1)
    .where('structureMembers.structureId', 'in', structureIds as string[])
    .select('relativeLinks.relativeId as personId');
}

/** Relatives of the pupils of a group. */
function relativesOfGroup(db: Db, groupId: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .select('relativeLinks.relativeId as personId');
}

function membersOfTarget(db: Db, t: AudienceTarget) {
  switch (t.kind) {
    case 'school':
      return db
        .selectFrom('structureMembers')
        .where('structureId', '=', t.targetId)
        .where('active', '=', 1)
        .select('personId')
        .unionAll(relativesOfStructures(db, [t.targetId]));
    case 'staff':
      return db
        .selectFrom('structureMembers')
        .innerJoin('people', 'people.id', 'structureMembers.personId')
        .where('structureMembers.structureId', '=', t.targetId)
        .where('structureMembers.active', '=', 1)
        .where('people.profile', 'in', ['teacher', 'personnel'])
        .select('structureMembers.personId');
    case 'class':
      return db.selectFrom('groupMembers').where('groupId', '=', t.targetId).select('personId').unionAll(relativesOfGroup(db, t.targetId));
    case 'parents':
      return relativesOfGroup(db, t.targetId);
    case 'municipality':
      return relativesOfStructures(db, db.selectFrom('structures').where('parentId', '=', t.targetId).select('id') as never);
  }
}

/**
 * The active people an audience reaches now, once each, as one subquery (`personId`), the author
 * left out (they wrote it). Counts, read receipts and notifications all start from it.
 */
export function audienceMembers(db: Db, targets: readonly AudienceTarget[], exceptId: string) {
  const [first, ...rest] = targets.map((t) => membersOfTarget(db, t));
  const union = rest.reduce((all, q) => all.unionAll(q as never), first ?? db.selectFrom('people').where(sql.lit(false)).select('id as personId'));
  return db
    .selectFrom(union.as('m'))
    .innerJoin('people', 'people.id', 'm.personId')
    .where('people.status', '=', 'active')
    .where('people.id', '!=', exceptId)
    .select('people.id as personId')
    .distinct();
}
