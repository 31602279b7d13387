import { authorize, can, NotFound, type Actor } from '../../../kernel/authz/index.js';
import { newId, type Db } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { richText, htmlToText, htmlToTypedText } from '../../../kernel/rich-text.js';
import { displayName } from '../../directory/index.js';
import { messagingSettingsOf } from '../../messaging/index.js';
import { firstSendableAt } from '../../../kernel/quiet-hours.js';
import { t } from '../i18n/fr.js';
import { NOTIFY_JOB, REPORT_JOB } from '../jobs.js';
import { moderates } from '../policy.js';
import * as forums from '../repository/forums.js';
import * as threads from '../repository/threads.js';
import type { Deps } from './deps.js';
import { postFacts, threadFacts, forumFacts } from './facts.js';
import { forumName, placeNames, whyNoWriting } from './forums.js';

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const REASON_MAX = 500;

/** When a notice for this school may go: now, or at the end of its quiet hours. */
async function sendableAt(db: Db, structureId: string, now: Date): Promise<Date> {
  const hours = await messagingSettingsOf(db, structureId, now);
  return hours ? firstSendableAt(hours, now) : now;
}

function cleanBody(body: string, problems: Problems): string {
  const html = richText(body);
  problems.check(htmlToText(html).length > 0, 'body', t('forum.error.body')).check(body.length <= BODY_MAX, 'body', t('forum.error.bodyLong'));
  return html;
}

/** Opens a thread in a forum: its first post, the author following it, the forum's followers told (after quiet hours). */
export async function createThread(deps: Deps, actor: Actor, forumId: string, input: { title: string; body: string }) {
  const { forum, facts } = await forumFacts(deps, actor, forumId);
  authorize(actor, 'forum.forum.read', facts);
  authorize(actor, 'forum.thread.create', facts);
  const problems = new Problems();
  const title = input.title.trim();
  problems.check(title.length > 0 && title.length <= TITLE_MAX, 'title', t('forum.error.title'));
  const body = cleanBody(input.body, problems);
  problems.throwIfAny('forum.invalid');
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = newId();
  const postId = newId();
  const runAt = await sendableAt(deps.db, forum!.structureId, now);
  await deps.db.transaction().execute(async (trx) => {
    await threads.insertThread(
      trx,
      {
        id,
        forumId,
        authorId: actor.personId,
        title,
        createdAt: at,
        lastPostAt: at,
        replyCount: 0,
        locked: 0,
        lockReason: null,
        hidden: 0,
        hideReason: null,
        moderatedBy: null,
        moderatedAt: null,
      },
      { id: postId, threadId: id, authorId: actor.personId, body, opening: 1, createdAt: at, hidden: 0, hideReason: null, hiddenBy: null, hiddenAt: null },
    );
    await threads.setSubscription(trx, actor.personId, forumId, id, true, at);
    await threads.markRead(trx, actor.personId, id, at);
    await enqueue(trx, NOTIFY_JOB, { postId }, { key: `${NOTIFY_JOB}:${postId}`, runAt });
  });
  return { id, postId };
}

/** Replies in a thread: the thread's followers are told (after quiet hours), the author follows it. */
export async function reply(deps: Deps, actor: Actor, threadId: string, input: { body: string }) {
  const { forum, facts } = await threadFacts(deps, actor, threadId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.post.create', facts);
  const problems = new Problems();
  const body = cleanBody(input.body, problems);
  problems.throwIfAny('forum.invalid');
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = newId();
  const runAt = await sendableAt(deps.db, forum!.structureId, now);
  await deps.db.transaction().execute(async (trx) => {
    await threads.insertReply(trx, {
      id,
      threadId,
      authorId: actor.personId,
      body,
      opening: 0,
      createdAt: at,
      hidden: 0,
      hideReason: null,
      hiddenBy: null,
      hiddenAt: null,
    });
    await threads.setSubscription(trx, actor.personId, forum!.id, threadId, true, at);
    await threads.markRead(trx, actor.personId, threadId, at);
    await enqueue(trx, NOTIFY_JOB, { postId: id }, { key: `${NOTIFY_JOB}:${id}`, runAt });
  });
  return { id };
}

export const POSTS_PER_PAGE = 30;

/** A thread's page: its posts (paginated), what the actor may do; opening it marks it read. */
export async function threadPage(deps: Deps, actor: Actor, threadId: string, page: { limit: number; offset: number }) {
  const { thread, forum, facts } = await threadFacts(deps, actor, threadId);
  authorize(actor, 'forum.thread.read', facts);
  const moderator = moderates(actor, facts);
  const [posts, subscribed, moderations, names] = await Promise.all([
    threads.listPosts(deps.db, threadId, actor.personId, moderator, page),
    threads.isSubscribed(deps.db, actor.personId, forum!.id, threadId),
    moderator ? threads.moderationsOf(deps.db, threadId) : Promise.resolve([]),
    placeNames(deps, forum!),
  ]);
  await threads.markRead(deps.db, actor.personId, threadId, deps.clock.now().toISOString());
  const canReport = facts.current && can(actor, 'forum.thread.read', facts);
  return {
    thread: thread!,
    forum: forum!,
    forumName: forumName({ kind: forum!.kind, ...names }),
    current: facts.current,
    moderator,
    canReply: can(actor, 'forum.post.create', facts),
    canModerate: can(actor, 'forum.thread.moderate', facts),
    whyNot: thread!.locked ? t('forum.why.locked') : whyNoWriting(actor, facts),
    subscribed,
    posts: posts.rows.map((p) => ({
      id: p.id,
      authorId: p.authorId,
      author: displayName(p),
      profile: p.profile,
      opening: p.opening === 1,
      createdAt: p.createdAt,
      hidden: p.hidden === 1,
      hideReason: p.hideReason,
      body: p.body,
      mine: p.authorId === actor.personId,
      editedAt: p.editedAt ?? null,
      editable: p.authorId === actor.personId && p.hidden === 0 && can(actor, 'forum.post.edit', { ...facts, postAuthorId: p.authorId, postHidden: false }),
      reportable: canReport && p.authorId !== actor.personId && p.hidden === 0,
    })),
    total: posts.total,
    page,
    moderations: moderations.map((m) => ({ ...m, moderator: displayName(m) })),
  };
}

/** A post as its author corrects it: the text as typed, after the same rule as the change. */
export async function editablePost(deps: Deps, actor: Actor, postId: string) {
  const { post, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.post.edit', facts);
  return { id: post!.id, threadId: post!.threadId, body: htmlToTypedText(post!.body) };
}

/** Replaces a post's text by its author; readers see it marked as corrected, nobody is told again. */
export async function editPost(deps: Deps, actor: Actor, postId: string, input: { body: string }) {
  const { post, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.post.edit', facts);
  const problems = new Problems();
  const body = cleanBody(input.body, problems);
  problems.throwIfAny('forum.invalid');
  const at = deps.clock.now().toISOString();
  await threads.updatePostBody(deps.db, postId, body, at);
  return { threadId: post!.threadId, editedAt: at };
}

export type ThreadModeration = 'lock' | 'unlock' | 'hide' | 'unhide';

function requireReason(reason: string, action: ThreadModeration) {
  const text = reason.trim();
  new Problems()
    .check((action === 'unlock' || action === 'unhide' || text.length > 0) && text.length <= REASON_MAX, 'reason', t('forum.error.reason'))
    .throwIfAny('forum.invalid');
  return text;
}

/** Locks, unlocks, hides or shows a thread again, with a reason; every act is kept. */
export async function moderateThread(deps: Deps, actor: Actor, threadId: string, action: ThreadModeration, reason: string) {
  const { thread, forum, facts } = await threadFacts(deps, actor, threadId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.thread.moderate', facts);
  const why = requireReason(reason, action);
  const at = deps.clock.now().toISOString();
  const values =
    action === 'lock'
      ? { locked: 1, lockReason: why }
      : action === 'unlock'
        ? { locked: 0, lockReason: null }
        : action === 'hide'
          ? { hidden: 1, hideReason: why }
          : { hidden: 0, hideReason: null };
  await deps.db.transaction().execute(async (trx) => {
    await threads.setThreadState(trx, threadId, values, actor.personId, at);
    await threads.logModeration(trx, { id: newId(), forumId: forum!.id, threadId, postId: null, action, reason: why, moderatorId: actor.personId, at });
  });
  return thread!;
}

/** Hides or shows one post again, with a reason; hiding closes its open reports. The opening post hides the thread's text, not the thread. */
export async function moderatePost(deps: Deps, actor: Actor, postId: string, action: 'hide' | 'unhide', reason: string) {
  const { post, forum, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.post.moderate', facts);
  const why = requireReason(reason, action);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await threads.setPostHidden(trx, post!, action === 'hide', why, actor.personId, at);
    await threads.logModeration(trx, {
      id: newId(),
      forumId: forum!.id,
      threadId: post!.threadId,
      postId,
      action,
      reason: why,
      moderatorId: actor.personId,
      at,
    });
    if (action === 'hide') await threads.resolveReports(trx, { postId }, 'hidden', actor.personId, at);
  });
  return post!;
}

/** A reader reports someone else's post with a reason; the forum's moderators are told. */
export async function reportPost(deps: Deps, actor: Actor, postId: string, reason: string) {
  const { post, forum, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.post.report', facts);
  const text = reason.trim();
  new Problems().check(text.length > 0 && text.length <= REASON_MAX, 'reason', t('forum.error.reportReason')).throwIfAny('forum.invalid');
  const now = deps.clock.now();
  const id = newId();
  const runAt = await sendableAt(deps.db, forum!.structureId, now);
  await deps.db.transaction().execute(async (trx) => {
    await threads.insertReport(trx, {
      id,
      postId,
      reporterId: actor.personId,
      reason: text,
      createdAt: now.toISOString(),
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    });
    await enqueue(trx, REPORT_JOB, { reportId: id }, { key: `${REPORT_JOB}:${id}`, runAt });
  });
  return { id, threadId: post!.threadId };
}

/** A moderator keeps a reported post as it is: the report is closed. */
export async function dismissReport(deps: Deps, actor: Actor, reportId: string) {
  const report = await threads.findReport(deps.db, reportId);
  const found = report ? await postFacts(deps, actor, report.postId) : { facts: null, forum: undefined };
  authorize(actor, 'forum.thread.read', found.facts);
  authorize(actor, 'forum.post.moderate', found.facts);
  await threads.resolveReports(deps.db, { reportId }, 'kept', actor.personId, deps.clock.now().toISOString());
  return { forumId: found.forum!.id };
}

/** Follows or stops following a thread (its replies). */
export async function subscribeThread(deps: Deps, actor: Actor, threadId: string, on: boolean) {
  const { forum, facts } = await threadFacts(deps, actor, threadId);
  authorize(actor, 'forum.thread.read', facts);
  authorize(actor, 'forum.subscription.manage', facts);
  await threads.setSubscription(deps.db, actor.personId, forum!.id, threadId, on, deps.clock.now().toISOString());
}

/** The thread of a post the actor has just been refused a change on (the page shows it again). */
export async function threadIdOfPost(deps: Deps, postId: string): Promise<string> {
  const post = await threads.findPost(deps.db, postId);
  if (!post) throw new NotFound();
  return post.threadId;
}

export { forums };
