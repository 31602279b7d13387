// The communication rules of a school, as data: who may write to whom, by audience and scope.
// The SQL engine that applies them lives in repository/rules.ts.
import { hasRole, type Actor } from '../../kernel/authz/index.js';
import type { Audience, MessagingSettingsTable, RuleScope } from './tables.js';

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

/** The audiences the actor belongs to in a school: their profile, and `director` for the director. */
export function audiencesOf(actor: Actor, structureId: string): Audience[] {
  if (!actor.structures.some((s) => s.id === structureId)) return [];
  const list: Audience[] = [actor.profile === 'municipal' ? 'personnel' : actor.profile];
  if (hasRole(actor, structureId, 'director')) list.push('director');
  return list;
}

/** The rules that apply to the actor in a school, with the audience they reach. */
export function applicableRules(actor: Actor, structureId: string, rules: Rule[]): Rule[] {
  const mine = audiencesOf(actor, structureId);
  return rules.filter((rule) => mine.includes(rule.fromAudience));
}

/** The widest scope the actor's rules give towards an audience, or null when none does. */
export function scopeTowards(rules: Rule[], audience: Audience): RuleScope | null {
  const found = rules.filter((rule) => rule.toAudience === audience).map((rule) => rule.scope);
  return found.includes('structure') ? 'structure' : found.includes('linked') ? 'linked' : null;
}
