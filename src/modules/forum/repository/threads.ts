// Threads, posts, reports, moderation acts, subscriptions and read markers.
import type { Db } from '../../../kernel/db/index.js';
import type { ForumModerationsTable, ForumPostsTable, ForumReportsTable, ForumThreadsTable } from '../tables.js';

export type ThreadRow = ForumThreadsTable;
export type PostRow = ForumPostsTable;

export async function findThread(db: Db, id: string): Promise<ThreadRow | undefined> {
  return db.selectFrom('forumThreads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPost(db: Db, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('forumPosts').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ThreadListRow {
  id: string;
  title: string;
  authorId: string;
  firstName: string;
  lastName: string;
  usageName: string | null;
  createdAt: string;
  lastPostAt: string;
  replyCount: number;
  locked: number;
  hidden: number;
  readAt: string | null;
}

/** A forum's threads, latest activity first; hidden ones only for its moderators. */
export async function listThreads(db: Db, forumId: string, personId: string, moderator: boolean, page: { limit: number; offset: number }) {
  let q = db
    .selectFrom('forumThreads')
    .innerJoin('people', 'people.id', 'forumThreads.authorId')
    .leftJoin('forumReads', (j) => j.onRef('forumReads.threadId', '=', 'forumThreads.id').on('forumReads.personId', '=', personId))
    .where('forumThreads.forumId', '=', forumId);
  if (!moderator) q = q.where('forumThreads.hidden', '=', 0);
  const [rows, total] = await Promise.all([
    q
      .select([
        'forumThreads.id',
        'forumThreads.title',
        'forumThreads.authorId',
        'people.firstName',
        'people.lastName',
        'people.usageName',
        'forumThreads.createdAt',
        'forumThreads.lastPostAt',
        'forumThreads.replyCount',
        'forumThreads.locked',
        'forumThreads.hidden',
        'forumReads.readAt',
      ])
      .orderBy('forumThreads.lastPostAt', 'desc')
      .orderBy('forumThreads.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows: rows as ThreadListRow[], total: Number(total?.n ?? 0) };
}

/** A thread's posts, oldest first; a hidden post's text only for its author and the moderators (blanked in SQL). */
export async function listPosts(db: Db, threadId: string, personId: string, moderator: boolean, page: { limit: number; offset: number }) {
  const base = db.selectFrom('forumPosts').where('forumPosts.threadId', '=', threadId);
  const [rows, total] = await Promise.all([
    base
      .innerJoin('people', 'people.id', 'forumPosts.authorId')
      .select((eb) => [
        'forumPosts.id',
        'forumPosts.authorId',
        'people.firstName',
        'people.lastName',
        'people.usageName',
        'people.profile',
        'forumPosts.opening',
        'forumPosts.createdAt',
        'forumPosts.hidden',
        'forumPosts.hiddenAt',
        'forumPosts.editedAt',
        moderator
          ? eb.ref('forumPosts.body').as('body')
          : eb
              .case()
              .when(eb.or([eb('forumPosts.hidden', '=', 0), eb('forumPosts.authorId', '=', personId)]))
              .then(eb.ref('forumPosts.body'))
              .else('')
              .end()
              .as('body'),
        moderator
          ? eb.ref('forumPosts.hideReason').as('hideReason')
          : eb.case().when('forumPosts.authorId', '=', personId).then(eb.ref('forumPosts.hideReason')).else(null).end().as('hideReason'),
      ])
      .orderBy('forumPosts.opening', 'desc')
      .orderBy('forumPosts.createdAt')
      .orderBy('forumPosts.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function insertThread(db: Db, thread: ThreadRow, post: PostRow) {
  await db.insertInto('forumThreads').values(thread).execute();
  await db.insertInto('forumPosts').values(post).execute();
}

export async function insertReply(db: Db, post: PostRow) {
  await db.insertInto('forumPosts').values(post).execute();
  await db
    .updateTable('forumThreads')
    .set((eb) => ({ lastPostAt: post.createdAt, replyCount: eb('replyCount', '+', 1) }))
    .where('id', '=', post.threadId)
    .execute();
}

export async function setThreadState(
  db: Db,
  threadId: string,
  values: Partial<Pick<ThreadRow, 'locked' | 'lockReason' | 'hidden' | 'hideReason'>>,
  by: string,
  at: string,
) {
  await db
    .updateTable('forumThreads')
    .set({ ...values, moderatedBy: by, moderatedAt: at })
    .where('id', '=', threadId)
    .execute();
}

export async function updatePostBody(db: Db, id: string, body: string, at: string) {
  await db.updateTable('forumPosts').set({ body, editedAt: at }).where('id', '=', id).execute();
}

export async function setPostHidden(db: Db, post: PostRow, hidden: boolean, reason: string, by: string, at: string) {
  await db
    .updateTable('forumPosts')
    .set({ hidden: hidden ? 1 : 0, hideReason: hidden ? reason : null, hiddenBy: hidden ? by : null, hiddenAt: hidden ? at : null })
    .where('id', '=', post.id)
    .execute();
  if (post.opening) return;
  // The visible replies are counted again: hiding one takes it out of the count.
  const visible = await db
    .selectFrom('forumPosts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('threadId', '=', post.threadId)
    .where('opening', '=', 0)
    .where('hidden', '=', 0)
    .executeTakeFirst();
  await db
    .updateTable('forumThreads')
    .set({ replyCount: Number(visible?.n ?? 0) })
    .where('id', '=', post.threadId)
    .execute();
}

export async function logModeration(db: Db, row: ForumModerationsTable) {
  await db.insertInto('forumModerations').values(row).execute();
}

export async function moderationsOf(db: Db, threadId: string) {
  return db
    .selectFrom('forumModerations')
    .innerJoin('people', 'people.id', 'forumModerations.moderatorId')
    .select([
      'forumModerations.id',
      'forumModerations.postId',
      'forumModerations.action',
      'forumModerations.reason',
      'forumModerations.at',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('forumModerations.threadId', '=', threadId)
    .orderBy('forumModerations.at', 'desc')
    .orderBy('forumModerations.id')
    .limit(50)
    .execute();
}

export async function insertReport(db: Db, row: ForumReportsTable) {
  await db.insertInto('forumReports').values(row).execute();
}

export async function findReport(db: Db, id: string) {
  return db.selectFrom('forumReports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Open reports of a forum's posts, oldest first, with the post and its thread. */
export async function openReports(db: Db, forumId: string) {
  return db
    .selectFrom('forumReports')
    .innerJoin('forumPosts', 'forumPosts.id', 'forumReports.postId')
    .innerJoin('forumThreads', 'forumThreads.id', 'forumPosts.threadId')
    .innerJoin('people as reporter', 'reporter.id', 'forumReports.reporterId')
    .innerJoin('people as author', 'author.id', 'forumPosts.authorId')
    .select([
      'forumReports.id',
      'forumReports.reason',
      'forumReports.createdAt',
      'forumReports.postId',
      'forumPosts.body',
      'forumPosts.hidden',
      'forumThreads.id as threadId',
      'forumThreads.title as threadTitle',
      'reporter.firstName as reporterFirstName',
      'reporter.lastName as reporterLastName',
      'reporter.usageName as reporterUsageName',
      'author.firstName as authorFirstName',
      'author.lastName as authorLastName',
      'author.usageName as authorUsageName',
    ])
    .where('forumThreads.forumId', '=', forumId)
    .where('forumReports.resolvedAt', 'is', null)
    .orderBy('forumReports.createdAt')
    .orderBy('forumReports.id')
    .limit(200)
    .execute();
}

export async function countOpenReports(db: Db, forumId: string): Promise<number> {
  const row = await db
    .selectFrom('forumReports')
    .innerJoin('forumPosts', 'forumPosts.id', 'forumReports.postId')
    .innerJoin('forumThreads', 'forumThreads.id', 'forumPosts.threadId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('forumThreads.forumId', '=', forumId)
    .where('forumReports.resolvedAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Closes the open reports of a post (or one report), saying how. */
export async function resolveReports(db: Db, target: { postId: string } | { reportId: string }, resolution: 'hidden' | 'kept', by: string, at: string) {
  let q = db.updateTable('forumReports').set({ resolvedAt: at, resolvedBy: by, resolution }).where('resolvedAt', 'is', null);
  q = 'postId' in target ? q.where('postId', '=', target.postId) : q.where('id', '=', target.reportId);
  await q.execute();
}

export const subscriptionId = (kind: 'forum' | 'thread', id: string, personId: string) => `${kind}:${id}:${personId}`;

export async function setSubscription(db: Db, personId: string, forumId: string, threadId: string | null, on: boolean, at: string) {
  const id = subscriptionId(threadId ? 'thread' : 'forum', threadId ?? forumId, personId);
  if (!on) {
    await db.deleteFrom('forumSubscriptions').where('id', '=', id).execute();
    return;
  }
  await db
    .insertInto('forumSubscriptions')
    .values({ id, personId, forumId, threadId, createdAt: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function isSubscribed(db: Db, personId: string, forumId: string, threadId: string | null): Promise<boolean> {
  const id = subscriptionId(threadId ? 'thread' : 'forum', threadId ?? forumId, personId);
  return !!(await db.selectFrom('forumSubscriptions').select('id').where('id', '=', id).executeTakeFirst());
}

export async function markRead(db: Db, personId: string, threadId: string, at: string) {
  await db
    .insertInto('forumReads')
    .values({ personId, threadId, readAt: at })
    .onConflict((oc) => oc.columns(['personId', 'threadId']).doUpdateSet({ readAt: at }))
    .execute();
}
