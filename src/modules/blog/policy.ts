import { definePolicy, managesAny, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';
import type { PostAudience, PostStatus } from './tables.js';

/** How a person stands towards a blog: its class's (or, for the school's blog, its school's) teachers, pupils, parents, other staff. */
export type BlogRelation = GroupRelation | 'staff';

/**
 * A blog: a class's (where its class is, whether its year runs now) or its school's (always
 * current); how the person stands towards it; what its teachers (or the direction) allow.
 */
export interface BlogFacts {
  owner: 'class' | 'school';
  structureId: string;
  current: boolean;
  relations: BlogRelation[];
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
/** Who runs a blog this year: the class's teachers; for the school's blog, its teachers and the direction. */
const runs = (actor: Actor, b: BlogFacts) =>
  b.current && ((actor.profile === 'teacher' && teaches(b)) || (b.owner === 'school' && managesStructure(actor, b.structureId)));

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
  if (p.relations.includes('staff')) return true;
  return actor.profile === 'relative' && p.relations.includes('relative') && p.audience === 'families' && p.compliant && !p.familiesHidden;
}

/** Those who run the blog edit every post of it; a pupil their own until it is published. */
function editsPost(actor: Actor, p: PostFacts): boolean {
  if (p.deleted || !p.current) return false;
  if (runs(actor, p)) return true;
  return p.authorId === actor.personId && actor.profile === 'student' && p.relations.includes('student') && p.pupilsWrite && p.status !== 'published';
}

const moderates = (actor: Actor, p: PostFacts) => !p.deleted && (runs(actor, p) || inspects(actor, p));

export const blogPolicy = definePolicy('blog', {
  /** The blog pages: the people of classes (teachers, pupils, parents) and the school's managers. */
  'blog.index.open': {
    allow: (actor: Actor, _: object) => ['teacher', 'student', 'relative'].includes(actor.profile) || managesAny(actor) || actor.isSuperAdmin,
    refusal: 403,
  },
  /** A class's blog: its teachers (any year), this year's pupils and parents, the school's managers; the school's blog: its pupils, parents and staff. */
  'blog.blog.read': readsBlog,
  /** The school's direction opens the school's blog. */
  'blog.school.open': { allow: (actor: Actor, s: { structureId: string }) => managesStructure(actor, s.structureId), refusal: 404 },
  /** Those who run the blog write; its pupils when allowed (their posts wait for validation). */
  'blog.post.create': (actor: Actor, b: BlogFacts) =>
    runs(actor, b) || (b.current && actor.profile === 'student' && b.relations.includes('student') && b.pupilsWrite),
  /** Author (drafts too); teachers and managers (waiting posts too); pupils once published; parents once published to families and compliant. */
  'blog.post.read': readsPost,
  'blog.post.edit': editsPost,
  /** Only those who run the blog publish (a pupil's post is validated so). */
  'blog.post.publish': (actor: Actor, p: PostFacts) => !p.deleted && runs(actor, p),
  /** Removal keeps the post with who and when: the class's teachers, a pupil their unpublished post, the managers. */
  'blog.post.delete': (actor: Actor, p: PostFacts) => editsPost(actor, p) || (!p.deleted && inspects(actor, p)),
  /** Photos and videos are read with their post. */
  'blog.media.read': readsPost,
  /** Parents of the class comment a post they read, when the teacher allows it. */
  'blog.comment.create': (actor: Actor, p: PostFacts) =>
    readsPost(actor, p) && p.status === 'published' && actor.profile === 'relative' && p.relations.includes('relative') && p.parentsComment,
  /** The class's teachers and the school's managers approve or reject comments. */
  'blog.comment.moderate': moderates,
  /** The class's teachers choose what pupils and parents may do on their blog; the direction on the school's. */
  'blog.settings.manage': (actor: Actor, b: BlogFacts) =>
    b.owner === 'school' ? managesStructure(actor, b.structureId) : b.current && teaches(b) && actor.profile === 'teacher',
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof blogPolicy> {}
}
