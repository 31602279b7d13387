/** A class's forum, the school's forum, or the staff room. */
export type ForumKind = 'class' | 'school' | 'staff';

/** One forum of a school year; created on first use, one per class, one school forum and one staff room per school. */
export interface ForumsTable {
  id: string;
  /** `class:<groupId>`, `school:<structureId>:<year>` or `staff:<structureId>:<year>`: one forum per place and year. */
  placeKey: string;
  kind: ForumKind;
  structureId: string;
  /** The class, for a class forum. */
  groupId: string | null;
  schoolYear: string;
  /** Pupils read it: always for a class forum, as configured for the school forum, never for the staff room. */
  pupilsRead: number;
  /** Parents read it: when the teacher (class) or the director (school) opens it to them; never the staff room. */
  parentsRead: number;
  /** A teacher (or the director) opened writing to pupils. */
  pupilsWrite: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** A discussion in a forum; its opening message is its first post. */
export interface ForumThreadsTable {
  id: string;
  forumId: string;
  authorId: string;
  title: string;
  createdAt: string;
  /** The newest visible post: threads list by it, unread markers compare to it. */
  lastPostAt: string;
  /** Visible replies (the opening post not counted). */
  replyCount: number;
  locked: number;
  lockReason: string | null;
  hidden: number;
  hideReason: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
}

/** A message in a thread: the opening one, then the replies. Never deleted; hidden by a moderator with a reason. */
export interface ForumPostsTable {
  id: string;
  threadId: string;
  authorId: string;
  /** Sanitised HTML (the kernel's rich text). */
  body: string;
  opening: number;
  createdAt: string;
  hidden: number;
  hideReason: string | null;
  hiddenBy: string | null;
  hiddenAt: string | null;
  /** When its author last corrected it (null: never). */
  editedAt?: string | null;
}

/** A reader's report of a post to the forum's moderators. */
export interface ForumReportsTable {
  id: string;
  postId: string;
  reporterId: string;
  reason: string;
  createdAt: string;
  /** A moderator hid the post or kept it; null while open. */
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: 'hidden' | 'kept' | null;
}

/** Every moderation act, kept: lock, unlock, hide, unhide, with who, when and why. */
export interface ForumModerationsTable {
  id: string;
  forumId: string;
  threadId: string;
  postId: string | null;
  action: 'lock' | 'unlock' | 'hide' | 'unhide';
  reason: string;
  moderatorId: string;
  at: string;
}

/** Someone follows a forum (its new threads) or a thread (its replies). */
export interface ForumSubscriptionsTable {
  /** `forum:<id>:<personId>` or `thread:<id>:<personId>`. */
  id: string;
  personId: string;
  forumId: string;
  threadId: string | null;
  createdAt: string;
}

/** When a person last opened a thread: newer posts are unread. */
export interface ForumReadsTable {
  personId: string;
  threadId: string;
  readAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    forums: ForumsTable;
    forumThreads: ForumThreadsTable;
    forumPosts: ForumPostsTable;
    forumReports: ForumReportsTable;
    forumModerations: ForumModerationsTable;
    forumSubscriptions: ForumSubscriptionsTable;
    forumReads: ForumReadsTable;
  }
}
