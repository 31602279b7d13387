// The communication-rules engine: "may A write to B?" and "whom can A write to?", as SQL
// subqueries on top of the directory, per school. Its answers are facts for the send rule
// (policy.ts); lists (recipient search) filter by it in the database.
import type { SelectQueryBuilder } from 'kysely';
import type { Actor } from '../../../kernel/authz/index.js';
import type { Database, Db } from '../../../kernel/db/index.js';
import { newId } from '../../../kernel/db/index.js';
import { matchingIds } from '../../../kernel/search/index.js';
import { findStructure, groupIdsOf, peopleSearchIndex } from '../../directory/index.js';
import { applicableRules, defaultRules, type Rule, type Settings } from '../rules.js';
import { DEFAULT_QUIET_HOURS } from '../../../kernel/quiet-hours.js';
import type { Audience } from '../tables.js';

type IdQuery = SelectQueryBuilder<Database, any, { id: string }>;

const CHUNK = 400;

/** The school's messaging settings; on first use, creates them and seeds the default rules. Null: no such school. */
export async function ensureSettings(db: Db, structureId: string, now: Date): Promise<Settings | null> {
  const existing = await db.selectFrom('messagingSettings').selectAll().where('structureId', '=', structureId).executeTakeFirst();
  if (existing) return existing;
  const structure = await findStructure(db, structureId);
  if (!structure) return null;
  const at = now.toISOString();
  const settings = { structureId, readOnly: 0, ...DEFAULT_QUIET_HOURS, updatedAt: at };
  await db.transaction().execute(async (trx) => {
    // Two first requests may race: the second insert finds the row and does nothing.
    const inserted = await trx
      .insertInto('messagingSettings')
      .values(settings)
      .onConflict((oc) => oc.column('structureId').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    const rules = defaultRules(structure.kind).map((rule) => ({ id: newId(), structureId, ...rule, updatedAt: at }));
    await trx.insertInto('communicationRules').values(rules).execute();
  });
  return settings;
}

export async function rulesOf(db: Db, structureId: string, now: Date): Promise<Rule[]> {
  await ensureSettings(db, structureId, now);
  return db.selectFrom('communicationRules').select(['fromAudience', 'toAudience', 'scope']).where('structureId', '=', structureId).execute();
}

/** Replaces a school's rules in one transaction. */
export async function replaceRules(db: Db, structureId: string, rules: Rule[], now: Date): Promise<void> {
  await ensureSettings(db, structureId, now);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('communicationRules').where('structureId', '=', structureId).execute();
    if (rules.length > 0)
      await trx
        .insertInto('communicationRules')
        .values(rules.map((rule) => ({ id: newId(), structureId, ...rule, updatedAt: at })))
        .execute();
  });
}

export async function updateSettings(
  db: Db,
  structureId: string,
  values: { quietStart?: string; quietEnd?: string; quietWeekends?: number; readOnly?: number },
  now: Date,
) {
  await ensureSettings(db, structureId, now);
  await db
    .updateTable('messagingSettings')
    .set({ ...values, updatedAt: now.toISOString() })
    .where('structureId', '=', structureId)
    .execute();
}

export async function readOnlyOf(db: Db, structureId: string): Promise<boolean> {
  const row = await db.selectFrom('messagingSettings').select('readOnly').where('structureId', '=', structureId).executeTakeFirst();
  return row?.readOnly === 1;
}

/** People of one audience in a school, as a subquery. */
export function audienceIds(db: Db, structureId: string, audience: Audience): IdQuery {
  if (audience === 'director') {
    return db
      .selectFrom('structureRoles')
      .select('structureRoles.personId as id')
      .where('structureRoles.structureId', '=', structureId)
      .where('structureRoles.role', '=', 'director');
  }
  return db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('structureMembers.personId as id')
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', audience);
}

/** This year's groups in a school of the actor or of their children (the directory's answer, within the school). */
export function linkedGroupIds(db: Db, actor: Actor, structureId: string, year: string) {
  return db
    .selectFrom('groups')
    .select('groups.id')
    .where('groups.structureId', '=', structureId)
    .where('groups.id', 'in', groupIdsOf(db, actor.personId, year));
}

/** People linked to the actor: members of their (or their children's) groups, those pupils' relatives, their own family. */
function linkedIds(db: Db, actor: Actor, structureId: string, year: string): IdQuery {
  const groups = linkedGroupIds(db, actor, structureId, year);
  const members = db.selectFrom('groupMembers').select('groupMembers.personId as id').where('groupMembers.groupId', 'in', groups);
  const pupils = db
    .selectFrom('groupMembers')
    .select('groupMembers.personId')
    .where('groupMembers.groupId', 'in', groups)
    .where('groupMembers.role', '=', 'student');
  return members
    .union(db.selectFrom('relativeLinks').select('relativeLinks.relativeId as id').where('relativeLinks.studentId', 'in', pupils))
    .union(db.selectFrom('relativeLinks').select('relativeLinks.studentId as id').where('relativeLinks.relativeId', '=', actor.personId))
    .union(db.selectFrom('relativeLinks').select('relativeLinks.relativeId as id').where('relativeLinks.studentId', '=', actor.personId));
}

/** Everyone who sent the actor a message: replying to them is always allowed. */
function correspondentIds(db: Db, actor: Actor): IdQuery {
  return db
    .selectFrom('messageRecipients')
    .innerJoin('messages', 'messages.id', 'messageRecipients.messageId')
    .select('messages.senderId as id')
    .where('messageRecipients.personId', '=', actor.personId)
    .where('messages.state', '=', 'sent');
}

/** Ids the actor may write to in a school by the rules (replies aside), as one subquery; null when none. */
function ruleReachableIds(db: Db, actor: Actor, structureId: string, rules: Rule[], year: string): IdQuery | null {
  const parts: IdQuery[] = [];
  let linked: IdQuery | null = null;
  for (const rule of applicableRules(actor, structureId, rules)) {
    const audience = audienceIds(db, structureId, rule.toAudience);
    if (rule.scope === 'structure') parts.push(audience);
    else {
      linked ??= linkedIds(db, actor, structureId, year);
      parts.push(audience.where(rule.toAudience === 'director' ? 'structureRoles.personId' : 'structureMembers.personId', 'in', linked));
    }
  }
  if (parts.length === 0) return null;
  return parts.reduce((acc, part) => acc.union(part));
}

/** Ids the actor may write to: the rules of the school, plus everyone who wrote to them. */
export function reachableIds(db: Db, actor: Actor, structureId: string, rules: Rule[], year: string): IdQuery {
  const byRules = ruleReachableIds(db, actor, structureId, rules, year);
  const replies = correspondentIds(db, actor);
  return byRules ? byRules.union(replies) : replies;
}

/** Which of these people the actor may write to (active accounts, not themselves). */
export async function allowedAmong(db: Db, actor: Actor, structureId: string, personIds: string[], year: string, rules: Rule[]): Promise<Set<string>> {
  const allowed = new Set<string>();
  const unique = [...new Set(personIds)].filter((id) => id !== actor.personId);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('people')
      .select('people.id')
      .where('people.id', 'in', unique.slice(i, i + CHUNK))
      .where('people.status', '=', 'active')
      .where('people.id', 'in', reachableIds(db, actor, structureId, rules, year))
      .execute();
    for (const row of rows) allowed.add(row.id);
  }
  return allowed;
}

export interface ReachablePerson {
  id: string;
  firstName: string;
  lastName: string;
  usageName: string | null;
  profile: string;
}

/** Search-as-you-type: reachable people whose names start with each word, accents ignored. */
export async function searchReachable(
  db: Db,
  actor: Actor,
  structureId: string,
  q: string,
  limit: number,
  year: string,
  rules: Rule[],
): Promise<ReachablePerson[]> {
  // Every word is a prefix of a word of the name, accents and case folded (the directory's index).
  const named = matchingIds(db, peopleSearchIndex, q);
  if (!named) return [];
  return db
    .selectFrom('people')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.profile'])
    .where('people.status', '=', 'active')
    .where('people.id', '!=', actor.personId)
    .where('people.id', 'in', named)
    .where('people.id', 'in', reachableIds(db, actor, structureId, rules, year))
    .orderBy('people.searchKey')
    .orderBy('people.id')
    .limit(limit)
    .execute();
}

/** A school's groups of the year, by name; only the actor's own (or their children's) unless `all`. */
export async function schoolGroups(db: Db, actor: Actor, structureId: string, year: string, all: boolean) {
  let q = db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name'])
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', year)
    .orderBy('groups.name');
  if (!all) q = q.where('groups.id', 'in', linkedGroupIds(db, actor, structureId, year));
  return q.execute();
}

export async function linkedGroupIdSet(db: Db, actor: Actor, structureId: string, year: string): Promise<Set<string>> {
  return new Set((await linkedGroupIds(db, actor, structureId, year).execute()).map((g) => g.id));
}

/** Name and school year of groups, by id. */
export async function groupsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('groups').select(['id', 'name', 'schoolYear', 'structureId']).where('id', 'in', ids).execute();
}

/**
 * The people a group or school target stands for, already filtered by the rules: a group never
 * reaches further than its members would one by one. Groups of another school or year reach nobody.
 */
export async function expandAudience(
  db: Db,
  actor: Actor,
  structureId: string,
  rules: Rule[],
  year: string,
  target: { kind: 'school'; audience: Exclude<Audience, 'director'> } | { kind: 'group'; groupId: string; audience: 'student' | 'relative' | 'teacher' },
): Promise<string[]> {
  let members;
  if (target.kind === 'school') members = audienceIds(db, structureId, target.audience);
  else {
    const inSchool = db
      .selectFrom('groups')
      .select('groups.id')
      .where('groups.id', '=', target.groupId)
      .where('groups.structureId', '=', structureId)
      .where('groups.schoolYear', '=', year);
    const role = target.audience === 'teacher' ? 'teacher' : 'student';
    const byRole = db
      .selectFrom('groupMembers')
      .select('groupMembers.personId as id')
      .where('groupMembers.groupId', 'in', inSchool)
      .where('groupMembers.role', '=', role);
    members =
      target.audience === 'relative'
        ? db.selectFrom('relativeLinks').select('relativeLinks.relativeId as id').where('relativeLinks.studentId', 'in', byRole)
        : byRole;
  }
  const rows = await db
    .selectFrom('people')
    .select('people.id')
    .where('people.id', 'in', members)
    .where('people.status', '=', 'active')
    .where('people.id', '!=', actor.personId)
    .where('people.id', 'in', reachableIds(db, actor, structureId, rules, year))
    .execute();
  return rows.map((row) => row.id);
}
