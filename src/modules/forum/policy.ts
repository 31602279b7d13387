import { definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';
import type { ForumKind } from './tables.js';

/** Everything the rules look at for one forum, gathered from who asks. */
export interface ForumFacts {
  kind: ForumKind;
  structureId: string;
  /** The forum's school year runs now: a past year's forum is read-only. */
  current: boolean;
  /** How the asker stands towards the forum's class (class forums; empty otherwise). */
  relations: GroupRelation[];
  /** The asker is an active member of the forum's school. */
  member: boolean;
  pupilsRead: boolean;
  parentsRead: boolean;
  pupilsWrite: boolean;
  /**
   * The asker may write, by the school's communication rules, to every reader of the forum
   * (decision 0024: in a class forum opened to pupils, the class's pupils count as reachable to each other).
   */
  reachesReaders: boolean;
}

/** A thread's facts: its forum's, and its own state. */
export interface ThreadFacts extends ForumFacts {
  authorId: string;
  locked: boolean;
  hidden: boolean;
}

/** A post's facts: its thread's, and its own. */
export interface PostFacts extends ThreadFacts {
  postAuthorId: string;
  postHidden: boolean;
}

const isDirector = (actor: Actor, structureId: string) => hasRole(actor, structureId, 'director');
const isStaff = (actor: Actor) => actor.profile === 'teacher' || actor.profile === 'personnel';

/** Moderators: the class's teachers and the director for a class forum; the director for the school forum and the staff room. */
export function moderates(actor: Actor, f: ForumFacts): boolean {
  if (isDirector(actor, f.structureId)) return true;
  return f.kind === 'class' && actor.profile === 'teacher' && f.relations.includes('teacher');
}

/** The one read rule; lists apply the same rule in SQL (`repository/forums.ts`, `readableForumIds`). */
export function readsForum(actor: Actor, f: ForumFacts): boolean {
  if (moderates(actor, f)) return true;
  if (f.kind === 'class') {
    if (f.relations.includes('teacher')) return true;
    if (!f.current) return false;
    return (f.relations.includes('student') && f.pupilsRead) || (f.relations.includes('relative') && f.parentsRead);
  }
  if (!f.member) return false;
  if (isStaff(actor)) return true;
  if (f.kind === 'staff' || !f.current) return false;
  return (actor.profile === 'student' && f.pupilsRead) || (actor.profile === 'relative' && f.parentsRead);
}

/** Writing: a reader, this year, who reaches every reader; a pupil only where pupil writing is open. */
function writesIn(actor: Actor, f: ForumFacts): boolean {
  if (!f.current || !readsForum(actor, f) || !f.reachesReaders) return false;
  return actor.profile !== 'student' || f.pupilsWrite;
}

const readsThread = (actor: Actor, t: ThreadFacts) => readsForum(actor, t) && (!t.hidden || moderates(actor, t));

export const forumPolicy = definePolicy('forum', {
  /** The forums: pupils, parents and the school's staff; a municipal agent is told no. */
  'forum.index.open': { allow: (actor: Actor, _: object) => actor.profile !== 'municipal', refusal: 403 },
  /** Class forum: its teachers, the director, its pupils (this year), its parents when opened; school forum: its members as configured; staff room: staff only. */
  'forum.forum.read': readsForum,
  /** Who may open a thread here (the form is shown, the refusal says why). */
  'forum.thread.create': { allow: writesIn, refusal: 403 },
  /** Settings (pupils' writing, parents' and pupils' reading), lock and hide: the moderators, this year. */
  'forum.forum.moderate': { allow: (actor: Actor, f: ForumFacts) => f.current && readsForum(actor, f) && moderates(actor, f), refusal: 403 },
  /** Reports of a forum: its moderators, any year. */
  'forum.report.read': { allow: (actor: Actor, f: ForumFacts) => moderates(actor, f), refusal: 403 },
  /** A thread: the forum's readers; a hidden one only its moderators. */
  'forum.thread.read': readsThread,
  /** A reply: a writer of the forum, in a thread neither locked nor hidden. */
  'forum.post.create': { allow: (actor: Actor, t: ThreadFacts) => readsThread(actor, t) && writesIn(actor, t) && !t.locked && !t.hidden, refusal: 403 },
  /** Lock, unlock, hide, unhide: the moderators, this year. */
  'forum.thread.moderate': { allow: (actor: Actor, t: ThreadFacts) => t.current && readsForum(actor, t) && moderates(actor, t), refusal: 403 },
  /** Any reader reports someone else's visible post, this year. */
  'forum.post.report': {
    allow: (actor: Actor, p: PostFacts) => p.current && readsThread(actor, p) && p.postAuthorId !== actor.personId && !p.postHidden,
    refusal: 403,
  },
  /** Correct one's own post: its author, this year, while they may still write there and it is visible. */
  'forum.post.edit': {
    allow: (actor: Actor, p: PostFacts) =>
      p.postAuthorId === actor.personId && !p.postHidden && readsThread(actor, p) && writesIn(actor, p) && !p.locked && !p.hidden,
    refusal: 403,
  },
  /** Hide or show one post again: the moderators, this year. */
  'forum.post.moderate': { allow: (actor: Actor, p: PostFacts) => p.current && readsForum(actor, p) && moderates(actor, p), refusal: 403 },
  /** Follow a forum or a thread: its readers. */
  'forum.subscription.manage': (actor: Actor, f: ForumFacts) => readsForum(actor, f),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof forumPolicy> {}
}
