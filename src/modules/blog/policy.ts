import { definePolicy, managesAny, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';
import type { PostAudience, PostStatus } from './tables.js';

/** A class blog: where its class is, whether its year runs now, how the person stands towards it, what its teachers allow. */
export interface BlogFacts {
  structureId: string;
  current: boolean;
  relations: GroupRelation[];
  pupilsWrite: boolean;
  parentsComment: boolean;
}

/** One post, with its blog's facts. */
export interface PostFacts extends BlogFacts {
  authorId: string;
  status: PostStatus;
  audience: PostAudience;
  /** No pupil tagged in its photos lacks photo consent (checked on the directory now). */
  compliant: boolean;
  /** Hidden from families after a change of consent, until a teacher publishes it again. */
  familiesHidden: boolean;
  deleted: boolean;
}

const teaches = (b: BlogFacts) => b.relations.includes('teacher');
const inspects = (actor: Actor, b: BlogFacts) => actor.isSuperAdmin || managesStructure(actor, b.structureId);

function readsBlog(actor: Actor, b: BlogFacts): boolean {
  if (inspects(actor, b) || teaches(b)) return true;
  return b.current && b.relations.length > 0;
}

/** The one read rule for posts; lists apply it in SQL (`readablePosts` in the repository). */
function readsPost(actor: Actor, p: PostFacts): boolean {
  if (p.deleted) return false;
  if (p.authorId === actor.personId) return true;
  if (p.status === 'draft') return false;
  if (teaches(p) || inspects(actor, p)) return true;
  if (p.status !== 'published' || !p.current) return false;
  if (actor.profile === 'student' && p.relations.includes('student')) return true;
  return actor.profile === 'relative' && p.relations.includes('relative') && p.audience === 'families' && p.compliant && !p.familiesHidden;
}

/** The class's teachers edit every post of their blog; a pupil their own until it is published. */
function editsPost(actor: Actor, p: PostFacts): boolean {
  if (p.deleted || !p.current) return false;
  if (teaches(p) && actor.profile === 'teacher') return true;
  return p.authorId === actor.personId && actor.profile === 'student' && p.relations.includes('student') && p.pupilsWrite && p.status !== 'published';
}

const moderates = (actor: Actor, p: PostFacts) => !p.deleted && ((p.current && teaches(p) && actor.profile === 'teacher') || inspects(actor, p));

export const blogPolicy = definePolicy('blog', {
  /** The blog pages: the people of classes (teachers, pupils, parents) and the school's managers. */
  'blog.index.open': {
    allow: (actor: Actor, _: object) => ['teacher', 'student', 'relative'].includes(actor.profile) || managesAny(actor) || actor.isSuperAdmin,
    refusal: 403,
  },
  /** A class's blog: its teachers (any year), this year's pupils and parents, the school's managers. */
  'blog.blog.read': readsBlog,
  /** Teachers of the class write; its pupils when the teacher allows it (their posts wait for validation). */
  'blog.post.create': (actor: Actor, b: BlogFacts) =>
    b.current && ((actor.profile === 'teacher' && teaches(b)) || (actor.profile === 'student' && b.relations.includes('student') && b.pupilsWrite)),
  /** Author (drafts too); teachers and managers (waiting posts too); pupils once published; parents once published to families and compliant. */
  'blog.post.read': readsPost,
  'blog.post.edit': editsPost,
  /** Only a teacher of the class publishes (a pupil's post is validated so). */
  'blog.post.publish': (actor: Actor, p: PostFacts) => !p.deleted && p.current && teaches(p) && actor.profile === 'teacher',
  /** Removal keeps the post with who and when: the class's teachers, a pupil their unpublished post, the managers. */
  'blog.post.delete': (actor: Actor, p: PostFacts) => editsPost(actor, p) || (!p.deleted && inspects(actor, p)),
  /** Photos and videos are read with their post. */
  'blog.media.read': readsPost,
  /** Parents of the class comment a post they read, when the teacher allows it. */
  'blog.comment.create': (actor: Actor, p: PostFacts) =>
    readsPost(actor, p) && p.status === 'published' && actor.profile === 'relative' && p.relations.includes('relative') && p.parentsComment,
  /** The class's teachers and the school's managers approve or reject comments. */
  'blog.comment.moderate': moderates,
  /** The class's teachers choose what pupils and parents may do on their blog. */
  'blog.settings.manage': (actor: Actor, b: BlogFacts) => b.current && teaches(b) && actor.profile === 'teacher',
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof blogPolicy> {}
}
