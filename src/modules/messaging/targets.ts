// Recipient tokens (a person, "CE1 – parents", "Enseignants de l'école") and their expansion at send time.
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { UUID_PATTERN } from '../../kernel/http/schemas.js';
import { t } from './i18n/fr.js';
import * as engine from './repository/rules.js';
import { applicableRules, scopeTowards, type Rule } from './rules.js';
import type { Audience } from './tables.js';

const UUID = UUID_PATTERN.source.slice(1, -1);
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

export const GROUP_LABEL: Record<GroupAudience, (name: string) => string> = {
  student: (name) => t('messaging.group.students', name),
  relative: (name) => t('messaging.group.relatives', name),
  teacher: (name) => t('messaging.group.teachers', name),
};

const SCHOOL_KEY = {
  teacher: 'messaging.school.teachers',
  student: 'messaging.school.students',
  relative: 'messaging.school.relatives',
  personnel: 'messaging.school.personnel',
} as const;

/** A school-wide audience's label, in the language of the request. */
export const schoolLabel = (audience: Exclude<Audience, 'director'>) => t(SCHOOL_KEY[audience]);

const GROUP_AUDIENCES: GroupAudience[] = ['relative', 'student', 'teacher'];

/** The groups the actor may address in a school this year: classes of their own (or any, with a school-wide rule), and the school's profiles. */
export async function groupTargets(db: Db, actor: Actor, structureId: string, rules: Rule[], year: string): Promise<GroupTarget[]> {
  const mine = applicableRules(actor, structureId, rules);
  const scopes = Object.fromEntries(GROUP_AUDIENCES.map((a) => [a, scopeTowards(mine, a)])) as Record<GroupAudience, 'structure' | 'linked' | null>;
  const out: GroupTarget[] = [];
  if (GROUP_AUDIENCES.some((a) => scopes[a])) {
    const all = GROUP_AUDIENCES.some((a) => scopes[a] === 'structure');
    const groups = await engine.schoolGroups(db, actor, structureId, year, all);
    const linked = all ? await engine.linkedGroupIdSet(db, actor, structureId, year) : new Set(groups.map((g) => g.id));
    for (const g of groups) {
      for (const audience of GROUP_AUDIENCES) {
        const scope = scopes[audience];
        if (scope === 'structure' || (scope === 'linked' && linked.has(g.id)))
          out.push({ token: `group:${g.id}:${audience}`, label: GROUP_LABEL[audience](g.name) });
      }
    }
  }
  for (const audience of ['teacher', 'personnel', 'relative', 'student'] as const) {
    if (scopeTowards(mine, audience) === 'structure') out.push({ token: `school:${structureId}:${audience}`, label: schoolLabel(audience) });
  }
  return out;
}

/** The people a target stands for, already filtered by the rules; a school target of another school reaches nobody. */
export async function expandTarget(
  db: Db,
  actor: Actor,
  structureId: string,
  rules: Rule[],
  year: string,
  target: Exclude<Target, { kind: 'person' }>,
): Promise<string[]> {
  if (target.kind === 'school' && target.structureId !== structureId) return [];
  return engine.expandAudience(db, actor, structureId, rules, year, target);
}
