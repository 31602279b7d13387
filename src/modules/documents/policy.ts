import { definePolicy, type Actor, type ActionsOf, type Profile } from '../../kernel/authz/index.js';
import type { Config } from '../../kernel/config/index.js';
import type { GroupRelation, GroupStanding } from '../directory/index.js';
import type { HandInBoxesTable } from './tables.js';

export type ShareLevel = 'read' | 'edit' | null;
export type Access = 'own' | 'edit' | 'read' | null;

/** Where a class space's group stands for the actor: their relations to it and whether its year is current. */
export type ClassStanding = Pick<GroupStanding, 'current' | 'relations'>;

/** Facts about the actor and a node, gathered by the repository. */
export interface NodeFacts {
  ownerId: string;
  kind: 'file' | 'folder';
  /** Class space the node lives in, if any. */
  classId: string | null;
  parentsCanRead: boolean;
  trashed: boolean;
  /** The node is the one put in the trash (what the trash lists and restores). */
  trashRoot: boolean;
  /** The strongest share reaching the actor on the node or an ancestor. */
  share: ShareLevel;
  /** The actor's standing in the node's class, for class-space nodes. */
  classStanding: ClassStanding | null;
}

const has = (standing: ClassStanding | null, relation: GroupRelation) => standing?.relations.includes(relation) ?? false;

/**
 * What the actor may do with a node: its owner owns it; a class's teachers edit its class space,
 * its pupils (and parents, if the teacher said so) read it; shares give read or edit on a node and
 * everything under it. A class space of a closed year is read-only, and hidden from parents.
 * Trashed nodes are reachable by their owner only (in the trash).
 */
export function nodeAccess(actor: Actor, node: NodeFacts): Access {
  if (node.trashed) return node.ownerId === actor.personId ? 'own' : null;
  const past = node.classId !== null && node.classStanding?.current === false;
  if (node.ownerId === actor.personId) return past ? 'read' : 'own';
  let access: Access = node.share;
  if (node.classId) {
    const s = node.classStanding;
    if (has(s, 'teacher')) return past ? 'read' : 'edit';
    if (has(s, 'student') || (has(s, 'relative') && s?.current && node.parentsCanRead)) access ??= 'read';
  }
  return past && access === 'edit' ? 'read' : access;
}

/**
 * Whether the actor reads a class folder as a pupil's parent only (no share, not a member): then
 * listings keep what the teacher opened to parents. The one rule every class listing applies in SQL.
 */
export function readsAsParentOnly(actor: Actor, node: Pick<NodeFacts, 'ownerId' | 'classId' | 'share' | 'classStanding'>): boolean {
  if (!node.classId || node.ownerId === actor.personId || node.share) return false;
  const s = node.classStanding;
  return has(s, 'relative') && !has(s, 'teacher') && !has(s, 'student');
}

/** Facts about a hand-in box: the actor's standing in its group. */
export type BoxFacts = ClassStanding;

/** Facts about one pupil's hand-in (its files, its returns) in a box. */
export interface HandInFacts extends BoxFacts {
  studentId: string;
}

const live = (actor: Actor, node: NodeFacts) => !node.trashed && nodeAccess(actor, node) !== null;
const teaches = (actor: Actor, s: ClassStanding) => actor.profile === 'teacher' && s.relations.includes('teacher');

export const documentsPolicy = definePolicy('documents', {
  /** Read a file or folder (and list a folder): owner, shares, the class space's members. */
  'documents.node.read': (actor, node: NodeFacts) => live(actor, node),
  /** Rename, move, trash: owner or an editable share, or the class's teachers; never in a closed year. */
  'documents.node.edit': (actor, node: NodeFacts) => !node.trashed && ['own', 'edit'].includes(nodeAccess(actor, node) ?? ''),
  /** Add files or folders into a folder: whoever edits it. */
  'documents.node.upload': (actor, node: NodeFacts) => node.kind === 'folder' && !node.trashed && ['own', 'edit'].includes(nodeAccess(actor, node) ?? ''),
  /** Share, revoke, see the shares: the owner, while the node is live and its year open. */
  'documents.node.share': (actor, node: NodeFacts) => !node.trashed && nodeAccess(actor, node) === 'own',
  /** Restore from the trash: the owner, on the node they trashed. */
  'documents.node.restore': (actor, node: NodeFacts) => node.trashed && node.trashRoot && node.ownerId === actor.personId,
  /** Delete for good: the owner, from the trash only. */
  'documents.node.delete': (actor, node: NodeFacts) => node.trashed && node.ownerId === actor.personId,
  /** A class space's root: its teachers and pupils; its pupils' parents this year only. */
  'documents.class.read': (actor, s: ClassStanding) =>
    s.relations.includes('teacher') || s.relations.includes('student') || (s.relations.includes('relative') && s.current),
  /** Publish at the root of a class space: a teacher of the class, this year. */
  'documents.class.publish': (actor, s: ClassStanding) => teaches(actor, s) && s.current,
  /** Open a hand-in box: a teacher of the class or group, this year. */
  'documents.box.open': (actor, s: BoxFacts) => teaches(actor, s) && s.current,
  /** See a box: its group's teachers and pupils; their parents this year only (status only). */
  'documents.box.read': (actor, s: BoxFacts) =>
    s.relations.includes('teacher') || s.relations.includes('student') || (s.relations.includes('relative') && s.current),
  /** Every pupil's hand-in and the zip of them all: the group's teachers, in any year. */
  'documents.box.manage': (actor, s: BoxFacts) => s.relations.includes('teacher'),
  /** Hand in (or replace): a pupil of the group, this year (the deadline is checked apart). */
  'documents.handIn.submit': (actor, s: BoxFacts) => actor.profile === 'student' && s.relations.includes('student') && s.current,
  /** Download a hand-in's files or what was returned: the group's teachers, or the pupil concerned. */
  'documents.handIn.download': (actor, h: HandInFacts) =>
    h.relations.includes('teacher') || (h.studentId === actor.personId && h.relations.includes('student')),
  /** Return a hand-in with a comment: the group's teachers, this year. */
  'documents.handIn.return': (actor, h: HandInFacts) => h.relations.includes('teacher') && h.current,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof documentsPolicy> {}
}

/** The space quota of a profile. */
export function quotaOf(profile: Profile, quotas: Config['quotas']): number {
  return quotas[profile];
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
