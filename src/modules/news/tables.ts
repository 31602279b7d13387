/** Who a news item (or a calendar event) is for: a whole school, a class, its parents, the staff, a municipality's families. */
export type AudienceKind = 'school' | 'class' | 'parents' | 'staff' | 'municipality';

export interface NewsItemsTable {
  id: string;
  /** The school (or municipality) it is published in: every target of its audience belongs there. */
  structureId: string;
  authorId: string;
  title: string;
  /** Sanitised HTML (kernel/rich-text). */
  bodyHtml: string;
  /** Shown from this instant… */
  publishFrom: string;
  /** … until this one (null: no end). */
  publishTo: string | null;
  pinned: number;
  /** The resized image (EXIF removed), or null. */
  imageKey: string | null;
  imageAlt: string | null;
  /** `published`, or `withdrawn` by its author or a manager: kept, never deleted. */
  status: 'published' | 'withdrawn';
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One target of an item's audience; `audienceKey` is `kind:targetId`, what a reader's keys are matched on. */
export interface NewsAudiencesTable {
  newsId: string;
  kind: AudienceKind;
  targetId: string;
  audienceKey: string;
}

/** When a person first opened an item. */
export interface NewsReadsTable {
  newsId: string;
  personId: string;
  readAt: string;
}

export interface NewsAttachmentsTable {
  id: string;
  newsId: string;
  blobKey: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    newsItems: NewsItemsTable;
    newsAudiences: NewsAudiencesTable;
    newsReads: NewsReadsTable;
    newsAttachments: NewsAttachmentsTable;
  }
}
