// Recipient tokens (a person, "CE1 – parents", "Enseignants de l'école") and their expansion at send time.
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { displayName } from '../directory/index.js';
import { t } from './i18n/fr.js';
import { applicableRules, audienceIds, linkedGroupIds, reachableIds, type Rule } from './rules.js';
import type { Audience } from './tables.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = new RegExp(`^(?:person:(${UUID})|group:(${UUID}):(student|relative|teacher)|school:(${UUID}):(student|relative|teacher|personnel))$`, 'i');

export type GroupAudience = 'student' | 'relative' | 'teacher';

export type Target =
  | { kind: 'person'; token: string; personId: string }
  | { kind: 'group'; token: string; groupId: string; audience: GroupAudience }
  | { kind: 'school'; token: string; structureId: string; audience: Exclude<Audience, 'director'> };

export function parseToken(token: string): Target | null {
  const m = TOKEN.exec(token.trim());
  if (!m) return null;
  const tok = token.trim().toLowerCase();
  if (m[1]) return { kind: 'person', token: tok, personId: m[1].toLowerCase() };
  if (m[2]) return { kind: 'group', token: tok, groupId: m[2].toLowerCase(), audience: m[3]!.toLowerCase() as GroupAudience };
  return { kind: 'school', token: tok, structureId: m[4]!.toLowerCase(), audience: m[5]!.toLowerCase() as Exclude<Audience, 'director'> };
}

export interface GroupTarget {
  token: string;
  label: string;
}

const GROUP_LABEL: Record<GroupAudience, (name: string) => string> = {
  student: (name) => t('messaging.group.students', name),
  relative: (name) => t('messaging.group.relatives', name),
  teacher: (name) => t('messaging.group.teachers', name),
};

const SCHOOL_LABEL: Record<Exclude<Audience, 'director'>, string> = {
  teacher: t('messaging.school.teachers'),
  student: t('messaging.school.students'),
  relative: t('messaging.school.relatives'),
  personnel: t('messaging.school.personnel'),
};

/** The groups the actor may address in a school: classes of their own (or any, with a school-wide rule), and the school's profiles. */
export async function groupTargets(db: Db, actor: Actor, structureId: string, rules: Rule[], year: string): Promise<GroupTarget[]> {
  const mine = applicableRules(actor, structureId, rules);
  const scopeTo = (audience: Audience) => {
    const found = mine.filter((rule) => rule.toAudience === audience).map((rule) => rule.scope);
    return found.includes('structure') ? 'structure' : found.includes('linked') ? 'linked' : null;
  };
  const groupAudiences: GroupAudience[] = ['relative', 'student', 'teacher'];
  const scopes = Object.fromEntries(groupAudiences.map((a) => [a, scopeTo(a)])) as Record<GroupAudience, 'structure' | 'linked' | null>;
  const out: GroupTarget[] = [];
  if (groupAudiences.some((a) => scopes[a])) {
    const all = groupAudiences.some((a) => scopes[a] === 'structure');
    let q = db
      .selectFrom('groups')
      .select(['groups.id', 'groups.name'])
      .where('groups.structureId', '=', structureId)
      .where('groups.schoolYear', '=', year)
      .orderBy('groups.name');
    if (!all) q = q.where('groups.id', 'in', linkedGroupIds(db, actor, structureId, year));
    const groups = await q.execute();
    const linked = all ? new Set((await linkedGroupIds(db, actor, structureId, year).execute()).map((g) => g.id)) : new Set(groups.map((g) => g.id));
    for (const g of groups) {
      for (const audience of groupAudiences) {
        const scope = scopes[audience];
        if (scope === 'structure' || (scope === 'linked' && linked.has(g.id)))
          out.push({ token: `group:${g.id}:${audience}`, label: GROUP_LABEL[audience](g.name) });
      }
    }
  }
  for (const audience of ['teacher', 'personnel', 'relative', 'student'] as const) {
    if (scopeTo(audience) === 'structure') out.push({ token: `school:${structureId}:${audience}`, label: SCHOOL_LABEL[audience] });
  }
  return out;
}

/** Label of a token for display, or null when the thing it names does not exist. */
export async function labelOf(db: Db, target: Target): Promise<string | null> {
  if (target.kind === 'person') {
    const p = await db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', target.personId).executeTakeFirst();
    return p ? displayName(p) : null;
  }
  if (target.kind === 'group') {
    const g = await db.selectFrom('groups').select('name').where('id', '=', target.groupId).executeTakeFirst();
    return g ? GROUP_LABEL[target.audience](g.name) : null;
  }
  return SCHOOL_LABEL[target.audience];
}

/**
 * The people a target stands for, already filtered by the rules: a group never reaches further
 * than its members would one by one. Groups of another school or year expand to nobody.
 */
export async function expandTarget(
  db: Db,
  actor: Actor,
  structureId: string,
  rules: Rule[],
  year: string,
  target: Exclude<Target, { kind: 'person' }>,
): Promise<string[]> {
  let members;
  if (target.kind === 'school') {
    if (target.structureId !== structureId) return [];
    members = audienceIds(db, structureId, target.audience);
  } else {
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
