import { managesStructure, type Actor } from '../../kernel/authz/index.js';
import type { LessonsTable } from './tables.js';

/** Teachers fill in the cahier de textes (for the groups they teach, checked against the directory). */
export function canWriteLessons(actor: Actor): boolean {
  return actor.profile === 'teacher';
}

/** Only the author edits, deletes or copies a lesson: the director inspects but never edits. */
export function canEditLesson(actor: Actor, lesson: Pick<LessonsTable, 'teacherId'>): boolean {
  return actor.profile === 'teacher' && lesson.teacherId === actor.personId;
}

/** Directors and local administrators read every class of their school and set who may read it. */
export function canInspect(actor: Actor, structureId: string): boolean {
  return managesStructure(actor, structureId);
}

export const canManageSettings = canInspect;

/** Families read an agenda: pupils their own, parents their children's. */
export function hasAgenda(actor: Actor): boolean {
  return actor.profile === 'student' || actor.profile === 'relative';
}

export function seesHomeworkNav(actor: Actor): boolean {
  return actor.profile === 'teacher' || hasAgenda(actor) || actor.isSuperAdmin || Object.values(actor.roles).some((r) => r.length > 0);
}
