import type { Actor, Profile } from '../../kernel/authz/index.js';
import type { Config } from '../../kernel/config/index.js';
import type { Db } from '../../kernel/db/index.js';
import { canSeePerson } from '../directory/index.js';
import type { DocumentNodesTable, HandInBoxesTable } from './tables.js';

export type ShareLevel = 'read' | 'edit' | null;
export type ClassRole = 'teacher' | 'student' | 'relative' | null;
export type Access = 'own' | 'edit' | 'read' | null;

/** Facts about the actor and a node, gathered by the repository. */
export interface NodeFacts {
  share: ShareLevel;
  /** Role in the node's class, for class-space nodes. */
  classRole: ClassRole;
}

/**
 * What the actor may do with a node: its owner owns it; a class's teachers edit its class space,
 * its pupils (and parents, if the teacher said so) read it; shares give read or edit on a node
 * and everything under it. Trashed nodes are reachable by their owner only (in the trash).
 */
export function nodeAccess(actor: Actor, node: Pick<DocumentNodesTable, 'ownerId' | 'classId' | 'parentsCanRead' | 'trashedAt'>, facts: NodeFacts): Access {
  if (node.ownerId === actor.personId) return 'own';
  if (node.trashedAt) return null;
  let access: Access = facts.share;
  if (node.classId) {
    if (facts.classRole === 'teacher') return 'edit';
    if (facts.classRole === 'student' || (facts.classRole === 'relative' && node.parentsCanRead === 1)) access ??= 'read';
  }
  return access;
}

export const canRead = (access: Access) => access !== null;
export const canEdit = (access: Access) => access === 'own' || access === 'edit';
/** Sharing, revoking and emptying the trash stay with the owner. */
export const canManage = (access: Access) => access === 'own';

/** Only teachers put documents in a class space, for classes they teach. */
export function canPublishToClass(actor: Actor, role: ClassRole): boolean {
  return actor.profile === 'teacher' && role === 'teacher';
}

/** The space quota of a profile. */
export function quotaOf(profile: Profile, quotas: Config['quotas']): number {
  return quotas[profile];
}

/**
 * Whom a person may share with. Until messaging's communication rules are the reference, a
 * person reaches the people the directory shows them; a group is reachable when they belong to it.
 */
export async function canShareWithPerson(db: Db, actor: Actor, personId: string, year: string): Promise<boolean> {
  if (personId === actor.personId) return false;
  return canSeePerson(db, actor, personId, year);
}

export function canShareWithGroup(myGroups: readonly string[], groupId: string): boolean {
  return myGroups.includes(groupId);
}

/** Hand-in boxes: a teacher opens one for a class or group they teach. */
export function canOpenBox(actor: Actor, roleInGroup: ClassRole): boolean {
  return actor.profile === 'teacher' && roleInGroup === 'teacher';
}

/**
 * May the pupil hand in (or replace) now? Before the deadline, always; after it, a first hand-in
 * only, when the teacher accepts late work.
 */
export function handInWindow(box: Pick<HandInBoxesTable, 'dueAt' | 'acceptLate'>, alreadyHandedIn: boolean, now: Date): 'on_time' | 'late' | 'closed' {
  if (now.getTime() <= new Date(box.dueAt).getTime()) return 'on_time';
  if (box.acceptLate === 1 && !alreadyHandedIn) return 'late';
  return 'closed';
}
