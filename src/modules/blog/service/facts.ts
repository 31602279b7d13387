import type { Actor } from '../../../kernel/authz/index.js';
import { managesStructure } from '../../../kernel/authz/index.js';
import { groupStanding } from '../../directory/index.js';
import type { BlogFacts, PostFacts } from '../policy.js';
import * as repo from '../repository/posts.js';
import type { Deps } from './deps.js';

/** A class blog's facts for the actor; null when there is no such class. */
export async function blogFacts(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, groupId: string): Promise<BlogFacts | null> {
  const group = await repo.groupRow(deps.db, groupId);
  if (!group || group.kind !== 'class') return null;
  const standing = await groupStanding(deps.db, actor.personId, groupId, deps.clock.now());
  if (!standing) return null;
  const settings = await repo.settingsOf(deps.db, groupId);
  return { structureId: standing.structureId, current: standing.current, relations: standing.relations, ...settings };
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
  const blog = post ? await blogFacts(deps, actor, post.groupId) : null;
  if (!post || !blog) return { post: undefined, blog: null, facts: null };
  return { post, blog, facts: postFactsOf(blog, post, await repo.isCompliant(deps.db, post.id)) };
}

export const inspects = (actor: Actor, b: BlogFacts) => actor.isSuperAdmin || managesStructure(actor, b.structureId);
