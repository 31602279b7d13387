// The forum's deferred work: notices of a new thread or reply to those who follow it, and of a
// report to the moderators; in-app and by e-mail, enqueued with the change at the end of the
// school's quiet hours. The e-mail goes with the messaging's notices, to those who asked for them
// (the messaging preference: each one, or in the daily digest).
import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { DEFAULT_QUIET_HOURS } from '../../kernel/quiet-hours.js';
import { htmlToText } from '../../kernel/rich-text.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import * as forums from './repository/forums.js';
import * as threads from './repository/threads.js';

export const NOTIFY_JOB = 'forum.post.notify';
export const REPORT_JOB = 'forum.report.notify';

const hoursOf = async (db: Db, forum: forums.ForumRow, now: Date) => (await messagingSettingsOf(db, forum.structureId, now)) ?? DEFAULT_QUIET_HOURS;

const excerpt = (html: string) => {
  const text = htmlToText(html);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};

/** Followers of the forum (a new thread) or of the thread (a reply) who still read the forum, the author left out. */
async function followers(db: Db, forum: forums.ForumRow, threadId: string | null, authorId: string): Promise<{ id: string }[]> {
  let q = db
    .selectFrom('forumSubscriptions')
    .innerJoin('people', 'people.id', 'forumSubscriptions.personId')
    .select('people.id')
    .where('forumSubscriptions.forumId', '=', forum.id)
    .where('people.status', '=', 'active')
    .where('people.id', '!=', authorId)
    .where('people.id', 'in', forums.audienceOf(db, forum, { withModerators: true }));
  q = threadId ? q.where('forumSubscriptions.threadId', '=', threadId) : q.where('forumSubscriptions.threadId', 'is', null);
  return q.execute();
}

/** Registers the handlers; a retry writes nothing twice (each notice, and so its e-mail, has a source key per recipient). */
export function registerForumJobs(jobs: JobRunner, db: Db): void {
  jobs.register<{ postId: string }>(NOTIFY_JOB, async ({ postId }, { now }) => {
    const post = await threads.findPost(db, postId);
    const thread = post && (await threads.findThread(db, post.threadId));
    const forum = thread && (await forums.findForum(db, thread.forumId));
    // Hidden meanwhile: nothing to tell.
    if (!post || !thread || !forum || post.hidden || thread.hidden) return;
    const people = await followers(db, forum, post.opening ? null : thread.id, post.authorId);
    const title = post.opening ? t('forum.notice.thread', thread.title) : t('forum.notice.reply', thread.title);
    const link = `/forum/threads/${thread.id}#post-${post.id}`;
    const email = await hoursOf(db, forum, now);
    await notify(
      db,
      { recipients: people.map((p) => p.id), kind: 'forum.post', source: `forum.post:${postId}`, title, body: excerpt(post.body), link, email },
      now,
    );
  });
  jobs.register<{ reportId: string }>(REPORT_JOB, async ({ reportId }, { now }) => {
    const report = await threads.findReport(db, reportId);
    const post = report && (await threads.findPost(db, report.postId));
    const thread = post && (await threads.findThread(db, post.threadId));
    const forum = thread && (await forums.findForum(db, thread.forumId));
    if (!report || !post || !thread || !forum || report.resolvedAt) return;
    const moderators = (await forums.moderatorIds(db, forum)).filter((id) => id !== report.reporterId);
    const title = t('forum.notice.report', thread.title);
    const link = `/forum/forums/${forum.id}/reports`;
    const email = await hoursOf(db, forum, now);
    await notify(db, { recipients: moderators, kind: 'forum.report', source: `forum.report:${reportId}`, title, body: report.reason, link, email }, now);
  });
}
