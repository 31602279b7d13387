import { displayName } from '../../directory/index.js';
import type { ThreadListRow } from '../repository/threads.js';
import type { forumPage, reportsPage } from '../service/forums.js';
import type { threadPage } from '../service/threads.js';

type ForumPage = Awaited<ReturnType<typeof forumPage>>;
type ThreadPage = Awaited<ReturnType<typeof threadPage>>;
type ReportsPage = Awaited<ReturnType<typeof reportsPage>>;

export const threadUnread = (r: ThreadListRow) => r.readAt === null || r.readAt < r.lastPostAt;

export function forumPageJson(p: ForumPage) {
  return {
    forum: {
      id: p.forum.id,
      kind: p.forum.kind,
      groupId: p.forum.groupId,
      name: p.name,
      schoolYear: p.forum.schoolYear,
      threads: p.total,
      unread: p.threads.filter(threadUnread).length,
      pupilsRead: p.forum.pupilsRead === 1,
      parentsRead: p.forum.parentsRead === 1,
      pupilsWrite: p.forum.pupilsWrite === 1,
    },
    canPost: p.canPost,
    whyNot: p.whyNot,
    moderator: p.moderator,
    subscribed: p.subscribed,
    openReports: p.openReports,
    total: p.total,
    threads: p.threads.map((r) => ({
      id: r.id,
      title: r.title,
      author: displayName(r),
      createdAt: r.createdAt,
      lastPostAt: r.lastPostAt,
      replies: r.replyCount,
      locked: r.locked === 1,
      hidden: r.hidden === 1,
      unread: threadUnread(r),
    })),
  };
}

export function threadPageJson(p: ThreadPage) {
  return {
    id: p.thread.id,
    forumId: p.forum.id,
    title: p.thread.title,
    locked: p.thread.locked === 1,
    lockReason: p.thread.lockReason,
    hidden: p.thread.hidden === 1,
    canReply: p.canReply,
    moderator: p.moderator,
    subscribed: p.subscribed,
    total: p.total,
    posts: p.posts.map((x) => ({
      id: x.id,
      author: x.author,
      opening: x.opening,
      createdAt: x.createdAt,
      hidden: x.hidden,
      hideReason: x.hideReason,
      body: x.body,
      editedAt: x.editedAt,
    })),
  };
}

export function reportsJson(p: ReportsPage) {
  return {
    items: p.reports.map((r) => ({
      id: r.id,
      reason: r.reason,
      createdAt: r.createdAt,
      reporter: displayName({ firstName: r.reporterFirstName, lastName: r.reporterLastName, usageName: r.reporterUsageName }),
      postId: r.postId,
      threadId: r.threadId,
      threadTitle: r.threadTitle,
      author: displayName({ firstName: r.authorFirstName, lastName: r.authorLastName, usageName: r.authorUsageName }),
      body: r.body,
    })),
  };
}
