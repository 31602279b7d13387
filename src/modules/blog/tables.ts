/** Where a post stands: a pupil's post waits for the teacher (`pending`); `published` shows it to its audience. */
export type PostStatus = 'draft' | 'pending' | 'published';
/** Who reads a published post: the class (or the school) only, or with its families too. */
export type PostAudience = 'class' | 'families';
export type CommentStatus = 'pending' | 'approved' | 'rejected';

/** What the class's teachers allow on their blog; no row means neither. */
export interface BlogSettingsTable {
  groupId: string;
  pupilsWrite: number;
  parentsComment: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** A school's blog, opened by its direction; no row means the school has none. */
export interface BlogSchoolsTable {
  structureId: string;
  pupilsWrite: number;
  parentsComment: number;
  openedAt: string;
  openedBy: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** A post of a class blog, or of its school's blog when it has no class. */
export interface BlogPostsTable {
  id: string;
  structureId: string;
  /** The class whose blog it is in; null for the school's blog (`structureId`). */
  groupId: string | null;
  authorId: string;
  title: string;
  /** Sanitised HTML. */
  body: string;
  status: PostStatus;
  audience: PostAudience;
  publishedAt: string | null;
  /** Who published it (the teacher who validated a pupil's post). */
  publishedBy: string | null;
  /** Set when a change of photo consent made a published post non-compliant: families no longer see it. */
  familiesHiddenAt: string | null;
  /** Removed by a person: kept, with who and when, never shown again. */
  deletedAt: string | null;
  deletedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A photo or a video of a post. Photos keep only their re-encoded variants (no original, no metadata). */
export interface BlogMediaTable {
  id: string;
  postId: string;
  kind: 'image' | 'video';
  fileName: string;
  /** Screen-sized image (≤ 1600 px), or the video itself. */
  blobKey: string;
  /** Thumbnail (≤ 320 px); null for a video. */
  thumbKey: string | null;
  thumbSize: number | null;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbWidth: number | null;
  thumbHeight: number | null;
  caption: string;
  position: number;
  /** Taken off the post by a person (kept with who and when). */
  removedAt: string | null;
  removedBy: string | null;
  createdAt: string;
}

/** A pupil the teacher says appears in a photo. */
export interface BlogMediaTagsTable {
  mediaId: string;
  studentId: string;
}

/** A parent's comment; shown once a teacher approved it. */
export interface BlogCommentsTable {
  id: string;
  postId: string;
  authorId: string;
  body: string;
  status: CommentStatus;
  moderatedBy: string | null;
  moderatedAt: string | null;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    blogSettings: BlogSettingsTable;
    blogSchools: BlogSchoolsTable;
    blogPosts: BlogPostsTable;
    blogMedia: BlogMediaTable;
    blogMediaTags: BlogMediaTagsTable;
    blogComments: BlogCommentsTable;
  }
}
