// The communication-rules engine: "may A write to B?" and "whom can A write to?", as SQL
// subqueries on top of the directory, per school.
import { sql, type SelectQueryBuilder } from 'kysely';
import { hasRole, type Actor } from '../../kernel/authz/index.js';
import type { Database, Db } from '../../kernel/db/index.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import { normalizeKey } from '../../kernel/text.js';
import { findStructure } from '../directory/index.js';
import type { Audience, MessagingSettingsTable, RuleScope } from './tables.js';

type IdQuery = SelectQueryBuilder<Database, any, { id: string }>;

export const AUDIENCES: readonly Audience[] = ['teacher', 'student', 'relative', 'personnel', 'director'];
export const SCOPES: readonly RuleScope[] = ['linked', 'structure'];

export interface Rule {
  fromAudience: Audience;
  toAudience: Audience;
  scope: RuleScope;
}

export type Settings = Omit<MessagingSettingsTable, 'updatedAt'>;

const r = (fromAudience: Audience, toAudience: Audience, scope: RuleScope): Rule => ({ fromAudience, toAudience, scope });

/**
 * What a French school expects: teachers and their pupils and those pupils' parents both ways,
 * teachers and staff among themselves, director and staff to everyone, parents to the teachers
 * and director of their children's school, pupils to their teachers; classmates only in
 * secondary schools.
 */
export function defaultRules(structureKind: string): Rule[] {
  const rules = [
    r('teacher', 'student', 'linked'),
    r('student', 'teacher', 'linked'),
    r('teacher', 'relative', 'linked'),
    r('teacher', 'teacher', 'structure'),
    r('teacher', 'personnel', 'structure'),
    r('teacher', 'director', 'structure'),
    r('personnel', 'teacher', 'structure'),
    r('personnel', 'personnel', 'structure'),
    r('personnel', 'director', 'structure'),
    r('personnel', 'student', 'structure'),
    r('personnel', 'relative', 'structure'),
    r('director', 'teacher', 'structure'),
    r('director', 'personnel', 'structure'),
    r('director', 'student', 'structure'),
    r('director', 'relative', 'structure'),
    r('relative', 'teacher', 'structure'),
    r('relative', 'director', 'structure'),
  ];
  if (structureKind === 'college' || structureKind === 'lycee') rules.push(r('student', 'student', 'linked'));
  return rules;
}

export const DEFAULT_QUIET = { quietStart: '20:00', quietEnd: '07:00', quietWeekends: 1 };

/** The school's messaging settings; on first use, creates them and seeds the default rules. */
export async function ensureSettings(db: Db, structureId: string): Promise<Settings | null> {
  const existing = await db.selectFrom('messagingSettings').selectAll().where('structureId', '=', structureId).executeTakeFirst();
  if (existing) return existing;
  const structure = await findStructure(db, structureId);
  if (!structure) return null;
  const now = nowIso();
  const settings = { structureId, readOnly: 0, ...DEFAULT_QUIET, updatedAt: now };
  await db.transaction().execute(async (trx) => {
    // Two first requests may race: the second insert finds the row and does nothing.
    const inserted = await trx
      .insertInto('messagingSettings')
      .values(settings)
      .onConflict((oc) => oc.column('structureId').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    const rules = defaultRules(structure.kind).map((rule) => ({ id: newId(), structureId, ...rule, updatedAt: now }));
    await trx.insertInto('communicationRules').values(rules).execute();
  });
  return settings;
}

export async function rulesOf(db: Db, structureId: string): Promise<Rule[]> {
  await ensureSettings(db, structureId);
  return db.selectFrom('communicationRules').select(['fromAudience', 'toAudience', 'scope']).where('structureId', '=', structureId).execute();
}

/** Replaces a school's rules in one transaction. */
export async function replaceRules(db: Db, structureId: string, rules: Rule[]): Promise<void> {
  await ensureSettings(db, structureId);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('communicationRules').where('structureId', '=', structureId).execute();
    if (rules.length > 0)
      await trx
        .insertInto('communicationRules')
        .values(rules.map((rule) => ({ id: newId(), structureId, ...rule, updatedAt: now })))
        .execute();
  });
}

/** The audiences the actor belongs to in a school: their profile, and `director` for the director. */
export function audiencesOf(actor: Actor, structureId: string): Audience[] {
  if (!actor.structures.some((s) => s.id === structureId)) return [];
  const list: Audience[] = [actor.profile === 'municipal' ? 'personnel' : actor.profile];
  if (hasRole(actor, structureId, 'director')) list.push('director');
  return list;
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

/** Groups of the school year in a school that the actor, or one of their children, belongs to. */
export function linkedGroupIds(db: Db, actor: Actor, structureId: string, year: string) {
  const children = db.selectFrom('relativeLinks').select('relativeLinks.studentId').where('relativeLinks.relativeId', '=', actor.personId);
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select('groups.id')
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', year)
    .where((eb) => eb.or([eb('groupMembers.personId', '=', actor.personId), eb('groupMembers.personId', 'in', children)]));
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
export function correspondentIds(db: Db, actor: Actor): IdQuery {
  return db
    .selectFrom('messageRecipients')
    .innerJoin('messages', 'messages.id', 'messageRecipients.messageId')
    .select('messages.senderId as id')
    .where('messageRecipients.personId', '=', actor.personId)
    .where('messages.state', '=', 'sent');
}

/** The rules that apply to the actor in a school, with the audience they reach. */
export function applicableRules(actor: Actor, structureId: string, rules: Rule[]): Rule[] {
  const mine = audiencesOf(actor, structureId);
  return rules.filter((rule) => mine.includes(rule.fromAudience));
}

/** Ids the actor may write to in a school by the rules (replies aside), as one subquery; null when none. */
export function ruleReachableIds(db: Db, actor: Actor, structureId: string, rules: Rule[], year: string): IdQuery | null {
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

const CHUNK = 400;

/** Which of these people the actor may write to (active accounts, not themselves). */
export async function allowedAmong(db: Db, actor: Actor, structureId: string, personIds: string[], year: string, knownRules?: Rule[]): Promise<Set<string>> {
  const allowed = new Set<string>();
  const unique = [...new Set(personIds)].filter((id) => id !== actor.personId);
  if (unique.length === 0) return allowed;
  const rules = knownRules ?? (await rulesOf(db, structureId));
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

export async function mayWrite(db: Db, actor: Actor, structureId: string, personId: string, year: string): Promise<boolean> {
  return (await allowedAmong(db, actor, structureId, [personId], year)).has(personId);
}

export interface ReachablePerson {
  id: string;
  firstName: string;
  lastName: string;
  usageName: string | null;
  profile: string;
}

/** Search-as-you-type: reachable people whose names start with each word, accents ignored. */
export async function searchReachable(db: Db, actor: Actor, structureId: string, q: string, limit: number, year: string): Promise<ReachablePerson[]> {
  const words = normalizeKey(q).split(' ').filter(Boolean).slice(0, 4);
  if (words.length === 0) return [];
  const rules = await rulesOf(db, structureId);
  let query = db
    .selectFrom('people')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.profile'])
    .where('people.status', '=', 'active')
    .where('people.id', '!=', actor.personId);
  for (const word of words) {
    const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where((eb) =>
      eb.or([
        eb('people.searchKey', 'like', sql<string>`${escaped + '%'} escape '\\'`),
        eb('people.searchKey', 'like', sql<string>`${'% ' + escaped + '%'} escape '\\'`),
      ]),
    );
  }
  return query
    .where('people.id', 'in', reachableIds(db, actor, structureId, rules, year))
    .orderBy('people.searchKey')
    .orderBy('people.id')
    .limit(limit)
    .execute();
}
