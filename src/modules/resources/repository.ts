// Links of the link bank: Kysely only; lists filter by the read rule in SQL.
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { displayName, groupsOf, type GroupRelation } from '../directory/index.js';
import type { LinkFacts } from './policy.js';
import type { ResourceLinksTable } from './tables.js';

export const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export async function insertLink(db: Db, row: ResourceLinksTable, groupIds: string[]) {
  await db.insertInto('resourceLinks').values(row).execute();
  if (groupIds.length > 0)
    await db
      .insertInto('resourceLinkGroups')
      .values(groupIds.map((groupId) => ({ linkId: row.id, groupId })))
      .execute();
}

export async function updateLink(db: Db, id: string, changes: Partial<ResourceLinksTable>, groupIds: string[]) {
  await db.updateTable('resourceLinks').set(changes).where('id', '=', id).execute();
  await db.deleteFrom('resourceLinkGroups').where('linkId', '=', id).execute();
  if (groupIds.length > 0)
    await db
      .insertInto('resourceLinkGroups')
      .values(groupIds.map((groupId) => ({ linkId: id, groupId })))
      .execute();
}

export async function deleteLink(db: Db, id: string) {
  await db.deleteFrom('resourceLinkGroups').where('linkId', '=', id).execute();
  await db.deleteFrom('resourceLinks').where('id', '=', id).execute();
}

export function findLink(db: Db, id: string) {
  return db.selectFrom('resourceLinks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The facts of the read rule for one link, as seen by the asker this school year (null: no such link). */
export async function linkFacts(db: Db, actor: Actor, id: string, year: string): Promise<(LinkFacts & { link: ResourceLinksTable }) | null> {
  const link = await findLink(db, id);
  if (!link) return null;
  const relations = await db
    .selectFrom(groupsOf(db, actor.personId, year).as('g'))
    .innerJoin('resourceLinkGroups as lg', 'lg.groupId', 'g.groupId')
    .select('g.relation')
    .where('lg.linkId', '=', id)
    .execute();
  return {
    link,
    ownerId: link.ownerId,
    structureId: link.structureId,
    sharedWithSchool: link.sharedWithSchool === 1,
    relations: [...new Set(relations.map((r) => r.relation as GroupRelation))],
  };
}

export type LinkScope = 'all' | 'mine' | 'school';

/** Links the asker may read (the rule of `resources.link.read`, in SQL), newest first. */
export async function readableLinks(db: Db, actor: Actor, year: string, scope: LinkScope, limit = 200) {
  const schools = actor.structures.map((s) => s.id);
  const managed = Object.entries(actor.roles)
    .filter(([, roles]) => roles.length > 0)
    .map(([id]) => id);
  let q = db
    .selectFrom('resourceLinks')
    .innerJoin('people', 'people.id', 'resourceLinks.ownerId')
    .selectAll('resourceLinks')
    .select(['people.firstName', 'people.lastName', 'people.usageName']);
  if (scope === 'mine') q = q.where('resourceLinks.ownerId', '=', actor.personId);
  else {
    const shared = (eb: any) => {
      const ors = [
        eb(
          'resourceLinks.id',
          'in',
          db
            .selectFrom('resourceLinkGroups')
            .select('linkId')
            .where('groupId', 'in', db.selectFrom(groupsOf(db, actor.personId, year).as('g')).select('g.groupId')),
        ),
      ];
      if (actor.profile === 'teacher' && schools.length > 0)
        ors.push(eb.and([eb('resourceLinks.sharedWithSchool', '=', 1), eb('resourceLinks.structureId', 'in', schools)]));
      if (managed.length > 0) ors.push(eb('resourceLinks.structureId', 'in', managed));
      return ors;
    };
    q =
      scope === 'school'
        ? q.where('resourceLinks.ownerId', '!=', actor.personId).where((eb) => eb.or(shared(eb)))
        : q.where((eb) => eb.or([eb('resourceLinks.ownerId', '=', actor.personId), ...shared(eb)]));
  }
  const rows = await q.orderBy('resourceLinks.createdAt', 'desc').orderBy('resourceLinks.id').limit(limit).execute();
  return rows.map((r) => ({ ...r, owner: displayName(r) }));
}

/** The classes each link is shared with, by name. */
export async function groupsOfLinks(db: Db, linkIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const map = new Map<string, { id: string; name: string }[]>();
  if (linkIds.length === 0) return map;
  const rows = await db
    .selectFrom('resourceLinkGroups as lg')
    .innerJoin('groups', 'groups.id', 'lg.groupId')
    .select(['lg.linkId', 'groups.id', 'groups.name'])
    .where('lg.linkId', 'in', linkIds)
    .orderBy('groups.name')
    .execute();
  for (const r of rows) map.set(r.linkId, [...(map.get(r.linkId) ?? []), { id: r.id, name: r.name }]);
  return map;
}

/** Links due for a check (never checked, or last checked before `before`), oldest check first. */
export function linksToCheck(db: Db, before: string, limit: number) {
  return db
    .selectFrom('resourceLinks')
    .select(['id', 'url', 'ownerId', 'title', 'deadSince'])
    .where((eb) => eb.or([eb('checkedAt', 'is', null), eb('checkedAt', '<', before)]))
    .orderBy('checkedAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function ownerName(db: Db, personId: string): Promise<string> {
  const p = await db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', personId).executeTakeFirst();
  return p ? displayName(p) : '';
}
