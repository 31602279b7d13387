// The forum's deferred work: notices of a new thread or reply to those who follow it, and of a
// report to the moderators; in-app and by e-mail, enqueued with the change at the end of the
// school's quiet hours; e-mail only to those who asked for e-mail notices (the messaging preference).
import type { Db } from '../../kernel/db/index.js';
import { enqueue, type JobRunner } from '../../kernel/jobs/index.js';
import type { Mailer } from '../../kernel/mail/index.js';
import { htmlToText } from '../../kernel/rich-text.js';
import { emailNoticeTakers } from '../messaging/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import * as forums from './repository/forums.js';
import * as threads from './repository/threads.js';

export const NOTIFY_JOB = 'forum.post.notify';
export const REPORT_JOB = 'forum.report.notify';
export const MAIL_JOB = 'forum.mail';

export interface JobDeps {
  db: Db;
  mailer: Mailer | null;
  publicUrl: string;
}

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

/** Registers the handlers; a retry writes nothing twice (each notice has a source key per recipient, each e-mail a job key). */
export function registerForumJobs(jobs: JobRunner, deps: JobDeps): void {
  const { db } = deps;
  jobs.register<{ postId: string }>(NOTIFY_JOB, async ({ postId }, { now }) => {
    const post = await threads.findPost(db, postId);
    const thread = post && (await threads.findThread(db, post.threadId));
    const forum = thread && (await forums.findForum(db, thread.forumId));
    // Hidden meanwhile: nothing to tell.
    if (!post || !thread || !forum || post.hidden || thread.hidden) return;
    const people = await followers(db, forum, post.opening ? null : thread.id, post.authorId);
    const title = post.opening ? t('forum.notice.thread', thread.title) : t('forum.notice.reply', thread.title);
    const link = `/forum/threads/${thread.id}#post-${post.id}`;
    await notify(db, { recipients: people.map((p) => p.id), kind: 'forum.post', source: `forum.post:${postId}`, title, body: excerpt(post.body), link }, now);
    for (const p of await emailNoticeTakers(
      db,
      people.map((x) => x.id),
    ))
      await enqueue(db, MAIL_JOB, { personId: p.id, title, body: excerpt(post.body), link }, { key: `${MAIL_JOB}:${postId}:${p.id}` });
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
    await notify(db, { recipients: moderators, kind: 'forum.report', source: `forum.report:${reportId}`, title, body: report.reason, link }, now);
    for (const p of await emailNoticeTakers(db, moderators))
      await enqueue(db, MAIL_JOB, { personId: p.id, title, body: report.reason, link }, { key: `${MAIL_JOB}:report:${reportId}:${p.id}` });
  });
  jobs.register<{ personId: string; title: string; body: string; link: string }>(MAIL_JOB, async ({ personId, title, body, link }) => {
    if (!deps.mailer) return;
    const person = await db.selectFrom('people').select(['email', 'status']).where('id', '=', personId).executeTakeFirst();
    if (!person?.email || person.status !== 'active') return;
    await deps.mailer.send({ to: person.email, subject: title, text: `${title}\n\n${body}\n\n${t('forum.notice.open', `${deps.publicUrl}${link}`)}\n` });
  });
}
