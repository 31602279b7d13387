import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import * as comments from '../repository/comments.js';
import * as repo from '../repository/posts.js';
import type { Deps } from './deps.js';
import { ownerOf, postFacts } from './facts.js';

export const COMMENT_MAX = 2000;

/** A parent's comment: kept waiting until a teacher of the class approves it; the teachers are told. */
export async function addComment(deps: Deps, actor: Actor, postId: string, body: string) {
  const { post, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'blog.comment.create', facts);
  const text = body.trim();
  new Problems().check(text.length > 0 && text.length <= COMMENT_MAX, 'body', t('blog.error.comment')).throwIfAny('blog.invalid');
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await comments.insertComment(trx, {
      id,
      postId,
      authorId: actor.personId,
      body: text,
      status: 'pending',
      moderatedBy: null,
      moderatedAt: null,
      createdAt: now,
    });
    const people = await repo.blogPeople(trx, ownerOf(post!));
    await deps.events.publish(
      trx,
      'blog.notice',
      {
        recipients: people.teachers,
        source: `blog.comment:${id}`,
        title: withLocale('fr', () => t('blog.notice.comment', post!.title)),
        body: null,
        link: `/blog/posts/${postId}`,
      },
      { key: `blog.comment:${id}` },
    );
  });
  return { id };
}

/** Approves or rejects a comment; a rejected one stays in the database with who and when. */
export async function moderateComment(deps: Deps, actor: Actor, commentId: string, approve: boolean) {
  const comment = await comments.findComment(deps.db, commentId);
  const { facts } = comment ? await postFacts(deps, actor, comment.postId) : { facts: null };
  authorize(actor, 'blog.comment.moderate', facts);
  await comments.moderate(deps.db, commentId, approve ? 'approved' : 'rejected', actor.personId, deps.clock.now().toISOString());
  return comment!;
}
