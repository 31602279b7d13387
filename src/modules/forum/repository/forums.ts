// Forums and who reads them, as SQL: the index lists by the read rule, notices and the
// communication-rules check use the same audience subquery.
import type { SelectQueryBuilder } from 'kysely';
import type { Actor, Profile } from '../../../kernel/authz/index.js';
import type { Database, Db } from '../../../kernel/db/index.js';
import { newId } from '../../../kernel/db/index.js';
import { groupIdsOf } from '../../directory/index.js';
import type { ForumKind, ForumsTable } from '../tables.js';

type IdQuery = SelectQueryBuilder<Database, any, { id: string }>;
export type ForumRow = ForumsTable;

export const placeKey = (kind: ForumKind, structureId: string, year: string, groupId: string | null) =>
  kind === 'class' ? `class:${groupId}` : `${kind}:${structureId}:${year}`;

export async function findForum(db: Db, id: string): Promise<ForumRow | undefined> {
  return db.selectFrom('forums').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates the forums of these places when they do not exist yet (two first visits may race: one wins). */
async function ensurePlaces(db: Db, places: { kind: ForumKind; structureId: string; groupId: string | null; schoolYear: string }[], now: Date) {
  if (places.length === 0) return;
  const at = now.toISOString();
  const rows = places.map((p) => ({
    id: newId(),
    placeKey: placeKey(p.kind, p.structureId, p.schoolYear, p.groupId),
    ...p,
    pupilsRead: p.kind === 'class' ? 1 : 0,
    parentsRead: 0,
    pupilsWrite: 0,
    updatedAt: at,
    updatedBy: null,
  }));
  await db
    .insertInto('forums')
    .values(rows)
    .onConflict((oc) => oc.column('placeKey').doNothing())
    .execute();
}

/** The forums of the actor's classes (all classes of the schools they direct), and the school forum and staff room of their schools, this year. */
export async function ensureForumsOf(db: Db, actor: Actor, year: string, now: Date): Promise<void> {
  const structureIds = actor.structures.map((s) => s.id);
  const directed = structureIds.filter((id) => actor.roles[id]?.includes('director'));
  let classes = db
    .selectFrom('groups')
    .select(['groups.id', 'groups.structureId'])
    .where('groups.kind', '=', 'class')
    .where('groups.schoolYear', '=', year)
    .where('groups.id', 'in', groupIdsOf(db, actor.personId, year));
  if (directed.length > 0)
    classes = classes.union(
      db
        .selectFrom('groups')
        .select(['groups.id', 'groups.structureId'])
        .where('groups.kind', '=', 'class')
        .where('groups.schoolYear', '=', year)
        .where('groups.structureId', 'in', directed),
    );
  const schools =
    structureIds.length === 0
      ? []
      : await db.selectFrom('structures').select('id').where('id', 'in', structureIds).where('kind', '!=', 'municipality').execute();
  const places = [
    ...(await classes.execute()).map((g) => ({ kind: 'class' as const, structureId: g.structureId, groupId: g.id, schoolYear: year })),
    ...schools.flatMap((s) => [
      { kind: 'school' as const, structureId: s.id, groupId: null, schoolYear: year },
      { kind: 'staff' as const, structureId: s.id, groupId: null, schoolYear: year },
    ]),
  ];
  const known = new Set(
    places.length === 0
      ? []
      : (
          await db
            .selectFrom('forums')
            .select('placeKey')
            .where(
              'placeKey',
              'in',
              places.map((p) => placeKey(p.kind, p.structureId, year, p.groupId)),
            )
            .execute()
        ).map((r) => r.placeKey),
  );
  await ensurePlaces(
    db,
    places.filter((p) => !known.has(placeKey(p.kind, p.structureId, year, p.groupId))),
    now,
  );
}

/** The class forum of a class, created on first use; undefined when the group is not a class. */
export async function classForum(db: Db, groupId: string, now: Date): Promise<ForumRow | undefined> {
  const group = await db.selectFrom('groups').select(['id', 'structureId', 'schoolYear', 'kind']).where('id', '=', groupId).executeTakeFirst();
  if (!group || group.kind !== 'class') return undefined;
  await ensurePlaces(db, [{ kind: 'class', structureId: group.structureId, groupId, schoolYear: group.schoolYear }], now);
  return db
    .selectFrom('forums')
    .selectAll()
    .where('placeKey', '=', placeKey('class', group.structureId, group.schoolYear, groupId))
    .executeTakeFirst();
}

/** The forums the actor reads in a school year: the read rule (`policy.ts`, `readsForum`) in SQL, for the current year. */
export function readableForumIds(db: Db, actor: Actor, year: string): IdQuery {
  const structureIds = actor.structures.map((s) => s.id);
  const directed = structureIds.filter((id) => actor.roles[id]?.includes('director'));
  const staff = actor.profile === 'teacher' || actor.profile === 'personnel';
  const own = (relation: 'teacher' | 'student' | 'relative') => groupIdsOf(db, actor.personId, year, { as: relation });
  return db
    .selectFrom('forums')
    .select('forums.id as id')
    .where('forums.schoolYear', '=', year)
    .where((eb) => {
      const any = [
        eb.and([eb('forums.kind', '=', 'class'), eb('forums.groupId', 'in', own('teacher'))]),
        eb.and([eb('forums.kind', '=', 'class'), eb('forums.pupilsRead', '=', 1), eb('forums.groupId', 'in', own('student'))]),
        eb.and([eb('forums.kind', '=', 'class'), eb('forums.parentsRead', '=', 1), eb('forums.groupId', 'in', own('relative'))]),
      ];
      if (directed.length > 0) any.push(eb('forums.structureId', 'in', directed));
      if (structureIds.length > 0) {
        if (staff) any.push(eb.and([eb('forums.kind', 'in', ['school', 'staff']), eb('forums.structureId', 'in', structureIds)]));
        if (actor.profile === 'student')
          any.push(eb.and([eb('forums.kind', '=', 'school'), eb('forums.pupilsRead', '=', 1), eb('forums.structureId', 'in', structureIds)]));
        if (actor.profile === 'relative')
          any.push(eb.and([eb('forums.kind', '=', 'school'), eb('forums.parentsRead', '=', 1), eb('forums.structureId', 'in', structureIds)]));
      }
      return eb.or(any);
    });
}

export interface ForumListRow extends ForumRow {
  groupName: string | null;
  structureName: string;
  structureKind: string;
  threads: number;
  unread: number;
}

/** The readable forums of a year with their thread counts (hidden ones too where the actor moderates) and the actor's unread threads. */
export async function listForums(db: Db, actor: Actor, year: string): Promise<ForumListRow[]> {
  const directed = actor.structures.map((s) => s.id).filter((id) => actor.roles[id]?.includes('director'));
  const taught = groupIdsOf(db, actor.personId, year, { as: 'teacher' });
  const rows = await db
    .selectFrom('forums')
    .innerJoin('structures', 'structures.id', 'forums.structureId')
    .leftJoin('groups', 'groups.id', 'forums.groupId')
    .selectAll('forums')
    .select(['groups.name as groupName', 'structures.name as structureName', 'structures.kind as structureKind'])
    .select((eb) => [
      eb
        .selectFrom('forumThreads')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('forumThreads.forumId', '=', 'forums.id')
        .where((w) =>
          w.or([
            w('forumThreads.hidden', '=', 0),
            w.and([w('forums.kind', '=', 'class'), w('forums.groupId', 'in', taught)]),
            ...(directed.length > 0 ? [w('forums.structureId', 'in', directed)] : []),
          ]),
        )
        .as('threads'),
      eb
        .selectFrom('forumThreads')
        .leftJoin('forumReads', (j) => j.onRef('forumReads.threadId', '=', 'forumThreads.id').on('forumReads.personId', '=', actor.personId))
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('forumThreads.forumId', '=', 'forums.id')
        .where('forumThreads.hidden', '=', 0)
        .where((w) => w.or([w('forumReads.readAt', 'is', null), w('forumReads.readAt', '<', w.ref('forumThreads.lastPostAt'))]))
        .as('unread'),
    ])
    .where('forums.id', 'in', readableForumIds(db, actor, year))
    .execute();
  return rows.map((r) => ({ ...r, threads: Number(r.threads ?? 0), unread: Number(r.unread ?? 0) }));
}

export async function updateSettings(db: Db, forumId: string, values: Pick<ForumRow, 'pupilsRead' | 'parentsRead' | 'pupilsWrite'>, by: string, now: Date) {
  await db
    .updateTable('forums')
    .set({ ...values, updatedBy: by, updatedAt: now.toISOString() })
    .where('id', '=', forumId)
    .execute();
}

/**
 * The forum's audience, as one subquery of person ids: class forum, the class's teachers and
 * pupils and, when opened, the pupils' parents; school forum, the school's teachers, staff and
 * director, and its pupils and parents as configured; staff room, teachers, staff and director.
 * `exceptClassPupils` leaves out the class's pupils (decision 0024), `withModerators` adds the director.
 */
export function audienceOf(db: Db, forum: ForumRow, options: { exceptClassPupils?: boolean; withModerators?: boolean } = {}): IdQuery {
  const directors = db
    .selectFrom('structureRoles')
    .select('structureRoles.personId as id')
    .where('structureRoles.structureId', '=', forum.structureId)
    .where('structureRoles.role', '=', 'director');
  if (forum.kind === 'class') {
    const members = (role: 'teacher' | 'student') =>
      db
        .selectFrom('groupMembers')
        .select('groupMembers.personId as id')
        .where('groupMembers.groupId', '=', forum.groupId!)
        .where('groupMembers.role', '=', role);
    let q: IdQuery = members('teacher');
    if (!options.exceptClassPupils) q = q.union(members('student'));
    if (forum.parentsRead)
      q = q.union(db.selectFrom('relativeLinks').select('relativeLinks.relativeId as id').where('relativeLinks.studentId', 'in', members('student')));
    return options.withModerators ? q.union(directors) : q;
  }
  const profiles: Profile[] = ['teacher', 'personnel'];
  if (forum.kind === 'school' && forum.pupilsRead) profiles.push('student');
  if (forum.kind === 'school' && forum.parentsRead) profiles.push('relative');
  const members = db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('structureMembers.personId as id')
    .where('structureMembers.structureId', '=', forum.structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', 'in', profiles);
  return members.union(directors);
}

export async function isActiveMember(db: Db, personId: string, structureId: string): Promise<boolean> {
  const row = await db
    .selectFrom('structureMembers')
    .select('personId')
    .where('structureId', '=', structureId)
    .where('personId', '=', personId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return !!row;
}

/** The moderators of a forum: the director(s) and, for a class forum, the class's teachers. */
export async function moderatorIds(db: Db, forum: ForumRow): Promise<string[]> {
  let q: IdQuery = db
    .selectFrom('structureRoles')
    .select('structureRoles.personId as id')
    .where('structureRoles.structureId', '=', forum.structureId)
    .where('structureRoles.role', '=', 'director');
  if (forum.kind === 'class')
    q = q.union(
      db
        .selectFrom('groupMembers')
        .select('groupMembers.personId as id')
        .where('groupMembers.groupId', '=', forum.groupId!)
        .where('groupMembers.role', '=', 'teacher'),
    );
  return (await q.execute()).map((r) => r.id);
}
