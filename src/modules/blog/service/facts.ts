import type { Actor } from '../../../kernel/authz/index.js';
import { managesStructure } from '../../../kernel/authz/index.js';
import { groupStanding } from '../../directory/index.js';
import type { BlogFacts, PostFacts } from '../policy.js';
import * as repo from '../repository/posts.js';
import type { Deps } from './deps.js';

/** Whose blog: a class's, or a school's (the one blog a school may open). */
export type BlogOwner = { groupId: string; schoolId?: undefined } | { schoolId: string; groupId?: undefined };

/** The blog a post is in: its class's, or its school's when it has no class. */
export const ownerOf = (post: Pick<repo.PostRow, 'groupId' | 'structureId'>): BlogOwner =>
  post.groupId !== null ? { groupId: post.groupId } : { schoolId: post.structureId };

/** A blog's facts for the actor; null when there is no such class, or the school has not opened its blog. */
export async function blogFacts(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, owner: BlogOwner): Promise<BlogFacts | null> {
  if (owner.schoolId !== undefined) {
    const blog = await repo.schoolBlog(deps.db, owner.schoolId);
    if (!blog) return null;
    const relations = await repo.schoolRelations(deps.db, actor.personId, owner.schoolId);
    return {
      owner: 'school',
      structureId: owner.schoolId,
      current: true,
      relations,
      pupilsWrite: blog.pupilsWrite === 1,
      parentsComment: blog.parentsComment === 1,
    };
  }
  const group = await repo.groupRow(deps.db, owner.groupId);
  if (!group || group.kind !== 'class') return null;
  const standing = await groupStanding(deps.db, actor.personId, owner.groupId, deps.clock.now());
  if (!standing) return null;
  const settings = await repo.settingsOf(deps.db, owner.groupId);
  return { owner: 'class', structureId: standing.structureId, current: standing.current, relations: standing.relations, ...settings };
}

export function postFactsOf(blog: BlogFacts, post: repo.PostRow, compliant: boolean): PostFacts {
  return {
    ...blog,
    authorId: post.authorId,
    status: post.status,
    audience: post.audience,
    compliant,
    familiesHidden: post.familiesHiddenAt !== null,
    deleted: post.deletedAt !== null,
  };
}

/** A post and its facts for the actor; nulls when there is no such post. */
export async function postFacts(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, postId: string) {
  const post = await repo.findPost(deps.db, postId);
  const blog = post ? await blogFacts(deps, actor, ownerOf(post)) : null;
  if (!post || !blog) return { post: undefined, blog: null, facts: null };
  return { post, blog, facts: postFactsOf(blog, post, await repo.isCompliant(deps.db, post.id)) };
}

export const inspects = (actor: Actor, b: BlogFacts) => actor.isSuperAdmin || managesStructure(actor, b.structureId);
